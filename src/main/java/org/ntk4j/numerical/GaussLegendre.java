package org.ntk4j.numerical;

/**
 * Gauss–Legendre rules on [−1, 1]: nodes by Newton's method on P_m from Tricomi's initial guess,
 * weights 2 / ((1 − x²) P_m′(x)²). Exact for polynomials of degree 2m − 1.
 */
final class GaussLegendre {

    private static final int MAX_CACHED = 64;
    private static final double[][] NODES = new double[MAX_CACHED + 1][];
    private static final double[][] WEIGHTS = new double[MAX_CACHED + 1][];

    static {
        for (int m = 1; m <= MAX_CACHED; m++) {
            double[][] r = compute(m);
            NODES[m] = r[0];
            WEIGHTS[m] = r[1];
        }
    }

    private GaussLegendre() {
    }

    /** The m nodes, ascending; shared, never modified. */
    static double[] nodes(int m) {
        return NODES[m];
    }

    /** The m weights matching {@link #nodes}; shared, never modified. */
    static double[] weights(int m) {
        return WEIGHTS[m];
    }

    private static double[][] compute(int m) {
        double[] x = new double[m];
        double[] w = new double[m];
        for (int i = 0; i < (m + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (m + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = z;
                for (int k = 2; k <= m; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                if (m == 1) {
                    p1 = z;
                    p0 = 1;
                }
                dp = m * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            if (m == 1) {
                z = 0;
                dp = 1;
            }
            x[i] = -z;
            x[m - 1 - i] = z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
            w[m - 1 - i] = w[i];
        }
        return new double[][] {x, w};
    }
}
