package org.ntk4j.cli;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.linalg.MemoryCheck;
import org.ntk4j.linalg.Solver;
import org.ntk4j.predict.GpPosterior;
import org.ntk4j.predict.GradientDescentMse;
import org.ntk4j.predict.LearningRate;

/**
 * The solve-and-predict step the commands share: NNGP posterior mean, and NTK gradient descent at
 * time t (t = ∞ by a Cholesky solve, finite t by an eigendecomposition, at the given or the largest
 * stable learning rate).
 */
final class KernelPredictor {

    /** Predictions and what produced them. */
    record Output(DMatrixRMaj mean, Double learningRate) {
    }

    private KernelPredictor() {
    }

    /** NNGP posterior mean; kTrain is factored in place (Modified). */
    static DMatrixRMaj nngpInPlace(DMatrixRMaj kTrain, DMatrixRMaj kTestTrain, DMatrixRMaj y, double diagReg, Solver solver) {
        return GpPosterior.fitInPlace(kTrain, y, diagReg, solver).mean(kTestTrain);
    }

    /**
     * NTK gradient-descent mean at time t, f₀ = 0. t = ∞: thetaTrain is factored in place
     * (Modified); finite t: not modified.
     *
     * @param steps t in steps at the learning rate, i.e. the NT time is steps · (given or max rate)
     */
    static Output ntkInPlace(DMatrixRMaj thetaTrain, DMatrixRMaj thetaTestTrain, DMatrixRMaj y, double diagReg,
                      double steps, Double learningRate, Solver solver) {
        if (Double.isInfinite(steps)) {
            return new Output(GpPosterior.fitInPlace(thetaTrain, y, diagReg, solver).mean(thetaTestTrain), null);
        }
        double eta = learningRate != null ? learningRate : LearningRate.max(thetaTrain, y.numCols, solver);
        GradientDescentMse gd = GradientDescentMse.fit(thetaTrain, y, diagReg, eta, solver);
        return new Output(gd.testMean(thetaTestTrain, steps), eta);
    }

    /** Refuses a run whose kernels (and eigendecomposition, for finite t) do not fit the heap. */
    static void requireMemory(long nTrain, long nTest, boolean eigen) {
        requireMemory(nTrain, nTest, nTest, eigen);
    }

    /**
     * As {@link #requireMemory(long, long, boolean)} when only testRows rows of the test/train
     * kernels are held at a time (the streamed main job).
     */
    static void requireMemory(long nTrain, long nTest, long testRows, boolean eigen) {
        MemoryCheck.entries(nTrain, nTrain, "the train kernel");
        MemoryCheck.entries(testRows, nTrain, "the test/train kernel");
        long need = 8 * (2 * nTrain * nTrain + 2 * testRows * nTrain + (eigen ? 5 * nTrain * nTrain : 0));
        MemoryCheck.require(need, "the NNGP and NTK of " + nTrain + " train and " + nTest + " test points"
                + (testRows < nTest ? " (test rows " + testRows + " at a time)" : "")
                + (eigen ? " (with the eigendecomposition a finite --time needs)" : ""));
    }
}
