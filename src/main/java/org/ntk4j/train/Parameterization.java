package org.ntk4j.train;

/**
 * How a dense layer l with fan-in n_l, weight scale σ_w and bias scale σ_b turns its trained
 * parameters θ = (W_l, b_l) into pre-activations h_{l+1} = c_w W_l a_l + c_b b_l.
 *
 * <ul>
 *   <li>{@link #NTK}: c_w = σ_w/√n_l, c_b = σ_b; θ drawn N(0, 1) (ntk4j's {@code Mlp}).</li>
 *   <li>{@link #STANDARD}: c_w = c_b = 1; W_l ~ N(0, σ_w²/n_l), b_l ~ N(0, σ_b²).</li>
 * </ul>
 * Both give the same function at initialisation for the same draws; their gradients differ.
 */
public enum Parameterization {
    /** The neural-tangent parameterisation: the scale is a multiplier in the forward pass. */
    NTK,
    /** The standard parameterisation: the scale is in the initial distribution. */
    STANDARD;

    /** c_w for a layer of fan-in n with weight scale wStd. */
    double weightMultiplier(double wStd, int fanIn) {
        return this == NTK ? wStd / Math.sqrt(fanIn) : 1.0;
    }

    /** c_b for a layer with bias scale bStd. */
    double biasMultiplier(double bStd) {
        return this == NTK ? bStd : 1.0;
    }

    /** The factor that turns an N(0, 1) draw into this parameterisation's initial weight. */
    double weightInitScale(double wStd, int fanIn) {
        return this == NTK ? 1.0 : wStd / Math.sqrt(fanIn);
    }

    /** The factor that turns an N(0, 1) draw into this parameterisation's initial bias. */
    double biasInitScale(double bStd) {
        return this == NTK ? 1.0 : bStd;
    }

    /** As the command line spells it: lower case, '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
