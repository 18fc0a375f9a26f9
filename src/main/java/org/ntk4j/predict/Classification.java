package org.ntk4j.predict;

import org.ejml.data.DMatrixRMaj;

/** Turning regression outputs into class predictions: argmax per row, and accuracy against labels. */
public final class Classification {

    private Classification() {
    }

    /** The column of the largest entry of each row (the first on ties). scores: not modified. */
    public static int[] argmax(DMatrixRMaj scores) {
        int k = scores.numCols;
        if (k == 0) {
            throw new IllegalArgumentException("scores have no columns");
        }
        int[] out = new int[scores.numRows];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int q = 1; q < k; q++) {
                if (scores.data[i * k + q] > scores.data[i * k + best]) {
                    best = q;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Fraction of rows whose argmax equals the label. */
    public static double accuracy(DMatrixRMaj scores, int[] labels) {
        if (labels.length != scores.numRows) {
            throw new IllegalArgumentException(labels.length + " labels for " + scores.numRows + " predictions");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no predictions to score");
        }
        int[] pred = argmax(scores);
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            hits += pred[i] == labels[i] ? 1 : 0;
        }
        return hits / (double) labels.length;
    }
}
