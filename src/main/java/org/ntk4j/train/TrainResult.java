package org.ntk4j.train;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.finite.Mlp;

/**
 * What a training run returns. The matrices are fresh for each run and belong to the caller; they
 * are not copied on access.
 *
 * @param params      the trained parameters θ_T as a container in the run's parameterisation (for
 *                    {@link Parameterization#STANDARD} {@link Mlp#apply} does not compute this network)
 * @param trainOutput the trained function (after α) on the train inputs, n × k
 * @param testOutput  the same on the test inputs, or null without them
 * @param report      checkpoints at the report steps, in order
 */
public record TrainResult(Mlp params, DMatrixRMaj trainOutput, DMatrixRMaj testOutput, List<Checkpoint> report) {

    public TrainResult {
        report = List.copyOf(report);
    }
}
