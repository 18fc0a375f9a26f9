package org.ntk4j.kernel;

/**
 * A pointwise nonlinearity φ and its infinite-width kernel map. For a centred Gaussian pair (u, v)
 * with covariance [[k11, k12], [k12, k22]] the map gives the NNGP E[φ(u) φ(v)] and the NTK's
 * derivative term Ṫ = E[φ'(u) φ'(v)]; the layer then maps (K, Θ) to (E[φ φ], Ṫ Θ). One formula
 * serves the cross term and the diagonals alike: the diagonal of input x is the map at
 * k12 = k11 = k22. Valid only on a Gaussian input, i.e. right after a {@link Dense} layer
 * ({@link Network} composes activations in a row into one).
 *
 * <p>Every activation is one class. Those with a closed-form kernel are listed here and have a
 * hand-vectorised twin in the vector backend (whose exhaustive switch over this hierarchy the
 * compiler checks); one without a closed form extends {@link Numerical} and needs nothing else.
 * Each is registered once in the {@link Catalog}.
 */
public sealed interface Activation extends Layer permits ABRelu, Erf, Step, Sign, RectifiedMonomial, Gelu, Sin, Cos, Gaussian, Exp, Polynomial {

    /** E[φ(u) φ(v)] for the pair above; the scalar reference. */
    double nngp(double k12, double k11, double k22);

    /** Ṫ = E[φ'(u) φ'(v)] for the same pair; the scalar reference. */
    double tdot(double k12, double k11, double k22);

    /** φ(x), for the finite network. */
    double apply(double x);

    /** φ'(x), for the finite network (0 where φ is flat; a jump's derivative is taken as 0). */
    double derivative(double x);

    /** True when the kernel map needs the angle between its inputs, so a zero variance is invalid. */
    boolean needsAngle();

    /**
     * For a map that divides by a determinant-like D = c0 + c1 (k11 + k22) + c2 (k11 k22 − k12²):
     * {c0, c1, c2}; null when it has none. The engine then computes the first layer's determinant
     * from the inputs where the difference of products would cancel, and calls the two methods
     * below with it.
     */
    default double[] determinantForm() {
        return null;
    }

    /** The NNGP given the determinant gap = k11 k22 − k12² ≥ 0 computed on its own. */
    default double nngpWithGap(double k12, double k11, double k22, double gap) {
        return nngp(k12, k11, k22);
    }

    /** Ṫ given the determinant gap = k11 k22 − k12² ≥ 0 computed on its own. */
    default double tdotWithGap(double k12, double k11, double k22, double gap) {
        return tdot(k12, k11, k22);
    }
}
