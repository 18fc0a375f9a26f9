package org.ntk4j.train;

/**
 * One row of a training report, taken before the update of its step (step T: after the last).
 *
 * @param step         t, the number of updates made
 * @param trainLoss    L on all train inputs (also for SGD)
 * @param testLoss     L on the test inputs; NaN when there are no test targets
 * @param weightChange ‖θ_t − θ₀‖₂ / ‖θ₀‖₂ over all trained parameters
 */
public record Checkpoint(int step, double trainLoss, double testLoss, double weightChange) {
}
