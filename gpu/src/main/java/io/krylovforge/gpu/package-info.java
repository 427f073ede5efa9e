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
 * <p>{@link io.krylovforge.gpu.DeviceBackend#convNet} runs a DCDM network (learned-precond) on the
 * device, planned by {@link io.krylovforge.gpu.ConvNetSchedule}; DCDM then keeps its whole
 * iteration on the device.
 */
package io.krylovforge.gpu;
