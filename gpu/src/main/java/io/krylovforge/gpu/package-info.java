/**
 * Device backends for KrylovForge: vectors, sparse matrices and fused solver steps on OpenCL
 * ({@link io.krylovforge.gpu.opencl}) and CUDA ({@link io.krylovforge.gpu.cuda}) devices.
 *
 * <p>The solvers are written only against {@link io.krylovforge.core.linalg.Vector},
 * {@link io.krylovforge.core.linalg.LinearOperator} and
 * {@link io.krylovforge.core.backend.Backend}, so they run unchanged on the device vectors made
 * here. {@link io.krylovforge.gpu.Devices} lists what this machine has and opens a backend from a
 * spec such as {@code auto}, {@code cpu}, {@code cuda} or {@code opencl:0:1}. Host↔device copies
 * happen only in {@code Backend.of}, {@code Vector.setFrom}, {@code Vector.toArray} and
 * {@code upload}, never inside a solver loop.
 *
 * <p>Written once: {@link io.krylovforge.gpu.KernelBackend}, {@link io.krylovforge.gpu.DeviceVector},
 * {@link io.krylovforge.gpu.DeviceCsrMatrix}, {@link io.krylovforge.gpu.DeviceLaplacian2d} and
 * {@link io.krylovforge.gpu.DeviceJacobi} run on a {@link io.krylovforge.gpu.DeviceRuntime}, of which
 * there are two (CUDA and OpenCL); every kernel has one source ({@link io.krylovforge.gpu.KernelSource}).
 * This module depends on core only; the device network evaluators live in module learned-gpu.
 */
package io.krylovforge.gpu;
