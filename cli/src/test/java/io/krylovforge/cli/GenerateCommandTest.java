package io.krylovforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kforge.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void generatesShardsAndAManifestAndResumes(@TempDir Path dir) throws Exception {
        String[] args = {"generate", "--family", "darcy", "--resolution", "10", "--samples", "5", "--seed", "7",
            "--out", dir.toString(), "--shard-size", "2", "--threads", "2", "--dtype", "float32"};
        Run r = run(args);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("generated 5 samples in 3 shard(s)"), r.out());
        assertTrue(r.out().contains("samples/s"), r.out());
        assertTrue(r.out().contains("shard 2 written"), r.out());
        for (int k = 0; k < 3; k++) {
            assertTrue(Files.isRegularFile(dir.resolve(String.format("shard-%05d.npz", k))));
        }
        JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals("darcy", m.get("spec").get("family").asText());
        assertEquals("FLOAT32", m.get("spec").get("dtype").asText());
        assertEquals(3, m.get("shards").size());

        Run again = run(args);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("generated 0 samples in 0 shard(s), 3 shard(s) already complete"), again.out());
    }

    @Test
    void badArgumentsExitTwoWithOneLine(@TempDir Path dir) throws Exception {
        String out = dir.resolve("o").toString();
        String[][] cases = {
            {"generate", "--family", "stokes", "--samples", "4", "--out", out},
            {"generate", "--family", "darcy", "--resolution", "2", "--samples", "4", "--out", out},
            {"generate", "--family", "darcy", "--resolution", "8", "--samples", "4", "--out", out, "--shard", "2/2"},
            {"generate", "--family", "darcy", "--resolution", "8", "--samples", "4", "--out", out, "--format", "zarr"},
            {"generate", "--family", "darcy", "--resolution", "8", "--samples", "4", "--out", out, "--dtype", "int8"},
            {"generate", "--family", "darcy", "--resolution", "8", "--samples", "4", "--out", out, "--solver", "nope"},
            // options generation would not use are refused, not ignored
            {"generate", "--family", "darcy", "--resolution", "8", "--samples", "4", "--out", out, "--weights", "w.kfw"},
            {"generate", "--family", "darcy", "--resolution", "8", "--samples", "4", "--out", out, "--omega", "optimal"},
            {"generate", "--family", "darcy", "--resolution", "8", "--samples", "4", "--out", out, "--format", "mtx",
                "--shard", "0/2"},
        };
        String[] expect = {"stokes", "resolution", "out of range", "zarr", "int8", "nope", "--weights is not used",
            "--omega optimal tunes omega over a sequence", "--format mtx writes every sample"};
        for (int i = 0; i < cases.length; i++) {
            Run r = run(cases[i]);
            assertEquals(2, r.exit(), String.join(" ", cases[i]) + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(expect[i]), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        Run r = run("generate", "--family", "darcy", "--resolution", "8", "--samples", "4", "--out", file.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not a directory"), r.err());
        assertFalse(Files.exists(dir.resolve("o")), "a refused run writes nothing");
        // a 3D family's size is checked as cells³ unknowns, before anything is allocated
        Run big = run("generate", "--family", "darcy3d", "--resolution", "1500", "--samples", "1", "--out", out);
        assertEquals(2, big.exit(), big.err());
        assertTrue(big.err().contains("in 3D") && big.err().contains("at most 1290 per side"), big.err());
        Run heap = run("generate", "--family", "darcy3d", "--resolution", "1000", "--samples", "1", "--out", out);
        assertEquals(2, heap.exit(), heap.err());
        assertTrue(heap.err().contains("(1000000000 unknowns)"), heap.err());
    }
}
