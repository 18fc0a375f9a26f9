package org.ntk4j.finite;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.io.NpyArray;

/**
 * The full empirical NTK Θ_ab(x_i, x'_j) of a network with O outputs, shape (n1, n2, O, O), held
 * flat in C order: entry (i, j, a, b) at ((i·n2 + j)·O + a)·O + b. The array is shared, not copied
 * (it can be gigabytes); treat it as read-only.
 */
public record FullNtk(int n1, int n2, int outputs, double[] data) {

    public FullNtk {
        if (n1 < 0 || n2 < 0 || outputs < 1 || data == null
                || data.length != (long) n1 * n2 * outputs * outputs) {
            throw new IllegalArgumentException("a full eNTK of shape (" + n1 + ", " + n2 + ", " + outputs + ", "
                    + outputs + ") needs " + (long) n1 * n2 * outputs * outputs + " entries, got "
                    + (data == null ? "none" : data.length));
        }
    }

    /** {n1, n2, O, O}. */
    public int[] shape() {
        return new int[] {n1, n2, outputs, outputs};
    }

    /** Θ_ab(x1_i, x2_j). */
    public double get(int i, int j, int a, int b) {
        return data[((i * n2 + j) * outputs + a) * outputs + b];
    }

    /** As an .npy array of shape (n1, n2, O, O), sharing the data. */
    public NpyArray toNpy() {
        return new NpyArray(shape(), data);
    }

    /** (1/O) Σ_ab Θ_ab, n1 × n2: what the LOGITS mode computes directly. */
    public DMatrixRMaj logitSum() {
        DMatrixRMaj out = new DMatrixRMaj(n1, n2);
        int oo = outputs * outputs;
        for (int ij = 0; ij < n1 * n2; ij++) {
            double s = 0;
            for (int k = 0; k < oo; k++) {
                s += data[ij * oo + k];
            }
            out.data[ij] = s / outputs;
        }
        return out;
    }

    /** (1/O) Σ_a Θ_aa, n1 × n2: what the TRACE mode computes directly. */
    public DMatrixRMaj trace() {
        DMatrixRMaj out = new DMatrixRMaj(n1, n2);
        int oo = outputs * outputs;
        for (int ij = 0; ij < n1 * n2; ij++) {
            double s = 0;
            for (int a = 0; a < outputs; a++) {
                s += data[ij * oo + a * outputs + a];
            }
            out.data[ij] = s / outputs;
        }
        return out;
    }

    /**
     * How far the logit-summed approximation is from the full kernel: ‖Θ − Θ_logits ⊗ I_O‖_F / ‖Θ‖_F
     * (Mohamadi et al. 2022). logits: n1 × n2, not modified.
     */
    public double relativeErrorOf(DMatrixRMaj logits) {
        if (logits.numRows != n1 || logits.numCols != n2) {
            throw new IllegalArgumentException("logits are " + logits.numRows + " x " + logits.numCols
                    + " but the full eNTK is " + n1 + " x " + n2 + " x " + outputs + " x " + outputs);
        }
        double num = 0;
        double den = 0;
        for (int ij = 0; ij < n1 * n2; ij++) {
            for (int a = 0; a < outputs; a++) {
                for (int b = 0; b < outputs; b++) {
                    double t = data[(ij * outputs + a) * outputs + b];
                    double e = t - (a == b ? logits.data[ij] : 0.0);
                    num += e * e;
                    den += t * t;
                }
            }
        }
        return den == 0 ? (num == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(num / den);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FullNtk f && f.n1 == n1 && f.n2 == n2 && f.outputs == outputs
                && java.util.Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(data);
    }

    /** Shape only: the data can be large. */
    @Override
    public String toString() {
        return "FullNtk(" + n1 + ", " + n2 + ", " + outputs + ", " + outputs + ")";
    }
}
