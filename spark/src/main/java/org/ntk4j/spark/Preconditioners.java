package org.ntk4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Rank-r factors L (K ≈ L Lᵀ) of both train kernels, for {@link LowRankPreconditioner}: a
 * greedy pivoted Cholesky (Harbrecht, Peters &amp; Schneider 2012; the preconditioner of
 * Gardner et al. 2018 and Wang et al. 2019) or a Nyström approximation on uniformly drawn
 * landmarks (Williams &amp; Seeger 2001). Kernel columns are fetched in batches, one
 * distributed job per batch.
 */
public final class Preconditioners {

    /** Which low-rank approximation. */
    public enum Kind {
        PIVOTED_CHOLESKY, NYSTROM;

        public static Kind parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "pivoted-cholesky", "pivchol", "cholesky" -> PIVOTED_CHOLESKY;
                case "nystrom", "nyström" -> NYSTROM;
                default -> throw new IllegalArgumentException("unknown preconditioner '" + s + "' (use pivoted-cholesky or nystrom)");
            };
        }

        public String key() {
            return this == PIVOTED_CHOLESKY ? "pivoted-cholesky" : "nystrom";
        }
    }

    private Preconditioners() {
    }

    /** Pivoted Cholesky or Nyström factors, see {@link #pivotedCholesky} and {@link #nystrom}. */
    public static DMatrixRMaj[] factors(Kind kind, double[][] diag, int rank, int batch, long seed, KernelColumns columns) {
        return kind == Kind.PIVOTED_CHOLESKY ? pivotedCholesky(diag, rank, batch, columns)
                : nystrom(diag[0].length, rank, seed, columns);
    }

    /**
     * Greedy pivoted Cholesky of rank ≤ r of each kernel: step m takes the pivot p with the
     * largest remaining diagonal d_p, sets L_{:,m} = (K_{:,p} − Σ_{l&lt;m} L_{:,l} L_{p,l}) / √d_p
     * and d ← d − L_{:,m}². To fetch columns in batches the pivots of one batch are chosen among
     * the batch points with the largest remaining diagonals (of either kernel); it stops early
     * when the remaining diagonal is below 1e-12 of the largest (the kernel has numerical rank m).
     *
     * @param diag diag[s] = diagonal of kernel s (n); not modified
     * @return L[s], n × r_s
     */
    public static DMatrixRMaj[] pivotedCholesky(double[][] diag, int rank, int batch, KernelColumns columns) {
        int n = diag[0].length;
        int r = Math.min(rank, n);
        double[][] d = {diag[0].clone(), diag[1].clone()};
        List<List<double[]>> cols = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Integer>> pivots = List.of(new ArrayList<>(), new ArrayList<>());
        boolean[][] used = new boolean[2][n];
        boolean[] stalled = new boolean[2];
        double[] floor = {1e-12 * max(diag[0]), 1e-12 * max(diag[1])};
        while (active(cols, stalled, r)) {
            TreeSet<Integer> cand = new TreeSet<>();
            for (int s = 0; s < 2; s++) {
                if (!stalled[s] && cols.get(s).size() < r) {
                    cand.addAll(topIndices(d[s], used[s], Math.min(batch, r - cols.get(s).size())));
                }
            }
            int[] pts = cand.stream().mapToInt(Integer::intValue).toArray();
            double[][] kc = columns.columns(pts);
            for (int s = 0; s < 2; s++) {
                int steps = Math.min(batch, r - cols.get(s).size());
                for (int step = 0; step < steps && !stalled[s]; step++) {
                    int best = -1;
                    for (int c = 0; c < pts.length; c++) {
                        if (!used[s][pts[c]] && (best < 0 || d[s][pts[c]] > d[s][pts[best]])) {
                            best = c;
                        }
                    }
                    if (best < 0 || !(d[s][pts[best]] > floor[s])) {
                        stalled[s] = best < 0 ? stalled[s] : true;
                        break;
                    }
                    int p = pts[best];
                    double[] col = new double[n];
                    for (int i = 0; i < n; i++) {
                        col[i] = kc[s][i * pts.length + best];
                    }
                    for (double[] prev : cols.get(s)) {
                        double lp = prev[p];
                        for (int i = 0; i < n; i++) {
                            col[i] -= prev[i] * lp;
                        }
                    }
                    double scale = 1 / Math.sqrt(d[s][p]);
                    for (int i = 0; i < n; i++) {
                        col[i] *= scale;
                        d[s][i] -= col[i] * col[i];
                    }
                    d[s][p] = 0;
                    used[s][p] = true;
                    cols.get(s).add(col);
                    pivots.get(s).add(p);
                }
            }
        }
        return new DMatrixRMaj[] {toMatrix(cols.get(0), n), toMatrix(cols.get(1), n)};
    }

    /**
     * Nyström factors on r landmarks S drawn uniformly without replacement (seeded): with
     * C = K_{:,S} and K_SS + εI = R Rᵀ (ε = 1e-10 · mean diag K_SS, for rank-deficient K_SS),
     * L = C R⁻ᵀ, so L Lᵀ = C (K_SS + εI)⁻¹ Cᵀ.
     *
     * @return L[s], n × r
     */
    public static DMatrixRMaj[] nystrom(int n, int rank, long seed, KernelColumns columns) {
        int r = Math.min(rank, n);
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < r; i++) { // partial Fisher-Yates
            int j = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] pts = Arrays.copyOf(all, r);
        Arrays.sort(pts);
        double[][] kc = columns.columns(pts);
        DMatrixRMaj[] out = new DMatrixRMaj[2];
        for (int s = 0; s < 2; s++) {
            DMatrixRMaj w = new DMatrixRMaj(r, r);
            double trace = 0;
            for (int a = 0; a < r; a++) {
                System.arraycopy(kc[s], pts[a] * r, w.data, a * r, r);
                trace += w.get(a, a);
            }
            double eps = 1e-10 * trace / r;
            for (int a = 0; a < r; a++) {
                w.add(a, a, eps);
            }
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(r, true);
            if (!chol.decompose(w)) {
                throw new IllegalStateException("the Nystrom landmark kernel is not positive definite");
            }
            DMatrixRMaj g = chol.getT(null);
            DMatrixRMaj l = new DMatrixRMaj(n, r);
            for (int i = 0; i < n; i++) { // l_i = R⁻¹ c_i
                for (int a = 0; a < r; a++) {
                    double s2 = kc[s][i * r + a];
                    for (int b = 0; b < a; b++) {
                        s2 -= g.data[a * r + b] * l.data[i * r + b];
                    }
                    l.data[i * r + a] = s2 / g.data[a * r + a];
                }
            }
            out[s] = l;
        }
        return out;
    }

    private static boolean active(List<List<double[]>> cols, boolean[] stalled, int r) {
        for (int s = 0; s < 2; s++) {
            if (!stalled[s] && cols.get(s).size() < r) {
                return true;
            }
        }
        return false;
    }

    /** The count unused indices with the largest d (ties: the lower index), ascending. */
    private static List<Integer> topIndices(double[] d, boolean[] used, int count) {
        Integer[] idx = new Integer[d.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, (a, b) -> d[b] != d[a] ? Double.compare(d[b], d[a]) : Integer.compare(a, b));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < idx.length && out.size() < count; i++) {
            if (!used[idx[i]]) {
                out.add(idx[i]);
            }
        }
        return out;
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static DMatrixRMaj toMatrix(List<double[]> cols, int n) {
        DMatrixRMaj l = new DMatrixRMaj(n, cols.size());
        for (int c = 0; c < cols.size(); c++) {
            double[] col = cols.get(c);
            for (int i = 0; i < n; i++) {
                l.data[i * cols.size() + c] = col[i];
            }
        }
        return l;
    }
}
