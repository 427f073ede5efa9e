#!/usr/bin/env bash
# Regenerates the committed PTX from the one kernel sources (run after editing a kernel .c file or
# kf_cuda.h). For each source NAME.c it writes NAME.cu = kf_cuda.h + NAME.c under
# gpu/target/cuda/ (not committed), compiles it with nvcc -ptx -arch=compute_75 (JIT-compiled by
# the driver for any newer GPU, Turing .. Hopper and later), and writes NAME.ptx next to NAME.c
# with a first line "// kforge-source-sha256: <sha256 of NAME.cu>"; PtxUpToDateTest checks it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
header="$root/gpu/src/main/resources/io/krylovforge/gpu/kernels/kf_cuda.h"
sources=(
    "$root/gpu/src/main/resources/io/krylovforge/gpu/kernels/vector.c"
    "$root/learned-gpu/src/main/resources/io/krylovforge/learned/gpu/convnet.c"
    "$root/learned-gpu/src/main/resources/io/krylovforge/learned/gpu/npsolver.c"
)
work="$root/gpu/target/cuda"
mkdir -p "$work"
for src in "${sources[@]}"; do
    name="$(basename "$src" .c)"
    cu="$work/$name.cu"
    cat "$header" "$src" > "$cu"
    hash="$(sha256sum "$cu" | cut -d' ' -f1)"
    nvcc -ptx -arch=compute_75 -O3 "$cu" -o "$work/$name.ptx"
    { echo "// kforge-source-sha256: $hash"; cat "$work/$name.ptx"; } > "${src%.c}.ptx"
    echo "wrote ${src%.c}.ptx (from $cu)"
done
