package io.krylovforge.cli;

import io.krylovforge.gpu.DeviceInfo;
import io.krylovforge.gpu.Devices;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kforge devices}: what {@code --device} can use here, and why a backend is missing. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the cpu, CUDA and OpenCL devices found (the specs --device accepts).")
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("  spec           type memory    fp64     device");
        for (DeviceInfo d : Devices.list()) {
            out.println("  " + d);
        }
        out.println("  --device auto tries cuda, then an OpenCL GPU with fp64, then cpu");
        out.flush();
        return Kforge.EXIT_OK;
    }
}
