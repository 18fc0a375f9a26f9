package org.ntk4j.simd;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * erf and erf' to about 35 significant digits with BigDecimal, independent of the code under
 * test: erf from its Taylor series, e^-y from a reduced Taylor series.
 */
final class ErfReference {

    /** pi to 60 digits. */
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494");
    private static final MathContext MC = new MathContext(60);
    /** 2 / sqrt(pi). */
    private static final BigDecimal TWO_OVER_SQRT_PI =
            BigDecimal.valueOf(2).divide(PI.sqrt(MC), MC);
    private static final int ACCURATE_DIGITS = 35;

    private ErfReference() {
    }

    /**
     * erf x = 2/sqrt(pi) sum_n (-1)^n x^(2n+1) / (n! (2n+1)). The largest term is about e^(x^2),
     * so x^2 / ln 10 digits cancel: the working precision grows by that much (16 more at |x| = 6).
     *
     * @param x any double with |x| <= 7
     * @return erf x to {@value #ACCURATE_DIGITS} significant digits
     */
    static BigDecimal erf(double x) {
        if (!(Math.abs(x) <= 7)) {
            throw new IllegalArgumentException("reference erf needs |x| <= 7, got " + x);
        }
        if (x == 0) {
            return BigDecimal.ZERO;
        }
        MathContext mc = new MathContext(ACCURATE_DIGITS + 10 + (int) Math.ceil(x * x / Math.log(10)));
        BigDecimal bx = new BigDecimal(x);
        BigDecimal minusX2 = bx.multiply(bx, mc).negate();
        BigDecimal term = bx;   // (-1)^n x^(2n+1) / n!
        BigDecimal sum = bx;
        BigDecimal stop = bx.abs().movePointLeft(ACCURATE_DIGITS + 5);
        for (int n = 1; ; n++) {
            term = term.multiply(minusX2, mc).divide(BigDecimal.valueOf(n), mc);
            BigDecimal add = term.divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = sum.add(add, mc);
            // alternating and decreasing once n > x^2: the error is below the first omitted term
            if (n > x * x && add.abs().compareTo(stop) < 0) {
                break;
            }
        }
        return sum.multiply(TWO_OVER_SQRT_PI, MC);
    }

    /**
     * erf'(x) = 2/sqrt(pi) e^(-x^2), with e^y = (e^(y / 2^m))^(2^m) and the Taylor series for
     * |y / 2^m| < 1/2.
     *
     * @param x any double with |x| <= 40
     * @return erf'(x) to about {@value #ACCURATE_DIGITS} significant digits
     */
    static BigDecimal erfDerivative(double x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal y = bx.multiply(bx, MC);   // e^(-y) = 1 / e^y
        int m = 0;
        while (y.compareTo(BigDecimal.valueOf(0.5)) > 0) {
            y = y.divide(BigDecimal.valueOf(2), MC);
            m++;
        }
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int n = 1; term.compareTo(BigDecimal.ONE.movePointLeft(70)) > 0; n++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < m; i++) {
            sum = sum.multiply(sum, MC);
        }
        return TWO_OVER_SQRT_PI.divide(sum, MC);
    }
}
