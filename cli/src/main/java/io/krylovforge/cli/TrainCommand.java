package io.krylovforge.cli;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.DcdmShape;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.DcdmTrainer;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.Weights;
import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.NeuralPoissonTrainer;
import io.krylovforge.learned.poisson.NeuralPoissonWeights;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kforge train dcdm --grid 32 --out w.kfw --seed 1}: label-free training of the DCDM
 * network on the grid's 5-point (2D) or 7-point (3D) Poisson matrix; the same command and seed
 * give byte-identical weights.
 *
 * <p>{@code kforge train npsolver --out w.kfw --seed 1}: label-free training of the neural Poisson
 * step (NPSolver-style, {@link NeuralPoissonTrainer}) on random mixed-BC Poisson problems on
 * corner-removed squares; {@code --batch} and {@code --lr} apply when given, otherwise the
 * npsolver defaults (4, 1e-3) are used.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a learned solver component (dcdm: the DCDM search-direction network, on the "
                + "5-point (2D) or 7-point (3D) Poisson matrix of a grid; npsolver: the neural Poisson step, on "
                + "random mixed-BC problems on corner-removed squares); reproducible from the seed.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "what to train: dcdm or npsolver")
    String model;

    @Option(names = "--grid", defaultValue = "32", description = "grid points per side (default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--dims", defaultValue = "2", description = "2 or 3 (default: ${DEFAULT-VALUE})")
    int dims;

    @Option(names = "--out", required = true, paramLabel = "w.kfw", description = "weights file to write")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--lanczos", defaultValue = "300", description = "Lanczos steps for the Ritz-vector data (default: ${DEFAULT-VALUE})")
    int lanczos;

    @Option(names = "--samples", defaultValue = "400", description = "training vectors (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--epochs", defaultValue = "20", description = "training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "10", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--blocks", defaultValue = "1,2,1", split = ",",
            description = "residual blocks before, at and after the coarse level; 2L+1 numbers give L pooling"
                    + " levels (down per level, coarsest, up per level; e.g. 1,1,2,1,1) (default: ${DEFAULT-VALUE})")
    int[] blocks;

    @Option(names = "--reference-grid", defaultValue = "0", paramLabel = "R",
            description = "dcdm: grid size recorded in the weights as their reference; the network's input is"
                    + " scaled by s = sqrt(n/R^dims) in training and in solves (default: --grid, s = 1)")
    int referenceGrid;

    @Option(names = "--domains", defaultValue = "32", description = "npsolver: training problems (default: ${DEFAULT-VALUE})")
    int domains;

    @Option(names = "--mesh-h", defaultValue = "0.05", description = "npsolver: training mesh edge length (default: ${DEFAULT-VALUE})")
    double meshH;

    @Option(names = "--layers", defaultValue = "8", description = "npsolver: network blocks (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--hidden", defaultValue = "16", description = "npsolver: MLP width, >= 16 (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--steps", defaultValue = "1500", description = "npsolver: Adam steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--pcg-steps", defaultValue = "30", description = "npsolver: PCG steps K of the target (default: ${DEFAULT-VALUE})")
    int pcgSteps;

    @Override
    public Integer call() throws Exception {
        if ("npsolver".equals(model)) {
            return trainNpSolver();
        }
        if (!"dcdm".equals(model)) {
            throw new UserInputException("unknown model '" + model + "'; this version trains: dcdm, npsolver");
        }
        if (dims != 2 && dims != 3) {
            throw new UserInputException("--dims must be 2 or 3, got " + dims);
        }
        if (grid < 4) {
            throw new UserInputException("--grid must be >= 4, got " + grid);
        }
        if (blocks.length < 3 || blocks.length % 2 == 0) {
            throw new UserInputException("--blocks wants 2L+1 numbers (pre,mid,post for one pooling level,"
                    + " e.g. 1,1,2,1,1 for two); got " + blocks.length);
        }
        for (int b : blocks) {
            if (b < 0) {
                throw new UserInputException("--blocks counts must be >= 0, got " + b);
            }
        }
        if (referenceGrid < 0 || referenceGrid > grid) {
            throw new UserInputException("--reference-grid must be in [1, --grid] (0: --grid), got " + referenceGrid);
        }
        int ref = referenceGrid == 0 ? grid : referenceGrid;
        PrintWriter log = spec.commandLine().getOut();
        Grid g = dims == 3 ? Grid.cube(grid) : Grid.square(grid);
        CsrMatrix a = dims == 3 ? Stencils.laplacian3d(grid, grid, grid) : Stencils.laplacian2d(grid, grid);
        Architecture arch = Architecture.dcdm(new Grid(ref, ref, dims == 3 ? ref : 1), DcdmShape.defaults().withBlocks(blocks));
        ConvNet net = new ConvNet(arch, seed);
        DcdmTrainer.Options options = new DcdmTrainer.Options(lanczos, samples, epochs, batch, lr, seed);
        log.print(arch.describe());
        log.printf(Locale.ROOT, "%d parameters; %s%n", net.parameterCount(), options);
        log.flush();
        DcdmTrainer.Report report = new DcdmTrainer(a, g).train(net, options, (e, tl, vl, s) -> {
            log.printf(Locale.ROOT, "epoch %3d  train %.5f  validation %.5f  %.1f s%n", e, tl, vl, s);
            log.flush();
        });
        Weights.write(out, net);
        double[] v = report.validationLoss();
        log.printf(Locale.ROOT, "validation loss %.5f -> %.5f in %.1f s; wrote %s%n", v[0], v[v.length - 1],
                report.seconds(), out);
        log.flush();
        return Kforge.EXIT_OK;
    }

    private Integer trainNpSolver() {
        var parsed = spec.commandLine().getParseResult();
        int npBatch = parsed.hasMatchedOption("--batch") ? batch : 4;
        double npLr = parsed.hasMatchedOption("--lr") ? lr : 1e-3;
        NeuralPoissonTrainer.Options options;
        try {
            if (!(meshH >= 0.005 && meshH <= 0.25)) {
                throw new IllegalArgumentException("--mesh-h must be in [0.005, 0.25], got " + meshH);
            }
            options = new NeuralPoissonTrainer.Options(domains, meshH, layers, hidden, steps, npBatch, npLr, pcgSteps, seed);
            NeuralPoissonNet.Size.defaults().withBlocks(layers).withHidden(hidden); // validates the sizes
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        PrintWriter log = spec.commandLine().getOut();
        log.printf(Locale.ROOT, "npsolver: %d parameters; %s%n",
                NeuralPoissonNet.Size.defaults().withBlocks(layers).withHidden(hidden).parameterCount(), options);
        log.flush();
        long start = System.nanoTime();
        NeuralPoissonNet net = NeuralPoissonTrainer.train(options, (step, loss, s) -> {
            log.printf(Locale.ROOT, "step %5d  loss %.4e  %.1f s%n", step, loss, s);
            log.flush();
        });
        NeuralPoissonWeights.write(out, net);
        log.printf(Locale.ROOT, "trained in %.1f s; wrote %s%n", (System.nanoTime() - start) * 1e-9, out);
        log.flush();
        return Kforge.EXIT_OK;
    }
}
