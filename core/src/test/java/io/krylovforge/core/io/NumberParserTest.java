package io.krylovforge.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumberParserTest {

    private static double parse(String s) {
        byte[] b = ("  " + s + " ").getBytes(StandardCharsets.ISO_8859_1);
        return NumberParser.parseDouble(b, 2, 2 + s.length());
    }

    private static void assertSameAsJava(String s) {
        String javaText = s.replace('d', 'e').replace('D', 'E');
        double expected = Double.parseDouble(javaText);
        double actual = parse(s);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "text '" + s + "': expected " + expected + " got " + actual);
    }

    /** Random doubles over the whole range, as bit patterns, plus decimal-looking values. */
    private static double randomDouble(SplittableRandom rnd) {
        switch (rnd.nextInt(4)) {
            case 0:
                double d;
                do {
                    d = Double.longBitsToDouble(rnd.nextLong());
                } while (!Double.isFinite(d));
                return d;
            case 1:
                return (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-30, 31));
            case 2:
                return rnd.nextInt(-100_000, 100_000) / (double) (1 << rnd.nextInt(0, 20));
            default:
                return rnd.nextLong() * Math.pow(10, rnd.nextInt(-320, 290));
        }
    }

    @Test
    void randomNumbersInManyFormatsMatchDoubleParseDouble() {
        SplittableRandom rnd = new SplittableRandom(20261125L);
        String[] formats = {"%.17g", "%.17e", "%.16e", "%.6e", "%g", "%.3f", "%.20e", "%.25g", "%.1e"};
        int count = Integer.getInteger("krylovforge.numberParserCount", 100_000);
        for (int k = 0; k < count; k++) {
            double x = randomDouble(rnd);
            String s;
            int style = rnd.nextInt(formats.length + 3);
            if (style < formats.length) {
                s = String.format(Locale.ROOT, formats[style], x);
            } else if (style == formats.length) {
                s = Double.toString(x);
            } else if (style == formats.length + 1) {
                s = Long.toString(rnd.nextLong() >> rnd.nextInt(64));
            } else {
                // Random digit strings: long mantissas, random point and exponent.
                StringBuilder sb = new StringBuilder();
                if (rnd.nextBoolean()) {
                    sb.append(rnd.nextBoolean() ? '-' : '+');
                }
                int n = rnd.nextInt(1, 30);
                int point = rnd.nextInt(0, n + 1);
                for (int i = 0; i < n; i++) {
                    if (i == point) {
                        sb.append('.');
                    }
                    sb.append((char) ('0' + rnd.nextInt(10)));
                }
                if (rnd.nextBoolean()) {
                    sb.append("eEdD".charAt(rnd.nextInt(4))).append(rnd.nextInt(-340, 320));
                }
                s = sb.toString();
            }
            if (rnd.nextInt(8) == 0) {
                s = s.replace('e', 'D'); // Fortran exponent
            }
            assertSameAsJava(s);
        }
    }

    @Test
    void hardCases() {
        String[] cases = {
            "0", "-0", "+0.0", "0e999999999", "1", "-1.0", "4.00000000000000000000e+000",
            "-1.2345678901234567e+00", "9007199254740993", "9007199254740992", "9007199254740991",
            "1e22", "1e23", "8.589973e9", "2.2250738585072011e-308", "2.2250738585072014e-308",
            "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "1e400",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999",
            "0.1", "0.3", "1.5D+03", "1.5d-3", "123456789012345678901234567890", ".5", "5.", "-.5e1",
            "0.000000000000000000000000000000001", "1.00000000000000011102230246251565404236316680908203125",
            "1.000000000000000111022302462515654042363166809082031250000001", "7.2057594037927933e16",
            "3.0517578125e-05", "1.448997445238699", "9.999999999999999e22", "5e-324", "1e-320"};
        for (String s : cases) {
            assertSameAsJava(s);
        }
    }

    @Test
    void specialValues() {
        assertEquals(Double.POSITIVE_INFINITY, parse("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-Infinity"));
        assertEquals(Double.POSITIVE_INFINITY, parse("+INF"));
        assertEquals(true, Double.isNaN(parse("nan")));
        assertEquals(true, Double.isNaN(parse("NaN")));
    }

    @Test
    void rejectsMalformedText() {
        String[] bad = {"", "-", "+", ".", "e5", "1e", "1e+", "1.5x", "1.5d", "1.5f", "0x1p3",
            "1..2", "1e5.5", "--1", "abc", "1,5", "infinit", "1 2"};
        for (String s : bad) {
            assertThrows(NumberFormatException.class, () -> parse(s), s);
        }
    }

    @Test
    void integersAndIndices() {
        byte[] b = "12 -7 +3 x 99999999999999999999 -9223372036854775808".getBytes(StandardCharsets.US_ASCII);
        assertEquals(12L, NumberParser.parseLong(b, 0, 2));
        assertEquals(-7L, NumberParser.parseLong(b, 3, 5));
        assertEquals(3L, NumberParser.parseIndex(b, 6, 8));
        assertEquals(Long.MIN_VALUE, NumberParser.parseIndex(b, 9, 10));
        assertThrows(NumberFormatException.class, () -> NumberParser.parseLong(b, 9, 10));
        assertThrows(NumberFormatException.class, () -> NumberParser.parseLong(b, 11, 31));
        assertEquals(Long.MIN_VALUE, NumberParser.parseLong(b, 32, b.length));
        assertEquals(true, NumberParser.parseIndex(b, 11, 31) > Integer.MAX_VALUE);
    }
}
