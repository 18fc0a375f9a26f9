package org.ntk4j.numerical;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** A user's φ given as (φ, φ′) with its kinks; see {@link Pointwise#of}. */
record Custom(String describe, DoubleUnaryOperator phi, DoubleUnaryOperator dphi, boolean continuous,
        double[] sortedKinks) implements Pointwise {

    Custom {
        if (describe == null || phi == null || dphi == null || sortedKinks == null) {
            throw new IllegalArgumentException("a custom activation needs a name, φ, φ′ and its kinks (may be empty)");
        }
        sortedKinks = Arrays.stream(sortedKinks).distinct().sorted().toArray();
        for (double k : sortedKinks) {
            if (!Double.isFinite(k)) {
                throw new IllegalArgumentException("activation " + describe + ": kink " + k + " is not finite");
            }
        }
    }

    @Override
    public double value(double x) {
        return phi.applyAsDouble(x);
    }

    @Override
    public double derivative(double x) {
        return dphi.applyAsDouble(x);
    }

    @Override
    public double[] kinks() {
        return sortedKinks.clone();
    }
}
