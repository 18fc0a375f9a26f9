package org.ntk4j.numerical;

/**
 * The baseline being replaced: a degree-m tensor Gauss–Hermite rule on the pair, (u, v) = L (z1, z2)
 * with L the Cholesky factor of the covariance, as neural-tangents' ElementwiseNumerical does.
 * Nodes by the Golub–Welsch-free route: Newton on the probabilists' Hermite polynomial.
 */
final class GaussHermite2d {

    private final double[] x;
    private final double[] w;

    GaussHermite2d(int m) {
        x = new double[m];
        w = new double[m];
        // physicists' Hermite nodes by Newton from asymptotic guesses, then scaled to weight e^{-z²/2}
        for (int i = 0; i < (m + 1) / 2; i++) {
            double z = i == 0 ? Math.sqrt(2.0 * m + 1) - 1.85575 * Math.pow(2.0 * m + 1, -1.0 / 6)
                    : i == 1 ? x[0] - 1.14 * Math.pow(m, 0.426) / x[0]
                    : i == 2 ? 1.86 * x[1] - 0.86 * x[0]
                    : i == 3 ? 1.91 * x[2] - 0.91 * x[1] : 2 * x[i - 1] - x[i - 2];
            double pp = 0;
            for (int it = 0; it < 200; it++) {
                double p1 = Math.pow(Math.PI, -0.25);
                double p2 = 0;
                for (int j = 1; j <= m; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.sqrt(2.0 / j) * p2 - Math.sqrt((j - 1.0) / j) * p3;
                }
                pp = Math.sqrt(2.0 * m) * p2;
                double dz = p1 / pp;
                z -= dz;
                if (Math.abs(dz) < 1e-15 * Math.max(1, Math.abs(z))) {
                    break;
                }
            }
            x[i] = z;
            w[i] = 2 / (pp * pp);
            x[m - 1 - i] = -z;
            w[m - 1 - i] = w[i];
        }
        for (int i = 0; i < m; i++) {
            x[i] *= Math.sqrt(2);
            w[i] /= Math.sqrt(Math.PI);
        }
    }

    /** {E[φ(u)φ(v)], E[φ′(u)φ′(v)]}. */
    double[] pair(Pointwise phi, double k11, double k22, double k12) {
        double l11 = Math.sqrt(k11);
        double l21 = l11 > 0 ? k12 / l11 : 0;
        double l22 = Math.sqrt(Math.max(0, k22 - l21 * l21));
        double n = 0;
        double t = 0;
        for (int i = 0; i < x.length; i++) {
            double u = l11 * x[i];
            double fu = phi.value(u);
            double du = phi.derivative(u);
            for (int j = 0; j < x.length; j++) {
                double v = l21 * x[i] + l22 * x[j];
                double ww = w[i] * w[j];
                n += ww * fu * phi.value(v);
                t += ww * du * phi.derivative(v);
            }
        }
        return new double[] {n, t};
    }
}
