#!/usr/bin/env bash
# Regenerates the committed PTX from the CUDA sources (run after editing a .cu file).
# compute_75 PTX is JIT-compiled by the driver for any newer GPU (Turing .. Hopper and later).
set -euo pipefail
cd "$(dirname "$0")/../src/main/resources/io/krylovforge/gpu/cuda"
for cu in *.cu; do
    nvcc -ptx -arch=compute_75 -O3 "$cu" -o "${cu%.cu}.ptx"
    echo "wrote $(pwd)/${cu%.cu}.ptx"
done
