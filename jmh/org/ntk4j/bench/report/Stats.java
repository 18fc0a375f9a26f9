package org.ntk4j.bench.report;

import java.util.Arrays;

/** Robust summaries of benchmark samples and the log-log fit of a scaling law. */
public final class Stats {

    private Stats() {
    }

    /** A least-squares line log y = slope · log x + intercept, with its coefficient of determination. */
    public record Fit(double slope, double intercept, double r2, int points) {
        /** y predicted at x. */
        public double at(double x) {
            return Math.exp(intercept + slope * Math.log(x));
        }
    }

    /** The q-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics (Hyndman-Fan type 7). */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double h = (v.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }

    /** The median. */
    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** Half the interquartile range: a robust error bar (≈ 0.67 σ for normal noise); 0 for one value. */
    public static double halfIqr(double[] values) {
        return (quantile(values, 0.75) - quantile(values, 0.25)) / 2;
    }

    /**
     * Fits log y against log x by least squares: the slope is the scaling exponent (y ∝ x^slope).
     * Needs two or more distinct positive x and positive y.
     */
    public static Fit logLogFit(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a fit needs two or more points, got " + Math.min(x.length, y.length));
        }
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0 && y[i] > 0)) {
                throw new IllegalArgumentException("log-log fit needs positive values, got (" + x[i] + ", " + y[i] + ")");
            }
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            double dy = Math.log(y[i]) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("log-log fit needs two distinct x values");
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new Fit(slope, my - slope * mx, r2, n);
    }
}
