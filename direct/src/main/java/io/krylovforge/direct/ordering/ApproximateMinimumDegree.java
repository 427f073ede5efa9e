package io.krylovforge.direct.ordering;

/**
 * Approximate minimum degree ordering on the quotient graph, with element absorption, aggressive
 * absorption, mass elimination, supervariable detection by hashing, and dense-row handling
 * (vertices of degree above max(16, 10·√n) are ordered last).
 *
 * <p>References: P. R. Amestoy, T. A. Davis, I. S. Duff, An approximate minimum degree ordering
 * algorithm, SIAM J. Matrix Anal. Appl. 17 (1996) 886–905; T. A. Davis, Direct Methods for Sparse
 * Linear Systems, SIAM 2006, §7.1 (the array layout and variable names below follow that
 * book's presentation: len, nv, elen, degree, w, hhead).
 */
public final class ApproximateMinimumDegree implements Ordering {

    @Override
    public String name() {
        return "amd";
    }

    /** Marks a dead object or an absorbed parent link; an involution. */
    private static int flip(int i) {
        return -i - 2;
    }

    @Override
    public int[] order(SymmetricPattern pattern) {
        int n = pattern.size();
        if (n == 0) {
            return new int[0];
        }
        int cnz0 = pattern.entries();
        int nzmax = Math.max(1, cnz0 + cnz0 / 5 + 2 * n);
        int[] ci = new int[nzmax];
        int[] src = pattern.indices();
        System.arraycopy(src, 0, ci, 0, cnz0);
        int[] cp = new int[n + 1];
        int[] ptr = pattern.pointers();
        System.arraycopy(ptr, 0, cp, 0, n + 1);

        int dense = Math.max(16, (int) (10.0 * Math.sqrt(n)));
        dense = Math.min(n - 2, dense);

        int[] len = new int[n + 1];
        int[] nv = new int[n + 1];
        int[] next = new int[n + 1];
        int[] head = new int[n + 1];
        int[] elen = new int[n + 1];
        int[] degree = new int[n + 1];
        int[] w = new int[n + 1];
        int[] hhead = new int[n + 1];
        int[] last = new int[n + 1];
        int cnz = cnz0;
        for (int k = 0; k < n; k++) {
            len[k] = cp[k + 1] - cp[k];
        }
        len[n] = 0;
        for (int i = 0; i <= n; i++) {
            head[i] = -1;
            last[i] = -1;
            next[i] = -1;
            hhead[i] = -1;
            nv[i] = 1;
            w[i] = 1;
            elen[i] = 0;
            degree[i] = len[i];
        }
        int mark = clearMarks(0, 0, w, n);
        elen[n] = -2; // n is the dead "dense" element
        cp[n] = -1;
        w[n] = 0;
        int nel = 0;
        for (int i = 0; i < n; i++) {
            int d = degree[i];
            if (d == 0) {
                elen[i] = -2; // isolated: eliminate now
                nel++;
                cp[i] = -1;
                w[i] = 0;
            } else if (d > dense) {
                nv[i] = 0; // dense: absorbed into element n, ordered last
                elen[i] = -1;
                nel++;
                cp[i] = flip(n);
                nv[n]++;
            } else {
                if (head[d] != -1) {
                    last[head[d]] = i;
                }
                next[i] = head[d];
                head[d] = i;
            }
        }
        int mindeg = 0;
        int lemax = 0;
        while (nel < n) {
            // Select a variable k of minimum approximate degree.
            int k = -1;
            for (; mindeg < n && (k = head[mindeg]) == -1; mindeg++) {
                // scan up
            }
            if (next[k] != -1) {
                last[next[k]] = -1;
            }
            head[mindeg] = next[k];
            int elenk = elen[k];
            int nvk = nv[k];
            nel += nvk;

            // Garbage collection when the element store might overflow.
            if (elenk > 0 && cnz + mindeg >= nzmax) {
                for (int j = 0; j < n; j++) {
                    int p = cp[j];
                    if (p >= 0) {
                        cp[j] = ci[p];
                        ci[p] = flip(j);
                    }
                }
                int q = 0;
                for (int p = 0; p < cnz; ) {
                    int j = flip(ci[p++]);
                    if (j >= 0) {
                        ci[q] = cp[j];
                        cp[j] = q++;
                        for (int k3 = 0; k3 < len[j] - 1; k3++) {
                            ci[q++] = ci[p++];
                        }
                    }
                }
                cnz = q;
            }

            // Construct the new element Lk.
            int dk = 0;
            nv[k] = -nvk;
            int p = cp[k];
            int pk1 = (elenk == 0) ? p : cnz;
            int pk2 = pk1;
            for (int k1 = 1; k1 <= elenk + 1; k1++) {
                int e;
                int pj;
                int ln;
                if (k1 > elenk) {
                    e = k;
                    pj = p;
                    ln = len[k] - elenk;
                } else {
                    e = ci[p++];
                    pj = cp[e];
                    ln = len[e];
                }
                for (int k2 = 1; k2 <= ln; k2++) {
                    int i = ci[pj++];
                    int nvi = nv[i];
                    if (nvi <= 0) {
                        continue;
                    }
                    dk += nvi;
                    nv[i] = -nvi;
                    ci[pk2++] = i;
                    if (next[i] != -1) {
                        last[next[i]] = last[i];
                    }
                    if (last[i] != -1) {
                        next[last[i]] = next[i];
                    } else {
                        head[degree[i]] = next[i];
                    }
                }
                if (e != k) {
                    cp[e] = flip(k); // element absorption
                    w[e] = 0;
                }
            }
            if (elenk != 0) {
                cnz = pk2;
            }
            degree[k] = dk;
            cp[k] = pk1;
            len[k] = pk2 - pk1;
            elen[k] = -2;

            // |Le \ Lk| for every element e adjacent to a variable of Lk.
            mark = clearMarks(mark, lemax, w, n);
            for (int pk = pk1; pk < pk2; pk++) {
                int i = ci[pk];
                int eln = elen[i];
                if (eln <= 0) {
                    continue;
                }
                int nvi = -nv[i];
                int wnvi = mark - nvi;
                for (int q = cp[i]; q <= cp[i] + eln - 1; q++) {
                    int e = ci[q];
                    if (w[e] >= mark) {
                        w[e] -= nvi;
                    } else if (w[e] != 0) {
                        w[e] = degree[e] + wnvi;
                    }
                }
            }

            // Approximate degrees; aggressive absorption; hash for supervariables.
            for (int pk = pk1; pk < pk2; pk++) {
                int i = ci[pk];
                int p1 = cp[i];
                int p2 = p1 + elen[i] - 1;
                int pn = p1;
                long h = 0;
                int d = 0;
                for (int q = p1; q <= p2; q++) {
                    int e = ci[q];
                    if (w[e] != 0) {
                        int dext = w[e] - mark;
                        if (dext > 0) {
                            d += dext;
                            ci[pn++] = e;
                            h += e;
                        } else {
                            cp[e] = flip(k); // aggressive absorption: Le ⊆ Lk
                            w[e] = 0;
                        }
                    }
                }
                elen[i] = pn - p1 + 1;
                int p3 = pn;
                int p4 = p1 + len[i];
                for (int q = p2 + 1; q < p4; q++) {
                    int j = ci[q];
                    int nvj = nv[j];
                    if (nvj <= 0) {
                        continue;
                    }
                    d += nvj;
                    ci[pn++] = j;
                    h += j;
                }
                if (d == 0) {
                    cp[i] = flip(k); // mass elimination: i is adjacent only to Lk
                    int nvi = -nv[i];
                    dk -= nvi;
                    nvk += nvi;
                    nel += nvi;
                    nv[i] = 0;
                    elen[i] = -1;
                } else {
                    degree[i] = Math.min(degree[i], d);
                    ci[pn] = ci[p3];
                    ci[p3] = ci[p1];
                    ci[p1] = k;
                    len[i] = pn - p1 + 1;
                    int hash = (int) (h % n);
                    next[i] = hhead[hash];
                    hhead[hash] = i;
                    last[i] = hash;
                }
            }
            degree[k] = dk;
            lemax = Math.max(lemax, dk);
            mark = clearMarks(mark + lemax, lemax, w, n);

            // Supervariable detection: merge variables with identical adjacency.
            for (int pk = pk1; pk < pk2; pk++) {
                int i = ci[pk];
                if (nv[i] >= 0) {
                    continue;
                }
                int hash = last[i];
                i = hhead[hash];
                hhead[hash] = -1;
                for (; i != -1 && next[i] != -1; i = next[i], mark++) {
                    int ln = len[i];
                    int eln = elen[i];
                    for (int q = cp[i] + 1; q <= cp[i] + ln - 1; q++) {
                        w[ci[q]] = mark;
                    }
                    int jlast = i;
                    for (int j = next[i]; j != -1; ) {
                        boolean same = len[j] == ln && elen[j] == eln;
                        for (int q = cp[j] + 1; same && q <= cp[j] + ln - 1; q++) {
                            if (w[ci[q]] != mark) {
                                same = false;
                            }
                        }
                        if (same) {
                            cp[j] = flip(i);
                            nv[i] += nv[j];
                            nv[j] = 0;
                            elen[j] = -1;
                            j = next[j];
                            next[jlast] = j;
                        } else {
                            jlast = j;
                            j = next[j];
                        }
                    }
                }
            }

            // Finalise Lk: put its surviving variables back in the degree lists.
            int pOut = pk1;
            for (int pk = pk1; pk < pk2; pk++) {
                int i = ci[pk];
                int nvi = -nv[i];
                if (nvi <= 0) {
                    continue;
                }
                nv[i] = nvi;
                int d = degree[i] + dk - nvi;
                d = Math.min(d, n - nel - nvi);
                if (head[d] != -1) {
                    last[head[d]] = i;
                }
                next[i] = head[d];
                last[i] = -1;
                head[d] = i;
                mindeg = Math.min(mindeg, d);
                degree[i] = d;
                ci[pOut++] = i;
            }
            nv[k] = nvk;
            len[k] = pOut - pk1;
            if (len[k] == 0) {
                cp[k] = -1;
                w[k] = 0;
            }
            if (elenk != 0) {
                cnz = pOut;
            }
        }

        // Postorder the assembly tree: the elimination order.
        for (int i = 0; i < n; i++) {
            cp[i] = flip(cp[i]);
        }
        for (int j = 0; j <= n; j++) {
            head[j] = -1;
        }
        for (int j = n; j >= 0; j--) {
            if (nv[j] > 0) {
                continue;
            }
            next[j] = head[cp[j]];
            head[cp[j]] = j;
        }
        for (int e = n; e >= 0; e--) {
            if (nv[e] <= 0) {
                continue;
            }
            if (cp[e] != -1) {
                next[e] = head[cp[e]];
                head[cp[e]] = e;
            }
        }
        int[] post = new int[n + 1];
        int[] stack = new int[n + 1];
        int k = 0;
        for (int i = 0; i <= n; i++) {
            if (cp[i] == -1) {
                k = depthFirst(i, k, head, next, post, stack);
            }
        }
        int[] perm = new int[n];
        int out = 0;
        for (int q = 0; q < k; q++) {
            if (post[q] < n) {
                perm[out++] = post[q];
            }
        }
        if (out != n) {
            throw new IllegalStateException("AMD lost vertices: ordered " + out + " of " + n);
        }
        return perm;
    }

    /** Resets the marks when the counter would overflow (cs_wclear). */
    private static int clearMarks(int mark, int lemax, int[] w, int n) {
        if (mark < 2 || (long) mark + lemax >= Integer.MAX_VALUE) {
            for (int k = 0; k < n; k++) {
                if (w[k] != 0) {
                    w[k] = 1;
                }
            }
            mark = 2;
        }
        return mark;
    }

    /** Non-recursive depth-first postorder of the tree rooted at j (children lists head/next). */
    private static int depthFirst(int j, int k, int[] head, int[] next, int[] post, int[] stack) {
        int top = 0;
        stack[0] = j;
        while (top >= 0) {
            int p = stack[top];
            int i = head[p];
            if (i == -1) {
                top--;
                post[k++] = p;
            } else {
                head[p] = next[i];
                stack[++top] = i;
            }
        }
        return k;
    }
}
