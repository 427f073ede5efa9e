package io.krylovforge.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A small independent NPY/NPZ reader for tests: parses the v1.0 header and little-endian data. */
final class NpyReader {
    private static final Pattern DICT = Pattern.compile(
            "\\{'descr': '([^']+)', 'fortran_order': (True|False), 'shape': \\(([^)]*)\\), \\}\\s*\\n");

    /** One array: descr, shape, values as doubles (ints and bools converted), header length. */
    record Array(String descr, long[] shape, double[] values, long[] longs, int headerBytes) {
        int count() {
            return values.length;
        }
    }

    private NpyReader() {
    }

    static Map<String, Array> readNpz(Path file) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                try (InputStream in = zip.getInputStream(e)) {
                    String name = e.getName();
                    if (!name.endsWith(".npy")) {
                        throw new IOException("not an npy entry: " + name);
                    }
                    out.put(name.substring(0, name.length() - 4), read(in.readAllBytes()));
                }
            }
        }
        return out;
    }

    static Array read(byte[] b) throws IOException {
        if ((b[0] & 0xFF) != 0x93 || b[1] != 'N' || b[2] != 'U' || b[3] != 'M' || b[4] != 'P' || b[5] != 'Y') {
            throw new IOException("bad magic");
        }
        if (b[6] != 1 || b[7] != 0) {
            throw new IOException("not version 1.0");
        }
        int hlen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        int start = 10 + hlen;
        if (start % 64 != 0) {
            throw new IOException("data not 64-aligned: " + start);
        }
        String dict = new String(b, 10, hlen, StandardCharsets.US_ASCII);
        Matcher m = DICT.matcher(dict);
        if (!m.matches()) {
            throw new IOException("bad header: " + dict);
        }
        if (!m.group(2).equals("False")) {
            throw new IOException("fortran order");
        }
        String[] parts = m.group(3).split(",");
        int dims = 0;
        long[] tmp = new long[parts.length];
        for (String p : parts) {
            if (!p.isBlank()) {
                tmp[dims++] = Long.parseLong(p.trim());
            }
        }
        long[] shape = java.util.Arrays.copyOf(tmp, dims);
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        ByteBuffer buf = ByteBuffer.wrap(b, start, b.length - start).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[(int) count];
        long[] l = new long[(int) count];
        String descr = m.group(1);
        int size = switch (descr) {
            case "<f8", "<i8" -> 8;
            case "<f4", "<i4" -> 4;
            case "|b1" -> 1;
            default -> throw new IOException("descr " + descr);
        };
        if (b.length - start != count * size) {
            throw new IOException("data length " + (b.length - start) + " != " + count * size);
        }
        for (int i = 0; i < count; i++) {
            switch (descr) {
                case "<f8" -> v[i] = buf.getDouble();
                case "<f4" -> v[i] = buf.getFloat();
                case "<i4" -> {
                    l[i] = buf.getInt();
                    v[i] = l[i];
                }
                case "<i8" -> {
                    l[i] = buf.getLong();
                    v[i] = l[i];
                }
                default -> {
                    l[i] = buf.get();
                    v[i] = l[i];
                }
            }
        }
        return new Array(descr, shape, v, l, start);
    }
}
