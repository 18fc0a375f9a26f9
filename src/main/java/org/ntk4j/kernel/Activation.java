package org.ntk4j.kernel;

/**
 * A pointwise nonlinearity φ. Its kernel map takes the Gaussian pre-activation kernel (k12, k11,
 * k22) to E[φ(u) φ(v)] (the NNGP) and Ṫ = E[φ'(u) φ'(v)] (the NTK's derivative term). Only valid on
 * a Gaussian input, i.e. right after a {@link Dense} layer.
 */
public sealed interface Activation extends Layer permits ABRelu, Erf, Step {

    /** E[φ(u) φ(v)] for (u, v) centred Gaussian with covariance [[k11, k12], [k12, k22]]; scalar reference. */
    double nngp(double k12, double k11, double k22);

    /** Ṫ = E[φ'(u) φ'(v)] for the same pair; scalar reference. */
    double tdot(double k12, double k11, double k22);

    /** φ(x) for the finite network. */
    double apply(double x);

    /** φ'(x) for the finite network (0 where φ is flat; the step's derivative is taken as 0). */
    double derivative(double x);

    /** True when the kernel map needs the angle between inputs, so a zero variance is invalid. */
    boolean needsAngle();
}
