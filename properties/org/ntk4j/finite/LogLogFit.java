package org.ntk4j.finite;

/** Least-squares slope of log y against log x: the exponent p of a power law y ≈ c·x^p. */
final class LogLogFit {

    private LogLogFit() {
    }

    /** The slope Σ (u − ū)(v − v̄) / Σ (u − ū)² with u = ln x, v = ln y; x, y positive. */
    static double slope(double[] x, double[] y) {
        assert x.length == y.length && x.length >= 2;
        double mu = 0;
        double mv = 0;
        for (int i = 0; i < x.length; i++) {
            mu += Math.log(x[i]);
            mv += Math.log(y[i]);
        }
        mu /= x.length;
        mv /= x.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            double u = Math.log(x[i]) - mu;
            sxy += u * (Math.log(y[i]) - mv);
            sxx += u * u;
        }
        return sxy / sxx;
    }
}
