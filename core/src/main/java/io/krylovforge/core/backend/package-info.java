/**
 * Where vectors live and how their fused steps run. {@link io.krylovforge.core.backend.Backend}
 * declares the vector kernels solvers need, with defaults built from plain vector operations;
 * {@link io.krylovforge.core.backend.CpuBackend} (plain loops over host arrays) is the reference
 * every device backend is tested against. Device backends (OpenCL, CUDA) live in the {@code gpu}
 * module and load by {@link java.util.ServiceLoader}; a missing device surfaces as
 * {@link io.krylovforge.core.backend.BackendUnavailableException}.
 */
package io.krylovforge.core.backend;
