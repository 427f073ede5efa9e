#!/usr/bin/env python3
"""Why the SKR paper's GMRES(40) needs ~9x more iterations on "Darcy 6400" than ours.

Usage: python3 bench/scripts/skr_darcy_assembly_check.py [samples=3]

Two candidate causes, checked on s = 82 (n = 6400), rtol 1e-8, SciPy GMRES(40), x0 = 0:

1. The coefficient contrast. The SKR generator samples K = exp(GRF) with FNO's periodic torch
   sampler (alpha = 2.5, tau = 7, sigma = tau^(alpha - 1), sqrt-eigenvalues
   s^2 sqrt(2) sigma (4 pi^2 |k|^2 + tau^2)^(-alpha/2), complex normal coefficients, real part of
   the inverse FFT); KrylovForge's GaussianRandomField is the cosine-series GRF.m variant
   (tau^(alpha-1) (pi^2 |k|^2 + tau^2)^(-alpha/2), orthonormal inverse DCT). The script prints the
   pointwise std of the field and the max/min ratio of K for both.

2. The assembly. The SKR paper describes rows "diagonal 4 K_i, off-diagonal -K_j" (what our
   darcy-skr family builds). In the SKR repository's Python generator the diagonal at offset -s
   (the neighbour one grid row up) is filled from the flattened K of the upper neighbours starting
   at index s - 2 instead of s, so row i gets the K of the node two places earlier in row-major
   order, not its upper neighbour (the sub-diagonal array is longer than the diagonal, and
   scipy.sparse.diags silently truncates it). The script assembles both and runs GMRES(40).
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import sys

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from scipy.fft import idctn

S, ALPHA, TAU = 82, 2.5, 7.0


def grf_periodic(rng):
    """FNO's periodic sampler, written out with numpy."""
    sigma = TAU ** (ALPHA - 1.0)
    k = np.fft.fftfreq(S, d=1.0 / S)
    kx, ky = np.meshgrid(k, k, indexing="ij")
    sq = S * S * np.sqrt(2.0) * sigma * (4 * np.pi ** 2 * (kx ** 2 + ky ** 2) + TAU ** 2) ** (-ALPHA / 2)
    sq[0, 0] = 0.0
    c = (rng.standard_normal((S, S)) + 1j * rng.standard_normal((S, S))) / np.sqrt(2.0)
    return np.fft.ifft2(sq * c).real


def grf_cosine(rng):
    """GRF.m / KrylovForge GaussianRandomField: cosine series."""
    k1, k2 = np.meshgrid(np.arange(S), np.arange(S), indexing="ij")
    coef = TAU ** (ALPHA - 1.0) * (np.pi ** 2 * (k1 ** 2 + k2 ** 2) + TAU ** 2) ** (-ALPHA / 2)
    lam = S * coef * rng.standard_normal((S, S))
    lam[0, 0] = 0.0
    return idctn(lam, norm="ortho")


def assemble(kf, shifted):
    """Rows: 4 K_i on the diagonal, -K_j for each interior neighbour j; shifted: the SKR-code up-neighbour."""
    m = S - 2
    kin = kf[1:-1, 1:-1]  # K at the interior nodes, row-major (r, c)
    n = m * m
    rows, cols, vals = [], [], []
    for r in range(m):
        for c in range(m):
            i = r * m + c
            rows.append(i), cols.append(i), vals.append(4.0 * kin[r, c])
            if c > 0:
                rows.append(i), cols.append(i - 1), vals.append(-kin[r, c - 1])
            if c < m - 1:
                rows.append(i), cols.append(i + 1), vals.append(-kin[r, c + 1])
            if r < m - 1:
                rows.append(i), cols.append(i + m), vals.append(-kin[r + 1, c])
            if r > 0:
                # the up-neighbour's K sits at row-major index i - m of the interior-row-shifted
                # array kf[:-2, 1:-1]; the SKR code reads index i - 2 of that array instead
                up = kf[:-2, 1:-1].ravel()
                vals.append(-(up[i - 2] if shifted else up[i]))
                rows.append(i), cols.append(i - m)
    h = 1.0 / (m - 1)
    return sp.csr_matrix((vals, (rows, cols)), shape=(n, n)), np.full(n, h * h)


def gmres_matvecs(a, b, tol):
    count = [0]

    def mv(v):
        count[0] += 1
        return a @ v

    op = spla.LinearOperator(a.shape, matvec=mv, dtype=float)
    x, _ = spla.gmres(op, b, tol=tol, atol=0.0, restart=40, maxiter=10000 // 40)
    return count[0], np.linalg.norm(b - a @ x) / np.linalg.norm(b)


def main():
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rng = np.random.default_rng(2024)
    print("| GRF sampler | pointwise std of GRF | median max/min of K |")
    print("|---|---|---|")
    for name, gen in (("FNO periodic (SKR code)", grf_periodic), ("cosine GRF.m (KrylovForge)", grf_cosine)):
        fields = [gen(rng) for _ in range(100)]
        ratio = [np.exp(f.max() - f.min()) for f in fields]
        print(f"| {name} | {np.std(fields):.3f} | {np.median(ratio):.2f} |")
    print()
    print("| GRF sampler | assembly | GMRES(40) matvecs to 1e-8 per system (cap 10000) | final rel. res. | "
          "eigenvalue nearest 0 (shift-invert), per system |")
    print("|---|---|---|---|---|")
    for name, gen in (("FNO periodic", grf_periodic), ("cosine GRF.m", grf_cosine)):
        for shifted in (False, True):
            its, res, low = [], [], []
            for _ in range(samples):
                a, b = assemble(np.exp(gen(rng)), shifted)
                it, rr = gmres_matvecs(a, b, 1e-8)
                its.append(it)
                res.append(rr)
                ev = spla.eigs(a.tocsc(), k=1, sigma=0.0, return_eigenvectors=False)
                low.append(ev[0])
            label = "SKR code (up-neighbour read 2 places early)" if shifted else "as described (row-aligned)"
            lows = ", ".join(f"{z.real:.2e}{z.imag:+.1e}i" for z in low)
            print(f"| {name} | {label} | {its} | {max(res):.1e} | {lows} |", flush=True)


if __name__ == "__main__":
    main()
