package org.ntk4j.data;

import org.ejml.data.DMatrixRMaj;

/**
 * The preprocessing of Lee et al. (2018) for image classification with NNGP/NTK kernels: each
 * image flattened to d pixel values scaled to [0, 1], centred on its own mean, then scaled to
 * Euclidean norm √d; targets one-hot minus 0.1 (0.9 for the class, −0.1 elsewhere), so that they
 * have mean zero over 10 classes.
 */
public final class Preprocess {

    private Preprocess() {
    }

    /**
     * Images (items × d unsigned bytes) to rows of x: x = (p/255 − mean) · √d / ‖p/255 − mean‖.
     * Computed exactly in integers up to the last scaling: c_j = d·p_j − Σp (the factor 1/(255 d)
     * cancels in the normalisation), so a constant image gives c = 0 exactly and becomes the zero
     * row, whose kernel is the bias variance: no NaN, and no rounding noise blown up to norm √d.
     *
     * @return a new items × d matrix
     */
    public static DMatrixRMaj images(Idx.Array images) {
        int n = images.items();
        int d = images.itemSize();
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        double target = Math.sqrt(d);
        for (int i = 0; i < n; i++) {
            int off = i * d;
            long sum = 0;
            for (int j = 0; j < d; j++) {
                sum += images.get(off + j);
            }
            long ss = 0; // |c_j| ≤ 255 d, so Σ c_j² ≤ 255² d³: exact in a long for d < 10^5
            for (int j = 0; j < d; j++) {
                long c = (long) d * images.get(off + j) - sum;
                ss += c * c;
            }
            double scale = ss > 0 ? target / Math.sqrt((double) ss) : 0;
            for (int j = 0; j < d; j++) {
                x.data[off + j] = ((long) d * images.get(off + j) - sum) * scale;
            }
        }
        return x;
    }

    /**
     * Labels 0..classes−1 to targets: 0.9 in the label's column, −0.1 elsewhere.
     *
     * @return a new n × classes matrix
     */
    public static DMatrixRMaj oneHotMinusTenth(int[] labels, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        }
        DMatrixRMaj y = new DMatrixRMaj(labels.length, classes);
        java.util.Arrays.fill(y.data, -0.1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", outside 0.." + (classes - 1));
            }
            y.data[i * classes + labels[i]] = 0.9;
        }
        return y;
    }

    /** The labels of an IDX label file as ints. */
    public static int[] labels(Idx.Array labels) {
        if (labels.itemSize() != 1) {
            throw new IllegalArgumentException("a label file has one value per item, this one " + labels.itemSize());
        }
        int[] out = new int[labels.items()];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels.get(i);
        }
        return out;
    }
}
