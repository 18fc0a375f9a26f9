package org.ntk4j.train;

/**
 * The training losses, over a batch of m inputs with k outputs u (the network's, after the
 * output scale) and targets y, both m × k row-major:
 * <ul>
 *   <li>{@link #MSE}: L = ‖u − y‖² / (2 m k), ∂L/∂u = (u − y)/(m k);</li>
 *   <li>{@link #CROSS_ENTROPY}: L = (1/m) Σ_i Σ_j −y_ij log softmax(u_i)_j, y one-hot (or any
 *       probability rows), ∂L/∂u_i = (softmax(u_i) − y_i)/m. log softmax is computed with the row
 *       maximum subtracted, so large logits do not overflow.</li>
 * </ul>
 */
public enum Loss {
    /** Mean squared error with the ½ of neural-tangents' convention. */
    MSE,
    /** Softmax cross-entropy. */
    CROSS_ENTROPY;

    /** L(u, y) over m rows of k; writes ∂L/∂u into grad (m × k) when it is not null. */
    double evaluate(double[] u, double[] y, int m, int k, double[] grad) {
        double sum = 0;
        if (this == MSE) {
            double scale = 1.0 / ((double) m * k);
            for (int i = 0; i < m * k; i++) {
                double r = u[i] - y[i];
                sum += r * r;
                if (grad != null) {
                    grad[i] = r * scale;
                }
            }
            return sum * scale / 2;
        }
        for (int i = 0; i < m; i++) {
            int at = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, u[at + j]);
            }
            double z = 0;
            for (int j = 0; j < k; j++) {
                z += Math.exp(u[at + j] - max);
            }
            double logZ = max + Math.log(z);
            for (int j = 0; j < k; j++) {
                double logP = u[at + j] - logZ;
                if (y[at + j] != 0) {
                    sum -= y[at + j] * logP;
                }
                if (grad != null) {
                    grad[at + j] = (Math.exp(logP) - y[at + j]) / m;
                }
            }
        }
        return sum / m;
    }

    /** As the command line spells it: lower case, '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
