package io.krylovforge.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written to exhaust memory or confuse the reader (issue #20): every one must end in a
 * {@link MatrixMarketException} naming the file, never an OutOfMemoryError or a raw exception.
 */
class MatrixMarketHostileTest {
    private static final String GENERAL = "%%MatrixMarket matrix coordinate real general\n";

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path text(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Gzip of {@code head}, then {@code repeat} copies of {@code block}, then {@code tail}, as concatenated members. */
    private Path bomb(String name, String head, byte[] block, int repeat, String tail) throws IOException {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(member)) {
            gz.write(block);
        }
        byte[] m = member.toByteArray();
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(gzip(head.getBytes(StandardCharsets.ISO_8859_1)));
            for (int k = 0; k < repeat; k++) {
                out.write(m);
            }
            out.write(gzip(tail.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return p;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(b)) {
            gz.write(data);
        }
        return b.toByteArray();
    }

    private static MatrixMarketException fails(Path p, String fragment) {
        MatrixMarketException e = assertThrows(MatrixMarketException.class, () -> MatrixMarket.read(p));
        assertEquals(p.getFileName().toString(), e.fileName());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable: " + e.getMessage());
        return e;
    }

    @Test
    void declaredEntriesBeyondTheFileSizeAreRefusedBeforeAllocating() throws IOException {
        MatrixMarketException e = fails(text("many.mtx", GENERAL + "100000 100000 2000000000\n1 1 1\n"),
                "declares 2000000000 entries");
        assertEquals(2, e.line());
        fails(text("sym.mtx", "%%MatrixMarket matrix coordinate real symmetric\n100000 100000 1000000000\n1 1 1\n"),
                "room for at most");
        fails(text("three.mtx", GENERAL + "3 3 300000000\n1 1 1\n"), "declares 300000000 entries");
        fails(text("dense.mtx", "%%MatrixMarket matrix array real general\n30000 30000\n1\n"),
                "declares 900000000 values");
    }

    @Test
    void rowPointersLargerThanTheHeapAreRefused() throws IOException {
        MatrixMarketException e = fails(text("rows.mtx", GENERAL + "2000000000 2000000000 1\n1 1 1\n"),
                "Java heap is at most");
        assertEquals(2, e.line());
    }

    @Test
    void compressedFilesGrowStorageFromWhatIsRead() throws IOException {
        // 3e8 declared, 1 present: storage follows the entries read, so this ends in "premature end".
        Path p = file("lie.mtx.gz", gzip((GENERAL + "1000 1000 300000000\n1 1 1\n").getBytes(StandardCharsets.US_ASCII)));
        fails(p, "declares 300000000 entries but only 1 are complete");
        // An honest compressed file still reads, whatever its size.
        StringBuilder s = new StringBuilder(GENERAL + "300 300 300\n");
        for (int i = 1; i <= 300; i++) {
            s.append(i).append(' ').append(i).append(' ').append(i).append('\n');
        }
        CsrMatrix a = MatrixMarket.read(file("ok.mtx.gz", gzip(s.toString().getBytes(StandardCharsets.US_ASCII))));
        assertEquals(300, a.nnz());
        assertEquals(300.0, a.toDense()[299][299], 0.0);
    }

    @Test
    void aGzipBombOfOneCommentLineStopsAtTheLineLimit() throws IOException {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) 'x');
        // banner, then a comment line of 64 MiB expanded from a few hundred kilobytes
        Path p = bomb("bomb.mtx.gz", GENERAL + "%", block, 64, "\n2 2 1\n1 1 1\n");
        assertTrue(Files.size(p) < 1 << 20);
        MatrixMarketException e = fails(p, "longer than");
        assertEquals(2, e.line());
        // the same line among the entries
        p = bomb("bomb2.mtx.gz", GENERAL + "2 2 1\n%", block, 64, "\n1 1 1\n");
        assertEquals(3, fails(p, "comment line longer than").line());
    }

    @Test
    void nulBytesAndLongNumbersAreRefusedNotGrown() throws IOException {
        Path p = bomb("nul.mtx.gz", GENERAL + "2 2 1\n1 1 ", new byte[1 << 20], 16, "\n");
        fails(p, "token longer than");
        byte[] digits = new byte[1 << 20];
        Arrays.fill(digits, (byte) '7');
        fails(bomb("long.mtx.gz", GENERAL + "2 2 1\n1 1 ", digits, 3, "\n"), "token longer than");
        // header lines read whole are capped too (a first line of NULs: /dev/zero)
        fails(bomb("zero.mtx.gz", "", new byte[1 << 20], 4, ""), "line longer than");
    }

    @Test
    void tokenizerBufferStopsGrowingAtTheMaximumLength() throws IOException {
        byte[] b = new byte[5000];
        Arrays.fill(b, (byte) '1');
        ByteTokenizer t = new ByteTokenizer(new ByteArrayInputStream(b), 64, 1000);
        LineTooLongException e = assertThrows(LineTooLongException.class, t::next);
        assertEquals(1, e.line());
        assertTrue(t.buffer().length <= 1002, "buffer " + t.buffer().length);
    }

    @Test
    void rhsLengthIsCheckedFromTheSizeLine() throws IOException {
        Path v = text("b.mtx", "%%MatrixMarket matrix array real general\n2000000000 1\n1\n");
        MatrixMarketException e = assertThrows(MatrixMarketException.class, () -> MatrixMarket.readVector(v, 3));
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("2000000000 entries but 3 are needed"), e.getMessage());
        // without an expected length, the file size still bounds the allocation
        assertTrue(assertThrows(MatrixMarketException.class, () -> MatrixMarket.readVector(v))
                .problem().contains("declares 2000000000 values"));
        Path ok = text("ok.mtx", "%%MatrixMarket matrix array real general\n3 1\n1\n2\n3\n");
        assertArrayEquals(new double[] {1, 2, 3}, MatrixMarket.readVector(ok, 3), 0.0);
    }

    @Test
    void directoriesAndBadGzipHeadersNameTheFile() throws IOException {
        Path d = Files.createDirectory(dir.resolve("folder.mtx"));
        assertEquals("folder.mtx: is a directory, not a Matrix Market file",
                assertThrows(MatrixMarketException.class, () -> MatrixMarket.read(d)).getMessage());
        fails(file("method.mtx.gz", new byte[] {0x1f, (byte) 0x8b, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0}), "corrupt gzip header");
        fails(file("short.mtx.gz", new byte[] {0x1f, (byte) 0x8b, 8}), "corrupt gzip header");
    }

    @Test
    void binaryGarbageIsNotEchoed() throws IOException {
        byte[] junk = new byte[300];
        for (int k = 0; k < junk.length; k++) {
            junk[k] = (byte) (k * 37 + 11);
            if (junk[k] == '\n') {
                junk[k] = 1;
            }
        }
        junk[299] = '\n';
        fails(file("junk.mtx", junk), "found binary data");
        MatrixMarketException e = fails(text("esc.mtx", GENERAL + "2 2 1\n1 1 \u001b[31m\n"), "bad value");
        assertTrue(e.getMessage().contains("\\x1b[31m"), e.getMessage());
    }

    @Test
    void aSymmetricFileGivingBothTrianglesOfAPairIsAnError() throws IOException {
        MatrixMarketException e = fails(text("dup.mtx",
                "%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n1 1 4\n2 1 1\n3 3 4\n1 2 1\n"),
                "entry (1,2) mirrors entry (2,1) of line 4");
        assertEquals(6, e.line());
        // both triangles, each pair once: accepted as SciPy does
        CsrMatrix a = MatrixMarket.read(text("mixed.mtx",
                "%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n1 1 4\n2 1 1\n2 3 5\n3 3 4\n"));
        assertEquals(5.0, a.toDense()[2][1], 0.0);
        assertEquals(5.0, a.toDense()[1][2], 0.0);
        assertEquals(1.0, a.toDense()[0][1], 0.0);
    }
}
