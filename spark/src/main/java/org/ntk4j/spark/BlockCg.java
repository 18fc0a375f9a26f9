package org.ntk4j.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Preconditioned conjugate gradients for (K_s + σ_s² I) X_s = B_s, s = NNGP, NTK, with every
 * column of every B_s at once (the k classes): one product with both kernels per iteration, each
 * column its own CG recurrence (Hestenes &amp; Stiefel 1952; the batched form of Gardner et al.
 * 2018). Stopping rule: column c of system s stops when its relative residual
 * ‖b_c − A x_c‖₂ / ‖b_c‖₂ (the recurrence residual, x₀ = 0) is at most tol; a system stops when
 * all its columns have, and its kernel is then left out of the products.
 */
public final class BlockCg {

    /** K_s V_s for the systems whose V_s is not null (see {@link TileMatVec#times}). */
    @FunctionalInterface
    public interface Operator {
        double[][] times(double[][] v);
    }

    /** Called after each iteration with the largest relative residual of each system (NaN once stopped). */
    @FunctionalInterface
    public interface Listener {
        void iteration(int it, double[] maxRelativeResidual);
    }

    /**
     * @param x          solutions, x[s] n × k
     * @param iterations iterations of each system
     * @param history    history.get(s) = largest relative residual of system s after each iteration
     * @param converged  whether each system met the stopping rule within the iteration limit
     */
    public record Result(double[][] x, int[] iterations, List<List<Double>> history, boolean[] converged) {
        /** Largest relative residual of system s at its last iteration. */
        public double finalResidual(int s) {
            List<Double> h = history.get(s);
            return h.isEmpty() ? 0 : h.get(h.size() - 1);
        }
    }

    private BlockCg() {
    }

    /**
     * Solves both systems.
     *
     * @param op     the kernels
     * @param sigma2 σ_s² for each system
     * @param b      right-hand sides, b[s] n × k row-major; not modified
     * @param pre    preconditioners (null entries: none)
     */
    public static Result solve(Operator op, double[] sigma2, double[][] b, int n, int k, LowRankPreconditioner[] pre,
                               double tol, int maxIterations, Listener listener) {
        if (!(tol > 0) || tol >= 1) {
            throw new IllegalArgumentException("--tol must be in (0, 1), got " + tol);
        }
        int systems = b.length;
        double[][] x = new double[systems][n * k];
        double[][] r = new double[systems][];
        double[][] z = new double[systems][];
        double[][] p = new double[systems][];
        double[][] rz = new double[systems][k];
        double[][] bNorm = new double[systems][];
        boolean[][] done = new boolean[systems][k];
        boolean[] converged = new boolean[systems];
        int[] iterations = new int[systems];
        List<List<Double>> history = new ArrayList<>();
        for (int s = 0; s < systems; s++) {
            history.add(new ArrayList<>());
            r[s] = b[s].clone();
            bNorm[s] = columnNorms(b[s], n, k);
            z[s] = apply(pre[s], r[s], k);
            p[s] = z[s].clone();
            rz[s] = columnDots(r[s], z[s], n, k);
            converged[s] = true;
            for (int c = 0; c < k; c++) {
                done[s][c] = bNorm[s][c] == 0;
                converged[s] &= done[s][c];
            }
        }
        for (int it = 1; it <= maxIterations && !all(converged); it++) {
            double[][] v = new double[systems][];
            for (int s = 0; s < systems; s++) {
                v[s] = converged[s] ? null : p[s];
            }
            double[][] kp = op.times(v);
            double[] report = new double[systems];
            for (int s = 0; s < systems; s++) {
                if (converged[s]) {
                    report[s] = Double.NaN;
                    continue;
                }
                double[] ap = kp[s];
                for (int i = 0; i < n * k; i++) {
                    ap[i] += sigma2[s] * p[s][i];
                }
                double[] pap = columnDots(p[s], ap, n, k);
                double[] alpha = new double[k];
                for (int c = 0; c < k; c++) {
                    alpha[c] = done[s][c] ? 0 : rz[s][c] / pap[c];
                }
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < k; c++) {
                        int at = i * k + c;
                        x[s][at] += alpha[c] * p[s][at];
                        r[s][at] -= alpha[c] * ap[at];
                    }
                }
                double[] rNorm = columnNorms(r[s], n, k);
                double worst = 0;
                boolean all = true;
                for (int c = 0; c < k; c++) {
                    double rel = bNorm[s][c] == 0 ? 0 : rNorm[c] / bNorm[s][c];
                    worst = Math.max(worst, rel);
                    done[s][c] |= rel <= tol;
                    all &= done[s][c];
                }
                history.get(s).add(worst);
                iterations[s] = it;
                report[s] = worst;
                if (all) {
                    converged[s] = true;
                    continue;
                }
                z[s] = apply(pre[s], r[s], k);
                double[] rzNew = columnDots(r[s], z[s], n, k);
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < k; c++) {
                        if (!done[s][c]) {
                            int at = i * k + c;
                            p[s][at] = z[s][at] + rzNew[c] / rz[s][c] * p[s][at];
                        }
                    }
                }
                rz[s] = rzNew;
            }
            if (listener != null) {
                listener.iteration(it, report);
            }
        }
        return new Result(x, iterations, history, converged);
    }

    private static boolean all(boolean[] a) {
        for (boolean v : a) {
            if (!v) {
                return false;
            }
        }
        return true;
    }

    private static double[] apply(LowRankPreconditioner pre, double[] r, int k) {
        return pre == null ? r.clone() : pre.solve(r, k);
    }

    static double[] columnDots(double[] a, double[] b, int n, int k) {
        double[] out = new double[k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                out[c] += a[i * k + c] * b[i * k + c];
            }
        }
        return out;
    }

    static double[] columnNorms(double[] a, int n, int k) {
        double[] out = columnDots(a, a, n, k);
        for (int c = 0; c < k; c++) {
            out[c] = Math.sqrt(out[c]);
        }
        return out;
    }
}
