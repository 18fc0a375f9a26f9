package org.ntk4j.numerical;

/**
 * The per-pair part of Mehler's formula: for inputs i, j with correlation ρ,
 * E[φ(u)φ(v)] = Σ_n a_n(σ_i) a_n(σ_j) ρ^n and E[φ′(u)φ′(v)] = Σ_n b_n(σ_i) b_n(σ_j) ρ^n
 * (Mehler 1866; O'Donnell, "Analysis of Boolean Functions", ch. 11), truncated at N, with the
 * Cauchy–Schwarz bound on what is left out: |Σ_{n&gt;N}| ≤ sqrt(T_i T_j) |ρ|^{N+1}.
 *
 * <p>Horner in ρ from n = N down: 2 operations per coefficient and kernel (a product of the row's
 * and the column's coefficient, one FMA), so 4 N for both kernels, plus the bound (≈ log₂ N for
 * |ρ|^{N+1}). Everything is a fixed-shape loop over per-row and per-column arrays.
 */
final class MehlerSeries {

    private MehlerSeries() {
    }

    /** Writes {nngp, tdot, nngpBound, tdotBound} into out. */
    static void evaluate(RowSeries ri, RowSeries rj, double rho, double[] out) {
        double[] ai = ri.a();
        double[] aj = rj.a();
        double[] bi = ri.b();
        double[] bj = rj.b();
        int n = ai.length - 1;
        double k = ai[n] * aj[n];
        double t = bi[n] * bj[n];
        for (int m = n - 1; m >= 0; m--) {
            k = Math.fma(k, rho, ai[m] * aj[m]);
            t = Math.fma(t, rho, bi[m] * bj[m]);
        }
        double p = powAbs(rho, n + 1);
        out[0] = k;
        out[1] = t;
        out[2] = Math.sqrt(ri.nngpTail() * rj.nngpTail()) * p;
        out[3] = Math.sqrt(ri.tdotTail() * rj.tdotTail()) * p;
    }

    /** |ρ|^e by repeated squaring. */
    static double powAbs(double rho, int e) {
        double base = Math.abs(rho);
        double r = 1;
        int k = e;
        while (k > 0) {
            if ((k & 1) != 0) {
                r *= base;
            }
            base *= base;
            k >>= 1;
        }
        return r;
    }
}
