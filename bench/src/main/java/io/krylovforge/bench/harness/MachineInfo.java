package io.krylovforge.bench.harness;

import io.krylovforge.core.linalg.Simd;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers were measured on: cores, CPU model, JVM, load average. */
public record MachineInfo(int cores, String cpuModel, String jvm, double loadAverage, long maxHeapBytes) {
    public static MachineInfo current() {
        String cpu = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep "unknown"
        }
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpu,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                        + ", SIMD " + Simd.describe(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", cores);
        m.put("cpu", cpuModel);
        m.put("jvm", jvm);
        m.put("loadavg", loadAverage);
        m.put("maxHeapBytes", maxHeapBytes);
        return m;
    }
}
