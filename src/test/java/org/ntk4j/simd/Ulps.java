package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

/** Distances in units in the last place, computed exactly (BigDecimal), for the accuracy tests. */
final class Ulps {

    private Ulps() {
    }

    /**
     * |value - ref| in ulps of the double ref. Equal infinities are 0 apart, anything else next to
     * an infinity or NaN is infinitely far.
     */
    static double between(double value, double ref) {
        if (Double.isNaN(ref) || Double.isInfinite(ref) || Double.isNaN(value)
                || Double.isInfinite(value)) {
            return Double.compare(value, ref) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        BigDecimal diff = new BigDecimal(value).subtract(new BigDecimal(ref)).abs();
        return diff.divide(new BigDecimal(Math.ulp(ref)), MathContext.DECIMAL64).doubleValue();
    }

    /**
     * |value - ref| in ulps at the exact real ref: the ulp of the largest double not above |ref| in
     * magnitude, so a reference just below a power of two is measured in the finer ulp.
     */
    static double between(double value, BigDecimal ref) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.POSITIVE_INFINITY;
        }
        double d = Math.abs(ref.doubleValue());
        if (new BigDecimal(d).compareTo(ref.abs()) > 0) {
            d = Math.nextDown(d);
        }
        BigDecimal diff = new BigDecimal(value).subtract(ref).abs();
        return diff.divide(new BigDecimal(Math.ulp(d)), MathContext.DECIMAL64).doubleValue();
    }

    /** Asserts |values[i] - refs[i]| <= bound ulp of refs[i] for every i; names the worst x. */
    static void assertWithin(double bound, double[] x, double[] values, double[] refs) {
        double worst = 0;
        double at = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            double e = between(values[i], refs[i]);
            if (!(e <= worst)) {
                worst = e;
                at = x[i];
            }
        }
        double w = worst;
        double a = at;
        assertTrue(w <= bound, () -> w + " ulp at x = " + a + " (bound " + bound + ")");
    }

    /** Asserts |values[i] - refs[i]| <= bound ulp of the exact refs[i]; names the worst x. */
    static void assertWithin(double bound, double[] x, double[] values, BigDecimal[] refs) {
        double worst = 0;
        double at = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            double e = between(values[i], refs[i]);
            if (!(e <= worst)) {
                worst = e;
                at = x[i];
            }
        }
        double w = worst;
        double a = at;
        assertTrue(w <= bound, () -> w + " ulp at x = " + a + " (bound " + bound + ")");
    }
}
