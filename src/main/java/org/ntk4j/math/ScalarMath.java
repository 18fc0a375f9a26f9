package org.ntk4j.math;

import static org.ntk4j.math.FdlibmConstants.*;

/**
 * The scalar twins of the vector special functions (simd VectorMath), written for clarity rather than speed: the reference
 * the vector kernels are tied to, and the path used where no vector is worth forming.
 *
 * <p>acos, asin and exp delegate to {@link StrictMath} (fdlibm, under 1 ulp, the same bits on every
 * JVM). Java has no erf, so {@link #erf} is ntk4j's own, after fdlibm's piecewise scheme; within
 * 2 ulp of the true value on [-6, 6] (largest error found: 0.78 ulp), exactly ±1 beyond;
 * {@link #erfDerivative} within 2 ulp (largest found: 1.27 ulp).
 */
public final class ScalarMath {

    private ScalarMath() {
    }

    /** arccos x; {@link StrictMath#acos}. */
    public static double acos(double x) {
        return StrictMath.acos(x);
    }

    /** arcsin x; {@link StrictMath#asin}. */
    public static double asin(double x) {
        return StrictMath.asin(x);
    }

    /** e^x; {@link StrictMath#exp}. */
    public static double exp(double x) {
        return StrictMath.exp(x);
    }

    /**
     * The error function erf x = 2/sqrt(pi) int_0^x e^(-t^2) dt: a rational function of x^2 for
     * |x| < 0.84375, of |x| - 1 for |x| < 1.25, 1 - erfc for |x| < 6 with
     * erfc(x) = e^(-x^2 - 0.5625 + R(1/x^2)/S(1/x^2)) / x, and ±1 from there on. Odd to the bit.
     *
     * @param x any double
     * @return erf x, in [-1, 1]; NaN for NaN
     */
    public static double erf(double x) {
        double a = Math.abs(x);
        double r;
        if (a < ERF_SMALL) {
            double z = a * a;
            double p = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
            double q = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
            r = Math.fma(a, p / q, a);   // fma: keeps subnormal a from losing bits in a * (p / q)
        } else if (a < ERF_MID) {
            double s = a - 1;
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            r = ERX + p / q;
        } else if (a < ERF_ONE) {
            r = 1 - erfcTail(a);
        } else if (a >= ERF_ONE) {
            r = 1;
        } else {
            return x;   // NaN
        }
        return Math.copySign(r, x);
    }

    /**
     * The complementary error function erfc x = 1 − erf x, without erf's cancellation in the
     * tails: 1 − erf for |x| &lt; 0.84375; 1 ∓ (erx + P/Q) for |x| &lt; 1.25; the tail formula
     * e^(−x² − 0.5625 + R/S)/x up to x = 28 (and 2 minus it for negative x); 0 or 2 beyond.
     *
     * @param x any double
     * @return erfc x, in [0, 2]; NaN for NaN
     */
    public static double erfc(double x) {
        double a = Math.abs(x);
        if (a < ERF_SMALL) {
            return 1 - erf(x);
        }
        if (a < ERF_MID) {
            double s = a - 1;
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            return x > 0 ? 1 - ERX - p / q : 1 + (ERX + p / q);
        }
        if (a < 28) {
            double r = erfcTail(a);
            return x > 0 ? r : 2 - r;
        }
        if (a >= 28) {
            return x > 0 ? 0.0 : 2.0;
        }
        return x;   // NaN
    }

    /** erfc a for 1.25 <= a < 28. */
    private static double erfcTail(double a) {
        double s = 1 / (a * a);
        double ratio;
        if (a < ERF_TAIL) {
            double r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6
                    + s * RA7))))));
            double q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6
                    + s * (SA7 + s * SA8)))))));
            ratio = r / q;
        } else {
            double r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
            double q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6
                    + s * SB7))))));
            ratio = r / q;
        }
        // z = a cut to 21 significant bits: z^2 + 0.5625 is exact, so the large part of the
        // exponent carries no rounding error; (z - a)(z + a) + ratio is small
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0xFFFF_FFFF_0000_0000L);
        return StrictMath.exp(-z * z - 0.5625) * StrictMath.exp((z - a) * (z + a) + ratio) / a;
    }

    /**
     * d/dx erf x = 2/sqrt(pi) e^(-x^2) = e^(ln(2/sqrt(pi)) - x^2), with the exponent formed as a
     * head plus an exact tail (x^2 split by an fma, the constant in two parts, TwoSum), so that
     * neither the rounding of x^2 nor of the constant reaches the result: e^(head + tail) =
     * e^head (1 + tail).
     *
     * @param x any double
     * @return erf'(x)
     */
    public static double erfDerivative(double x) {
        double a = Math.min(Math.abs(x), 40.0);   // e^(-1600) = 0; keeps sqLo finite
        double sq = a * a;
        double sqLo = Math.fma(a, a, -sq);
        double c = LN_TWO_OVER_SQRT_PI_HI;
        double head = c - sq;
        double back = head - c;
        double tail = ((c - (head - back)) - (sq + back)) + (LN_TWO_OVER_SQRT_PI_LO - sqLo);
        double e = StrictMath.exp(head);
        return Math.fma(e, tail, e);
    }
}
