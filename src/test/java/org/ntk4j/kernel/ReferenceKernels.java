package org.ntk4j.kernel;

/**
 * An independent implementation of the fully-connected kernel recursion for tests: whole matrices
 * layer by layer, textbook formulas (θ = arccos of the clipped cosine, sin θ = Math.sin θ,
 * arcsine kernel with D = (1 + 2 k11)(1 + 2 k22) − 4 k12²), sharing no code with ntk4j.
 */
final class ReferenceKernels {

    /** [0] = NNGP, [1] = NTK, each n1 × n2, for relu/erf/step/abrelu(a, b) MLPs. */
    static double[][][] mlp(double[][] x1, double[][] x2, int depth, String act, double a, double b,
                            double w, double bias) {
        int n1 = x1.length;
        int n2 = x2.length;
        int d = x1[0].length;
        double w2 = w * w;
        double b2 = bias * bias;
        double[][] k = new double[n1][n2];
        double[] k11 = new double[n1];
        double[] k22 = new double[n2];
        for (int i = 0; i < n1; i++) {
            k11[i] = w2 * dot(x1[i], x1[i]) / d + b2;
            for (int j = 0; j < n2; j++) {
                k[i][j] = w2 * dot(x1[i], x2[j]) / d + b2;
            }
        }
        for (int j = 0; j < n2; j++) {
            k22[j] = w2 * dot(x2[j], x2[j]) / d + b2;
        }
        double[][] t = new double[n1][n2];
        for (int i = 0; i < n1; i++) {
            t[i] = k[i].clone();
        }
        for (int l = 0; l < depth; l++) {
            double[][] kn = new double[n1][n2];
            for (int i = 0; i < n1; i++) {
                for (int j = 0; j < n2; j++) {
                    double[] e = step(act, a, b, k[i][j], k11[i], k22[j]);
                    kn[i][j] = w2 * e[0] + b2;
                    t[i][j] = kn[i][j] + w2 * e[1] * t[i][j];
                }
            }
            k = kn;
            for (int i = 0; i < n1; i++) {
                k11[i] = w2 * step(act, a, b, k11[i], k11[i], k11[i])[0] + b2;
            }
            for (int j = 0; j < n2; j++) {
                k22[j] = w2 * step(act, a, b, k22[j], k22[j], k22[j])[0] + b2;
            }
        }
        return new double[][][] {k, t};
    }

    /** {E[φ(u)φ(v)], E[φ'(u)φ'(v)]}. */
    static double[] step(String act, double a, double b, double k12, double k11, double k22) {
        switch (act) {
            case "erf": {
                double p = (1 + 2 * k11) * (1 + 2 * k22);
                double s = Math.max(-1, Math.min(1, 2 * k12 / Math.sqrt(p)));
                return new double[] {2 / Math.PI * Math.asin(s), 4 / Math.PI / Math.sqrt(p - 4 * k12 * k12)};
            }
            case "relu":
                return step("abrelu", 0, 1, k12, k11, k22);
            case "step": {
                double th = angle(k12, k11, k22);
                return new double[] {(Math.PI - th) / (2 * Math.PI), 0};
            }
            case "abrelu": {
                double th = angle(k12, k11, k22);
                double s = Math.sqrt(k11 * k22);
                double j1 = s / (2 * Math.PI) * (Math.sin(th) + (Math.PI - th) * Math.cos(th));
                double nngp = (b - a) * (b - a) * j1 + a * b * k12;
                double tdot = (a * a + b * b) * (Math.PI - th) / (2 * Math.PI) + a * b * th / Math.PI;
                return new double[] {nngp, tdot};
            }
            default:
                throw new IllegalArgumentException(act);
        }
    }

    private static double angle(double k12, double k11, double k22) {
        return Math.acos(Math.max(-1, Math.min(1, k12 / Math.sqrt(k11 * k22))));
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
