package org.ntk4j.train;

/** The update rules; g_t = ∇L(θ_t) over the step's batch. */
public enum Optimizer {
    /** Full-batch gradient descent: θ ← θ − η g. */
    GD,
    /** Minibatch SGD: θ ← θ − η g_B, B drawn afresh every step from the seed (docs/training.md). */
    SGD,
    /** Full-batch heavy-ball momentum (Polyak): v ← μ v + g, θ ← θ − η v, v_0 = 0. */
    MOMENTUM;

    /** As the command line spells it: lower case, '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
