#!/usr/bin/env bash
# GPU machine: runs the CUDA/OpenCL JUnit tests, the GpuBenchmark and the CuPy peer, writing
# results to $OUT (at most 8 files come back). Prepare .device/ first on the build machine with
# gpu/scripts/prepare-device.sh, then carry .device. From the project root there:
#   bash gpu/scripts/device-check.sh
# Environment: GRIDS (default 1024,2048,4096), ITERATIONS (200), REPS (3), JAVA_OPTS (-Xmx32g),
# DCDM_DEVICE (cuda), DCDM_GRIDS (64,128,256), DCDM_ITERATIONS (30), DCDM_WEIGHTS (none: random 3D net),
# DCDM_ONLY=1 (stop after the JUnit tests, GpuDcdmBenchmark and GpuNeuralPoissonBenchmark: about 3-4 min
# on an H100), NP_DEVICE (cuda), NP_H (0.05,0.025,0.0125: mesh sizes of the neural Poisson step benchmark).
set -uo pipefail
out="${OUT:-/tmp/kforge-device-out}"
mkdir -p "$out"
grids="${GRIDS:-1024,2048,4096}"
iterations="${ITERATIONS:-200}"
reps="${REPS:-3}"
java_opts="${JAVA_OPTS:--Xmx32g}"
run() { bash .device/on-device.sh "$@"; }
cp_main='.device/lib/*'

{
    echo "# $(date -u) $(hostname)"
    nvidia-smi -L 2>&1 || echo "nvidia-smi: not found"
    run java -version 2>&1
    run java -cp "$cp_main" io.krylovforge.cli.Kforge devices 2>&1
} > "$out/env.txt"

# JUnit: the device contract on CUDA and on the first OpenCL GPU (PoCL if none), plus Devices.
timeout 300 bash .device/on-device.sh java $java_opts -jar .device/junit/junit-platform-console-standalone-*.jar \
    execute --disable-banner --details=tree \
    --class-path ".device/test-classes:$(ls .device/lib/*.jar | paste -sd:)" \
    --select-class io.krylovforge.gpu.cuda.CudaBackendTest \
    --select-class io.krylovforge.gpu.opencl.OpenClBackendTest \
    --select-class io.krylovforge.learned.gpu.CudaConvNetTest \
    --select-class io.krylovforge.learned.gpu.OpenClConvNetTest \
    --select-class io.krylovforge.learned.gpu.CudaNeuralPoissonNetTest \
    --select-class io.krylovforge.learned.gpu.OpenClNeuralPoissonNetTest \
    --select-class io.krylovforge.gpu.DevicesTest > "$out/junit.txt" 2>&1
echo "junit exit $?" >> "$out/junit.txt"

# DCDM network inference and DCDM vs CG on the device, 3D Poisson (about 1-2 min on an H100).
dcdm_weights=()
[[ -n "${DCDM_WEIGHTS:-}" ]] && dcdm_weights=(--weights "$DCDM_WEIGHTS")
timeout 200 bash .device/on-device.sh java $java_opts -cp "$cp_main" io.krylovforge.bench.GpuDcdmBenchmark \
    "${DCDM_DEVICE:-cuda}" "${DCDM_GRIDS:-64,128,256}" --max-iterations "${DCDM_ITERATIONS:-30}" \
    ${dcdm_weights[@]+"${dcdm_weights[@]}"} > "$out/gpu-dcdm.txt" 2>&1
echo "GpuDcdmBenchmark exit $?" >> "$out/gpu-dcdm.txt"

# Neural Poisson step network on the device vs the host, held-out domains (about 30 s; the coarse
# set-up is dense on the host, O(n_c^3): keep h >= 0.0125 here).
timeout 120 bash .device/on-device.sh java $java_opts -cp "$cp_main" io.krylovforge.bench.GpuNeuralPoissonBenchmark \
    "${NP_DEVICE:-cuda}" --h "${NP_H:-0.05,0.025,0.0125}" --samples 3 --reps 5 > "$out/gpu-npsolver.txt" 2>&1
echo "GpuNeuralPoissonBenchmark exit $?" >> "$out/gpu-npsolver.txt"

if [[ "${DCDM_ONLY:-0}" == 1 ]]; then
    tail -n 3 "$out/junit.txt"; tail -n 6 "$out/gpu-dcdm.txt"; tail -n 6 "$out/gpu-npsolver.txt"; exit 0
fi

timeout 300 bash .device/on-device.sh java $java_opts -cp "$cp_main" io.krylovforge.bench.GpuBenchmark \
    --device cuda,opencl --grids "$grids" --iterations "$iterations" --reps "$reps" \
    --csv "$out/gpu-benchmark.csv" > "$out/gpu-benchmark.txt" 2>&1
echo "GpuBenchmark exit $?" >> "$out/gpu-benchmark.txt"

timeout 240 python3 .device/scripts/cupy_cg.py --grids "$grids" --iterations "$iterations" --reps "$reps" \
    --csv "$out/cupy-cg.csv" > "$out/cupy-cg.txt" 2>&1
echo "cupy_cg exit $?" >> "$out/cupy-cg.txt"

tail -n 3 "$out/junit.txt" "$out/gpu-benchmark.txt" "$out/cupy-cg.txt"
tail -n 6 "$out/gpu-dcdm.txt" "$out/gpu-npsolver.txt"
