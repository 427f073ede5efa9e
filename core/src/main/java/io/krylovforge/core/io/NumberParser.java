package io.krylovforge.core.io;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses decimal numbers straight from ASCII bytes, returning bit for bit what
 * {@link Double#parseDouble} returns for the same text.
 *
 * <p>Method: the digits are gathered into an exact 64-bit mantissa (at most 19 significant
 * digits) and a decimal exponent. Then, in order: Clinger's fast path (mantissa &le; 2<sup>53</sup>
 * and |exponent| &le; 22: one correctly rounded multiply or divide by an exact power of ten);
 * the Eisel&ndash;Lemire algorithm (a 64&times;128-bit product with a truncated power of five,
 * which either proves the rounding or gives up); and, when both give up (more than 19
 * significant nonzero digits, subnormal results, huge exponents, exact halfway ambiguity),
 * {@link Double#parseDouble} on the token text.
 *
 * <p>Grammar (checked here, so the fallback never sees Java-only syntax such as {@code 1.5d}
 * or hex floats): {@code [+-] digits [. digits] [(e|E|d|D) [+-] digits]} with at least one
 * mantissa digit, where {@code d}/{@code D} is the Fortran exponent letter; also
 * {@code nan}, {@code inf}, {@code infinity} in any case with an optional sign.
 *
 * <p>References: W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990;
 * D. Lemire, "Number parsing at a gigabyte per second", Software: Practice and Experience 51(8),
 * 2021 (the routine follows Go's {@code strconv.eiselLemire64}).
 */
final class NumberParser {
    private static final long TWO_53 = 1L << 53;
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final int MIN_EXP10 = -342;
    private static final int MAX_EXP10 = 308;
    /** 128-bit truncated mantissas of 10^e, e in [MIN_EXP10, MAX_EXP10]: [2k] high, [2k+1] low. */
    private static final long[] POW10_128 = powersOfTen();
    /** Marks "no proof": Eisel-Lemire never produces this bit pattern itself. */
    private static final long FAIL = -1L;

    private NumberParser() {
    }

    /**
     * Parses {@code b[from, to)} as a double.
     *
     * @throws NumberFormatException when the text is not a decimal number
     */
    static double parseDouble(byte[] b, int from, int to) {
        int p = from;
        if (p >= to) {
            throw new NumberFormatException("empty number");
        }
        boolean neg = false;
        byte c = b[p];
        if (c == '-') {
            neg = true;
            p++;
        } else if (c == '+') {
            p++;
        }
        long mant = 0; // unsigned: 19 digits may exceed Long.MAX_VALUE
        int nd = 0; // significant digits held in mant
        int exp10 = 0;
        boolean inexact = false; // a nonzero digit did not fit into mant
        int digitStart = p;
        while (p < to) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (nd < 19) {
                if (mant != 0 || d != 0) { // leading zeros are not significant
                    mant = mant * 10 + d;
                    nd++;
                }
            } else {
                exp10++; // digit dropped from the integer part
                inexact |= d != 0;
            }
            p++;
        }
        int digits = p - digitStart;
        if (p < to && b[p] == '.') {
            p++;
            int fracStart = p;
            while (p < to) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (nd < 19) {
                    if (mant != 0 || d != 0) {
                        mant = mant * 10 + d;
                        nd++;
                    }
                    exp10--; // leading zeros after the point still scale
                } else {
                    inexact |= d != 0;
                }
                p++;
            }
            digits += p - fracStart;
        }
        if (digits == 0) {
            return parseSpecial(b, from, to);
        }
        if (p < to) {
            c = b[p];
            if (c == 'e' || c == 'E' || c == 'd' || c == 'D') {
                p++;
                boolean eneg = false;
                if (p < to && (b[p] == '-' || b[p] == '+')) {
                    eneg = b[p] == '-';
                    p++;
                }
                int expStart = p;
                int e = 0;
                while (p < to) {
                    int d = b[p] - '0';
                    if (d < 0 || d > 9) {
                        break;
                    }
                    if (e < 100_000) { // clamp: anything larger over/underflows anyway
                        e = e * 10 + d;
                    }
                    p++;
                }
                if (p == expStart) {
                    throw bad(b, from, to);
                }
                exp10 += eneg ? -e : e;
            }
        }
        if (p != to) {
            throw bad(b, from, to);
        }
        if (mant == 0) {
            return neg ? -0.0 : 0.0;
        }
        if (!inexact) {
            if (mant >= 0 && mant <= TWO_53 && exp10 >= -22 && exp10 <= 22) {
                // Clinger: both operands exact, so the single rounding is the correct one.
                double v = (double) mant;
                v = exp10 < 0 ? v / POW10[-exp10] : v * POW10[exp10];
                return neg ? -v : v;
            }
            long bits = eiselLemire(mant, exp10);
            if (bits != FAIL) {
                return Double.longBitsToDouble(neg ? bits | Long.MIN_VALUE : bits);
            }
        }
        return slowPath(b, from, to);
    }

    /**
     * Parses {@code b[from, to)} as a signed decimal integer ({@code [+-]digits}).
     *
     * @throws NumberFormatException when the text is not an integer or overflows a long
     */
    static long parseLong(byte[] b, int from, int to) {
        int p = from;
        boolean neg = false;
        if (p < to && (b[p] == '-' || b[p] == '+')) {
            neg = b[p] == '-';
            p++;
        }
        if (p >= to || to - p > 18) {
            return slowLong(b, from, to);
        }
        long v = 0;
        for (; p < to; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("not an integer: '" + text(b, from, to) + "'");
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    /**
     * Parses a 1-based index: {@code [+-]digits}; returns {@link Long#MIN_VALUE} when the
     * text is not an integer, and saturates at {@code Long.MAX_VALUE / 10} so that huge
     * values still read as "out of range" rather than wrapping.
     */
    static long parseIndex(byte[] b, int from, int to) {
        int p = from;
        boolean neg = false;
        if (p < to && (b[p] == '-' || b[p] == '+')) {
            neg = b[p] == '-';
            p++;
        }
        if (p >= to) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; p < to; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            if (v < Long.MAX_VALUE / 100) {
                v = v * 10 + d;
            }
        }
        return neg ? -v : v;
    }

    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static long slowLong(byte[] b, int from, int to) {
        try {
            return Long.parseLong(text(b, from, to));
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not an integer (or too large): '"
                    + text(b, from, to) + "'");
        }
    }

    private static double slowPath(byte[] b, int from, int to) {
        // The grammar was checked above, so only the exponent letter differs from Java's.
        char[] s = new char[to - from];
        for (int k = 0; k < s.length; k++) {
            char ch = (char) b[from + k];
            s[k] = ch == 'd' || ch == 'D' ? 'e' : ch;
        }
        return Double.parseDouble(new String(s));
    }

    private static double parseSpecial(byte[] b, int from, int to) {
        int p = from;
        boolean neg = false;
        if (p < to && (b[p] == '-' || b[p] == '+')) {
            neg = b[p] == '-';
            p++;
        }
        String word = text(b, p, to).toLowerCase(Locale.ROOT);
        switch (word) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "infinity":
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                throw bad(b, from, to);
        }
    }

    private static NumberFormatException bad(byte[] b, int from, int to) {
        return new NumberFormatException("not a number: '" + text(b, from, to) + "'");
    }

    /**
     * Eisel-Lemire: returns the bits of the correctly rounded positive double nearest
     * {@code mant * 10^exp10} (mant an exact nonzero unsigned 64-bit integer), or {@link #FAIL} when the truncated
     * product cannot decide the rounding or the result is subnormal or infinite.
     */
    static long eiselLemire(long mant, int exp10) {
        if (exp10 < MIN_EXP10 || exp10 > MAX_EXP10) {
            return FAIL;
        }
        int clz = Long.numberOfLeadingZeros(mant);
        long man = mant << clz;
        // floor(log2(10^exp10)) + 64 + bias - clz; 217706/2^16 approximates log2(10).
        long retExp2 = ((217706L * exp10) >> 16) + 64 + 1023 - clz;
        int idx = 2 * (exp10 - MIN_EXP10);
        long pHi = POW10_128[idx];
        long pLo = POW10_128[idx + 1];
        long xHi = unsignedMultiplyHigh(man, pHi);
        long xLo = man * pHi;
        if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + man, man) < 0) {
            // The 64-bit product is too close to a rounding boundary: widen with the low half.
            long yHi = unsignedMultiplyHigh(man, pLo);
            long yLo = man * pLo;
            long mergedHi = xHi;
            long mergedLo = xLo + yHi;
            if (Long.compareUnsigned(mergedLo, xLo) < 0) {
                mergedHi++;
            }
            if ((mergedHi & 0x1FF) == 0x1FF && mergedLo + 1 == 0
                    && Long.compareUnsigned(yLo + man, man) < 0) {
                return FAIL;
            }
            xHi = mergedHi;
            xLo = mergedLo;
        }
        long msb = xHi >>> 63;
        long retMantissa = xHi >>> (msb + 9);
        retExp2 -= 1 ^ msb;
        if (xLo == 0 && (xHi & 0x1FF) == 0 && (retMantissa & 3) == 1) {
            return FAIL; // exactly halfway: needs the full decimal to break the tie
        }
        retMantissa += retMantissa & 1;
        retMantissa >>>= 1;
        if ((retMantissa >>> 53) > 0) {
            retMantissa >>>= 1;
            retExp2 += 1;
        }
        if (retExp2 <= 0 || retExp2 >= 0x7FF) {
            return FAIL;
        }
        return (retExp2 << 52) | (retMantissa & 0x000F_FFFF_FFFF_FFFFL);
    }

    private static long unsignedMultiplyHigh(long x, long y) {
        // Math.unsignedMultiplyHigh arrives in Java 18; correct the signed high word by hand.
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    /** floor of 10^e scaled to exactly 128 bits, as two longs per power. */
    private static long[] powersOfTen() {
        long[] table = new long[2 * (MAX_EXP10 - MIN_EXP10 + 1)];
        BigInteger ten = BigInteger.TEN;
        for (int e = MIN_EXP10; e <= MAX_EXP10; e++) {
            BigInteger m;
            if (e >= 0) {
                BigInteger v = ten.pow(e);
                int shift = v.bitLength() - 128;
                m = shift >= 0 ? v.shiftRight(shift) : v.shiftLeft(-shift);
            } else {
                BigInteger d = ten.pow(-e);
                // 2^s / d lies in (2^127, 2^128) for s = 127 + bitLength(d): exactly 128 bits.
                m = BigInteger.ONE.shiftLeft(127 + d.bitLength()).divide(d);
            }
            int k = 2 * (e - MIN_EXP10);
            table[k] = m.shiftRight(64).longValue();
            table[k + 1] = m.longValue();
        }
        return table;
    }
}
