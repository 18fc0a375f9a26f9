package org.ntk4j.numerical;

import java.util.Arrays;

/**
 * Where the quadratures split their panels, in the activation's argument x: the kinks, and a
 * geometric grading ±2^k for k = −1..5 around 0, so that a smooth activation's features near 0 on
 * the scale |x| ≈ 1 (tanh, sigmoid, softplus, silu, elu's bend) sit at panel ends whatever the
 * variance: at variance 1e4 those features are 1/100 wide in standardised units.
 */
final class Breakpoints {

    private static final double[] GRADING = {
        -32, -16, -8, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 8, 16, 32};

    private Breakpoints() {
    }

    /** Kinks of φ and the grading points, ascending, without duplicates. */
    static double[] of(Pointwise phi) {
        double[] k = phi.kinks();
        double[] all = Arrays.copyOf(GRADING, GRADING.length + k.length);
        System.arraycopy(k, 0, all, GRADING.length, k.length);
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    /** True when every kink of φ is at 0 (the catalog's case: kinks are rays in polar coordinates). */
    static boolean kinksAtZero(Pointwise phi) {
        for (double k : phi.kinks()) {
            if (k != 0) {
                return false;
            }
        }
        return true;
    }
}
