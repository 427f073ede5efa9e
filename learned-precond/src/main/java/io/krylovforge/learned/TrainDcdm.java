package io.krylovforge.learned;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reproducible training of DCDM weights for the 5-point (2D) or 7-point (3D) Poisson matrix of
 * core's {@link Stencils} on an n×n (×n) grid:
 * <pre>
 *   java -cp ... io.krylovforge.learned.TrainDcdm --grid 32 --out w.kfw --seed 1
 *        [--dims 2|3] [--lanczos 300] [--samples 400] [--epochs 20] [--batch 10] [--lr 1e-3]
 *        [--blocks 1,2,1]
 * </pre>
 * Single-threaded; the same arguments give the same file. Prints one line per epoch.
 */
public final class TrainDcdm {
    private TrainDcdm() {
    }

    public static void main(String[] args) {
        int grid = 32;
        int dims = 2;
        Path out = null;
        long seed = 1;
        DcdmTrainer.Options d = DcdmTrainer.Options.defaults(1);
        int lanczos = d.lanczosSteps();
        int samples = d.samples();
        int epochs = d.epochs();
        int batch = d.batchSize();
        double lr = d.learningRate();
        int[] blocks = {1, 2, 1};
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + key + " needs a value");
            }
            String v = args[++i];
            switch (key) {
                case "--grid" -> grid = Integer.parseInt(v);
                case "--dims" -> dims = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--lanczos" -> lanczos = Integer.parseInt(v);
                case "--samples" -> samples = Integer.parseInt(v);
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--lr" -> lr = Double.parseDouble(v);
                case "--blocks" -> {
                    String[] p = v.split(",");
                    if (p.length != 3) {
                        throw new IllegalArgumentException("--blocks wants pre,mid,post, got " + v);
                    }
                    blocks = new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
                }
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        Grid g = dims == 3 ? Grid.cube(grid) : Grid.square(grid);
        CsrMatrix a = dims == 3 ? Stencils.laplacian3d(grid, grid, grid) : Stencils.laplacian2d(grid, grid);
        Architecture arch = Architecture.dcdm(dims, 16, blocks[0], blocks[1], blocks[2], g.nx(), g.ny(), g.nz());
        ConvNet net = new ConvNet(arch, seed);
        DcdmTrainer.Options options = new DcdmTrainer.Options(lanczos, samples, epochs, batch, lr, seed);
        System.out.print(arch.describe());
        System.out.printf(Locale.ROOT, "%d parameters; %s%n", net.parameterCount(), options);
        DcdmTrainer.Report report = new DcdmTrainer(a, g).train(net, options,
                (e, tl, vl, s) -> System.out.printf(Locale.ROOT, "epoch %3d  train %.5f  validation %.5f  %.1f s%n",
                        e, tl, vl, s));
        Weights.write(out, net);
        System.out.printf(Locale.ROOT, "validation loss %.5f -> %.5f in %.1f s; wrote %s%n",
                report.validationLoss()[0], report.validationLoss()[report.validationLoss().length - 1],
                report.seconds(), out);
    }
}
