package io.krylovforge.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.krylovforge.core.linalg.CsrMatrix;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens and line numbers must not depend on where block boundaries fall. */
class ByteTokenizerTest {

    /** Hands out at most one byte per read call: every token straddles a boundary. */
    private static InputStream trickle(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static List<String> tokens(ByteTokenizer t) throws IOException {
        List<String> out = new ArrayList<>();
        while (t.next()) {
            out.add(t.tokenLine() + ":" + NumberParser.text(t.buffer(), t.start(), t.end()));
        }
        return out;
    }

    @Test
    void tokensAndLinesAcrossTinyBlocks() throws IOException {
        String longToken = "1." + "0".repeat(200) + "1";
        String text = "banner line\r\n% comment " + "x".repeat(150) + "\n\n 1\t2  3.5\r\n"
                + "%between\n4\n\n" + longToken + "\n  5";
        for (InputStream in : new InputStream[] {trickle(text),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))}) {
            ByteTokenizer t = new ByteTokenizer(in, 64);
            assertEquals("banner line", t.readLine());
            assertEquals(2, t.line());
            assertEquals(List.of("4:1", "4:2", "4:3.5", "6:4", "8:" + longToken, "9:5"), tokens(t));
            assertEquals(9, t.lastLine());
            assertFalse(t.next());
        }
    }

    @Test
    void lastLineIgnoresFinalNewlineAndReadLineHandlesLongLines() throws IOException {
        ByteTokenizer t = new ByteTokenizer(trickle("a\nb\n"), 64);
        assertEquals(List.of("1:a", "2:b"), tokens(t));
        assertEquals(2, t.lastLine());
        String longLine = "y".repeat(300);
        ByteTokenizer u = new ByteTokenizer(trickle(longLine + "\r\nz"), 64);
        assertEquals(longLine, u.readLine());
        assertEquals("z", u.readLine());
        assertNull(u.readLine());
        assertEquals(1, new ByteTokenizer(trickle(""), 64).lastLine());
    }

    @Test
    void sharedMatricesReadTheSameWithTinyBuffers() throws IOException {
        for (String name : new String[] {"494_bus.mtx", "west0479.mtx", "testmat0.mtx"}) {
            Path p = SharedMatrices.path(name);
            CsrMatrix big = MatrixMarket.read(p);
            CsrMatrix tiny;
            try (MatrixMarketReader r = new MatrixMarketReader(p, ReadOptions.defaults(), 64)) {
                tiny = r.readMatrix();
            }
            assertArrayEquals(big.rowPtr(), tiny.rowPtr(), name);
            assertArrayEquals(big.colIdx(), tiny.colIdx(), name);
            assertArrayEquals(big.values(), tiny.values(), 0.0, name);
        }
    }
}
