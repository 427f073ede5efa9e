package io.krylovforge.cli;

import io.krylovforge.learned.TrainDcdm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kforge train dcdm --grid 32 --out w.kfw}: label-free training on the grid's Poisson matrix. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a learned solver component (dcdm: the DCDM search-direction network) on the "
                + "5-point (2D) or 7-point (3D) Poisson matrix of a grid; reproducible from the seed.")
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "what to train: dcdm")
    String model;

    @Option(names = "--grid", defaultValue = "32", description = "grid points per side (default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--dims", defaultValue = "2", description = "2 or 3 (default: ${DEFAULT-VALUE})")
    int dims;

    @Option(names = "--out", required = true, paramLabel = "w.kfw", description = "weights file to write")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--epochs", description = "training epochs (default: the trainer's)")
    Integer epochs;

    @Option(names = "--samples", description = "training vectors (default: the trainer's)")
    Integer samples;

    @Option(names = "--lanczos", description = "Lanczos steps for the Ritz-vector data (default: the trainer's)")
    Integer lanczos;

    @Override
    public Integer call() {
        if (!"dcdm".equals(model)) {
            throw new UserInputException("unknown model '" + model + "'; this version trains: dcdm");
        }
        if (dims != 2 && dims != 3) {
            throw new UserInputException("--dims must be 2 or 3, got " + dims);
        }
        if (grid < 4) {
            throw new UserInputException("--grid must be >= 4, got " + grid);
        }
        List<String> args = new ArrayList<>(List.of("--grid", Integer.toString(grid), "--dims", Integer.toString(dims),
                "--out", out.toString(), "--seed", Long.toString(seed)));
        if (epochs != null) {
            args.addAll(List.of("--epochs", epochs.toString()));
        }
        if (samples != null) {
            args.addAll(List.of("--samples", samples.toString()));
        }
        if (lanczos != null) {
            args.addAll(List.of("--lanczos", lanczos.toString()));
        }
        TrainDcdm.main(args.toArray(new String[0]));
        return Kforge.EXIT_OK;
    }
}
