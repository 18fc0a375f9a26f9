package org.ntk4j.numerical;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A pointwise activation φ as the numerical kernel path sees it: φ, φ′, and the points where φ or
 * φ′ is not smooth (kinks and jumps), so that every quadrature can split its integrals there.
 *
 * <p>Contract: φ and φ′ are finite for finite x and grow at most polynomially; between the listed
 * kinks φ is smooth, with its features on the scale |x| ≈ 1 (quadratures grade their panels on
 * that scale, see {@link Breakpoints}). An activation with features at another scale, say sin(50x),
 * lists extra breakpoints as kinks. {@link #continuous()} is false when φ jumps (step, sign): then φ′
 * is taken as 0 off the jumps, as neural-tangents does, and Ṫ is not dNNGP/dk12.
 */
public interface Pointwise {

    /** φ(x). */
    double value(double x);

    /** φ′(x), taken as 0 on flat pieces and at jumps. */
    double derivative(double x);

    /** The points where φ or φ′ is not smooth, ascending, without duplicates; a fresh array. */
    double[] kinks();

    /** True when φ has no jumps, so Price's theorem ties the kernels: dE[φ(u)φ(v)]/dk12 = Ṫ. */
    boolean continuous();

    /** A short name for messages, e.g. "tanh" or "relu∘tanh". */
    String describe();

    /** This activation followed by {@code outer}: x ↦ outer(this(x)). */
    default Pointwise andThen(Pointwise outer) {
        return Composite.of(List.of(this, outer));
    }

    /**
     * A user's own continuous φ with its derivative and its kinks (any order; may be empty).
     * The operators must be pure functions.
     */
    static Pointwise of(String name, DoubleUnaryOperator phi, DoubleUnaryOperator dphi, double... kinks) {
        return new Custom(name, phi, dphi, true, kinks);
    }

    /** A user's own φ with jumps at the given points (listed among {@code kinks}); φ′ 0 at the jumps. */
    static Pointwise withJumps(String name, DoubleUnaryOperator phi, DoubleUnaryOperator dphi, double... kinks) {
        return new Custom(name, phi, dphi, false, kinks);
    }

    /** φ(x) = αx for x &lt; 0, x for x ≥ 0. */
    static Pointwise leakyRelu(double alpha) {
        return new LeakyRelu(alpha);
    }

    /** stages[0] first, then stages[1], ...: x ↦ stages[k−1](...stages[0](x)). */
    static Pointwise compose(Pointwise... stages) {
        return Composite.of(List.of(stages));
    }
}
