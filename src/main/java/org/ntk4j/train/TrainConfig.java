package org.ntk4j.train;

/**
 * The settings of one training run; validated on construction.
 *
 * @param parameterization how the trained parameters enter the forward pass
 * @param loss             the objective
 * @param optimizer        the update rule
 * @param learningRate     η &gt; 0
 * @param momentum         μ in [0, 1), used by {@link Optimizer#MOMENTUM} only
 * @param batch            SGD minibatch size B ≥ 1 (capped at n), ignored otherwise
 * @param steps            T ≥ 0 updates
 * @param seed             seed of the SGD minibatches
 * @param alpha            output scale α; when not null the trained function is α(f(θ) − f(θ₀))
 *                         (Chizat et al. 2019), otherwise f(θ)
 * @param linearize        train the linearised network f(θ₀) + J(θ₀)(θ − θ₀) instead of f(θ)
 */
public record TrainConfig(Parameterization parameterization, Loss loss, Optimizer optimizer, double learningRate,
        double momentum, int batch, int steps, long seed, Double alpha, boolean linearize) {

    public TrainConfig {
        if (parameterization == null || loss == null || optimizer == null) {
            throw new IllegalArgumentException("parameterization, loss and optimizer are required");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (alpha != null && (!Double.isFinite(alpha) || alpha == 0)) {
            throw new IllegalArgumentException("alpha must be finite and nonzero, got " + alpha);
        }
    }

    /** Without linearisation. */
    public TrainConfig(Parameterization parameterization, Loss loss, Optimizer optimizer, double learningRate,
            double momentum, int batch, int steps, long seed, Double alpha) {
        this(parameterization, loss, optimizer, learningRate, momentum, batch, steps, seed, alpha, false);
    }

    /** The same settings, training the linearised network when linearize is true. */
    public TrainConfig withLinearize(boolean linearize) {
        return new TrainConfig(parameterization, loss, optimizer, learningRate, momentum, batch, steps, seed, alpha, linearize);
    }

    /** Full-batch GD on MSE in the NTK parameterisation with learning rate η for T steps. */
    public static TrainConfig gd(double learningRate, int steps) {
        return new TrainConfig(Parameterization.NTK, Loss.MSE, Optimizer.GD, learningRate, 0, 1, steps, 0, null);
    }
}
