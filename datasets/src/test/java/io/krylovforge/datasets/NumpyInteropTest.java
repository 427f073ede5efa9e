package io.krylovforge.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads shards with NumPy (and h5py): keys, shapes, dtypes and exact values must match what Java
 * wrote. The interpreter is {@code KFORGE_PYTHON} or the first {@code python3} on PATH that
 * imports the module (CI installs python3-numpy and python3-h5py); skipped when there is none.
 */
class NumpyInteropTest {

    private static final String SCRIPT = String.join("\n",
            "import json, sys, numpy",
            "out = {}",
            "with numpy.load(sys.argv[1]) as d:",
            "    for k in d.files:",
            "        a = d[k]",
            "        out[k] = {'shape': list(a.shape), 'dtype': a.dtype.str,",
            "                  'first': repr(a.reshape(-1)[0].item()), 'last': repr(a.reshape(-1)[-1].item()),",
            "                  'sum': repr(float(a.astype(numpy.float64).sum()))}",
            "print(json.dumps(out))");

    private static final String H5_SCRIPT = String.join("\n",
            "import json, sys, h5py",
            "out = {}",
            "with h5py.File(sys.argv[1], 'r') as f:",
            "    for k in f:",
            "        a = f[k][()]",
            "        out[k] = {'shape': list(a.shape), 'dtype': a.dtype.str,",
            "                  'first': repr(a.reshape(-1)[0].item()), 'last': repr(a.reshape(-1)[-1].item())}",
            "print(json.dumps(out))");

    /** The first interpreter (KFORGE_PYTHON, then each python3 on PATH) that imports {@code module}, or null. */
    static String python(String module) {
        java.util.Set<String> candidates = new java.util.LinkedHashSet<>();
        String env = System.getenv("KFORGE_PYTHON");
        if (env != null && !env.isBlank()) {
            candidates.add(env.trim());
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))) {
                candidates.add(Path.of(dir, "python3").toString());
            }
        }
        for (String candidate : candidates) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
        return null;
    }

    private static JsonNode pythonView(String python, String script, Path file) throws Exception {
        Process p = new ProcessBuilder(python, "-c", script, file.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        return new ObjectMapper().readTree(text);
    }

    @Test
    void numpyLoadsShardsWithTheRightShapesDtypesAndValues(@TempDir Path dir) throws Exception {
        String numpy = python("numpy");
        assumeTrue(numpy != null, "needs a python3 with numpy (apt-get install python3-numpy, or set KFORGE_PYTHON)");
        for (Dtype dtype : Dtype.values()) {
            DatasetSpec spec = DatasetSpec.defaults("darcy")
                    .withResolution(10).withSamples(5).withSeed(3L).withShardSize(3).withDtype(dtype);
            Path out = dir.resolve(dtype.cliName());
            new DatasetGenerator(spec, out).withThreads(2).run();
            for (int k = 0; k < spec.shardCount(); k++) {
                Path shard = out.resolve(spec.shardFileName(k));
                JsonNode py = pythonView(numpy, SCRIPT, shard);
                Map<String, NpyReader.Array> java = NpyReader.readNpz(shard);
                assertEquals(java.size(), py.size(), py.toString());
                for (Map.Entry<String, NpyReader.Array> e : java.entrySet()) {
                    JsonNode v = py.get(e.getKey());
                    NpyReader.Array a = e.getValue();
                    assertEquals(a.shape().length, v.get("shape").size(), e.getKey());
                    for (int d = 0; d < a.shape().length; d++) {
                        assertEquals(a.shape()[d], v.get("shape").get(d).asLong(), e.getKey());
                    }
                    assertEquals(a.descr(), v.get("dtype").asText(), e.getKey());
                    double[] vals = a.values();
                    if (a.descr().equals("<i8")) {
                        assertEquals(a.longs()[0], Long.parseLong(v.get("first").asText()), e.getKey());
                        assertEquals(a.longs()[vals.length - 1], Long.parseLong(v.get("last").asText()), e.getKey());
                    } else if (a.descr().equals("|b1")) {
                        assertEquals(a.longs()[0] == 1 ? "True" : "False", v.get("first").asText(), e.getKey());
                    } else {
                        // Python's repr of a float round-trips exactly
                        assertEquals(vals[0], Double.parseDouble(v.get("first").asText()), 0.0, e.getKey());
                        assertEquals(vals[vals.length - 1], Double.parseDouble(v.get("last").asText()), 0.0,
                                e.getKey());
                        double sum = 0;
                        for (double x : vals) {
                            sum += x;
                        }
                        double pySum = Double.parseDouble(v.get("sum").asText());
                        assertEquals(sum, pySum, 1e-12 * Math.max(1.0, Math.abs(sum)), e.getKey()); // summation order
                    }
                }
                assertEquals(spec.shardSamples(k), py.get("solutions").get("shape").get(0).asInt());
                assertEquals(dtype.descr(), py.get("solutions").get("dtype").asText());
            }
        }
    }

    @Test
    void h5pyReadsHdf5ShardsWithTheRightShapesDtypesAndValues(@TempDir Path dir) throws Exception {
        String h5py = python("h5py");
        String numpy = python("numpy");
        assumeTrue(h5py != null && numpy != null,
                "needs a python3 with h5py and numpy (apt-get install python3-h5py, or set KFORGE_PYTHON)");
        for (Dtype dtype : Dtype.values()) {
            DatasetSpec h5 = DatasetSpec.defaults("poisson")
                    .withResolution(9).withSamples(3).withSeed(3L).withShardSize(2).withDtype(dtype)
                    .withFormat(ShardFormat.HDF5);
            DatasetSpec npz = h5.withFormat(ShardFormat.NPZ);
            new DatasetGenerator(h5, dir.resolve("h5-" + dtype)).withThreads(2).run();
            new DatasetGenerator(npz, dir.resolve("npz-" + dtype)).withThreads(2).run();
            for (int k = 0; k < h5.shardCount(); k++) {
                JsonNode py = pythonView(h5py, H5_SCRIPT, dir.resolve("h5-" + dtype).resolve(h5.shardFileName(k)));
                JsonNode ref = pythonView(numpy, SCRIPT, dir.resolve("npz-" + dtype).resolve(npz.shardFileName(k)));
                assertEquals(ref.size(), py.size(), py.toString());
                for (String name : new String[] {"inputs", "solutions", "rhs", "seeds", "indices"}) {
                    assertEquals(ref.get(name).get("shape"), py.get(name).get("shape"), name);
                    assertEquals(ref.get(name).get("dtype"), py.get(name).get("dtype"), name);
                    assertEquals(ref.get(name).get("first"), py.get(name).get("first"), name);
                    assertEquals(ref.get(name).get("last"), py.get(name).get("last"), name);
                }
                assertEquals("|u1", py.get("converged").get("dtype").asText());
                assertEquals("1", py.get("converged").get("first").asText());
            }
        }
    }
}
