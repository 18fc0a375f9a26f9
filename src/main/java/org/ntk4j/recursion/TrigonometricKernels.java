package org.ntk4j.recursion;

/**
 * Expectations of sines and cosines of a centred Gaussian pair (u, v) with E[u²] = k11,
 * E[v²] = k22, E[uv] = k12, from E[cos(u ± v)] = e^(−Var(u ± v)/2):
 * E[sin u sin v] = e^(−(k11 + k22)/2) sinh k12 and E[cos u cos v] = e^(−(k11 + k22)/2) cosh k12.
 * Written as (e^(k12 − m) ∓ e^(−k12 − m))/2 with m = (k11 + k22)/2 ≥ |k12| (Cauchy–Schwarz), so
 * neither factor overflows; for |k12| &lt; 1/2 the sinh is its Taylor series times e^(−m), where
 * the difference of exponentials would cancel. The scalar reference, with {@link StrictMath}.
 */
public final class TrigonometricKernels {

    /** Below this |k12| the sinh is taken from its series. */
    public static final double SERIES = 0.5;

    private TrigonometricKernels() {
    }

    /** E[sin u sin v] = e^(−(k11 + k22)/2) sinh k12. */
    public static double sinSin(double k12, double k11, double k22) {
        double m = 0.5 * (k11 + k22);
        if (Math.abs(k12) < SERIES) {
            return StrictMath.exp(-m) * sinhSeries(k12);
        }
        return 0.5 * (StrictMath.exp(k12 - m) - StrictMath.exp(-k12 - m));
    }

    /** E[cos u cos v] = e^(−(k11 + k22)/2) cosh k12. */
    public static double cosCos(double k12, double k11, double k22) {
        double m = 0.5 * (k11 + k22);
        return 0.5 * (StrictMath.exp(k12 - m) + StrictMath.exp(-k12 - m));
    }

    /**
     * sinh x for |x| &lt; 1/2: x + x³/3! + ... + x^13/13!, truncated below 2^-62 relative
     * ((1/2)^14/15! &lt; 5e-17), evaluated by Horner in x².
     */
    public static double sinhSeries(double x) {
        double z = x * x;
        double p = 1.0 / 6227020800.0;           // 1/13!
        p = p * z + 1.0 / 39916800;            // 1/11!
        p = p * z + 1.0 / 362880;              // 1/9!
        p = p * z + 1.0 / 5040;                // 1/7!
        p = p * z + 1.0 / 120;                 // 1/5!
        p = p * z + 1.0 / 6;                   // 1/3!
        return x + x * (z * p);
    }
}
