/**
 * Learned preconditioning, CPU path: the DCDM deep conjugate direction method (Kaneda et al.,
 * ICML 2023).
 *
 * <ul>
 *   <li>{@link io.krylovforge.learned.ConvNet}: the small U-Net (2D or 3D), forward and reverse
 *       mode over the primitive kernels of {@link io.krylovforge.learned.LayerKernels} (the surface a
 *       GPU backend reimplements); shape in {@link io.krylovforge.learned.Architecture}.</li>
 *   <li>{@link io.krylovforge.learned.Weights}: the versioned, checksummed {@code .kfw} file.</li>
 *   <li>{@link io.krylovforge.learned.DcdmTrainer}: label-free training on a problem's own matrix
 *       (Ritz-vector data, scale-invariant loss, Adam); the command `kforge train dcdm`
 *       is its reproducible command line.</li>
 *   <li>{@link io.krylovforge.learned.Dcdm} (solver "dcdm") and
 *       {@link io.krylovforge.learned.NeuralPreconditioner} (for flexible GMRES or flexible CG);
 *       bundled weights for the 2D (32²) and 3D (16³) Poisson problems
 *       ({@code Dcdm.poisson2d(n)}, {@code Dcdm.poisson3d(n)}).</li>
 * </ul>
 */
package io.krylovforge.learned;
