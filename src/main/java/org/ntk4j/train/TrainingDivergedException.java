package org.ntk4j.train;

/** The loss became NaN or infinite; names the step. An IllegalArgumentException: a bad setting. */
public final class TrainingDivergedException extends IllegalArgumentException {

    private final int step;

    TrainingDivergedException(int step, double loss, double learningRate) {
        super("training diverged at step " + step + ": the train loss is " + loss
                + " (learning rate " + learningRate + " is too large?)");
        this.step = step;
    }

    /** The number of updates made when the loss was found non-finite. */
    public int step() {
        return step;
    }
}
