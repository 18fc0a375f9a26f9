package org.ntk4j.linalg;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ntk4j.exec.Progress;
import org.ntk4j.exec.Workers;
import org.ntk4j.simd.LinalgOps;

/**
 * Cholesky factor L L<sup>T</sup> = A + jitter·I of a symmetric positive-definite matrix, computed
 * in place: L overwrites the lower triangle of A, the strict upper triangle is left as it was
 * (blocked solver) and the original diagonal is kept here, so no second n × n array is needed.
 * Only the lower triangle and the diagonal of A are read. The blocked factorisation is
 * right-looking (Golub &amp; Van Loan, Matrix Computations, alg. 4.2.2 blocked): factor the diagonal
 * block, solve the panel below it, then update the trailing lower triangle with the vectorised
 * {@link LinalgOps#rankUpdate}, whose entries are split over threads without changing a bit.
 */
public final class Cholesky {

    /** Which code factors the matrix. */
    public enum Method {
        /** ntk4j's own blocked, vectorised, multi-threaded factorisation. */
        BLOCKED,
        /** EJML's {@code DecompositionFactory_DDRM.chol} (single-threaded). */
        EJML;

        /** The spelling on the command line and in result files: the name in lower case. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }


    /** Block size of the blocked factorisation: panel width and depth of each rank update. */
    public static final int DEFAULT_BLOCK = 128;

    private final DMatrixRMaj l;
    private final double[] diagonal;
    private final double jitter;
    private final double smallestPivot;
    private final LinalgOps ops;

    private Cholesky(DMatrixRMaj l, double[] diagonal, double jitter, double smallestPivot, LinalgOps ops) {
        this.l = l;
        this.diagonal = diagonal;
        this.jitter = jitter;
        this.smallestPivot = smallestPivot;
        this.ops = ops;
    }

    /**
     * Factors A + r·I with r = diagReg · mean(diag A) (neural-tangents' relative {@code diag_reg}).
     *
     * @param a       n × n symmetric; destroyed, in place: its lower triangle becomes L (EJML also zeroes the
     *                upper triangle); on failure its contents are unspecified
     * @param diagReg relative jitter, ≥ 0
     * @throws IllegalArgumentException if A is not square, not finite, has a non-positive mean
     *                                  diagonal, or A + r·I is not positive definite (the message names the failing pivot)
     */
    public static Cholesky factorInPlace(DMatrixRMaj a, double diagReg, Method method, LinalgOps ops, Workers workers) {
        return factorInPlace(a, diagReg, method, DEFAULT_BLOCK, ops, workers, null);
    }

    /**
     * As {@link #factorInPlace(DMatrixRMaj, double, Method, LinalgOps, Workers)} with an explicit block
     * size ≥ 1 and a progress callback (null for none; EJML reports only at the end).
     */
    public static Cholesky factorInPlace(DMatrixRMaj a, double diagReg, Method method, int block, LinalgOps ops,
                                  Workers workers, Progress progress) {
        if (a.numRows != a.numCols) {
            throw new IllegalArgumentException("the matrix to factor must be square, got " + a.numRows + " x " + a.numCols);
        }
        if (!(diagReg >= 0) || Double.isInfinite(diagReg)) {
            throw new IllegalArgumentException("diag-reg must be finite and >= 0, got " + diagReg);
        }
        if (block < 1) {
            throw new IllegalArgumentException("block size must be >= 1, got " + block);
        }
        int n = a.numRows;
        requireFiniteLower(a);
        double[] diag = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            diag[i] = a.data[i * n + i];
            sum += diag[i];
        }
        if (n > 0 && !(sum > 0)) {
            throw new IllegalArgumentException("the matrix has a non-positive mean diagonal (" + sum / n
                    + "): a kernel matrix is positive definite, its diagonal positive");
        }
        double jitter = n == 0 ? 0 : diagReg * (sum / n);
        for (int i = 0; i < n; i++) {
            a.data[i * n + i] += jitter;
        }
        double smallest = switch (method) {
            case BLOCKED -> new Blocked(a, block, ops, workers, diagReg, jitter, progress).run();
            case EJML -> ejml(a, diagReg, jitter);
        };
        if (progress != null) {
            long total = (long) n * n * n;
            progress.update(total, total);
        }
        return new Cholesky(a, diag, jitter, smallest, ops);
    }

    private static void requireFiniteLower(DMatrixRMaj a) {
        int n = a.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = a.data[i * n + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the matrix to factor has " + v + " at (" + i + ", " + j
                            + "): it must be finite");
                }
            }
        }
    }

    private static double ejml(DMatrixRMaj a, double diagReg, double jitter) {
        int n = a.numRows;
        MemoryCheck.require(2L * n * n * 8, "EJML's Cholesky of a " + n + " x " + n + " matrix");
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(a)) {
            throw new IllegalArgumentException(notPositiveDefinite(-1, n, Double.NaN, Double.NaN, diagReg, jitter));
        }
        DMatrixRMaj t = chol.getT(null);
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (t != a) {
                System.arraycopy(t.data, i * n, a.data, i * n, i + 1);
            }
            double p = a.data[i * n + i];
            smallest = Math.min(smallest, p * p);
        }
        return smallest;
    }

    static String notPositiveDefinite(int pivot, int n, double value, double smallestBefore, double diagReg,
                                      double jitter) {
        String where = pivot < 0 ? "EJML's factorisation failed (use the blocked solver to see the failing pivot)"
                : String.format("pivot %d of %d is %.3g (smallest pivot before it %.3g)", pivot, n, value, smallestBefore);
        double suggest = diagReg <= 0 ? 1e-6 : diagReg * 100;
        return String.format("the kernel matrix is not positive definite even with diag-reg %.3g (jitter %.3g added"
                + " to the diagonal): %s; try a larger --diag-reg, e.g. %.0e", diagReg, jitter, where, suggest);
    }

    /** n. */
    public int size() {
        return diagonal.length;
    }

    /** The absolute jitter r added to the diagonal. */
    public double jitter() {
        return jitter;
    }

    /** The smallest pivot L_ii² met: a cheap lower bound on how close A + r·I is to singular. */
    public double smallestPivot() {
        return smallestPivot;
    }

    /** A_ii before factoring (a fresh copy). */
    public double[] originalDiagonal() {
        return diagonal.clone();
    }

    /**
     * X = (A + r·I)<sup>−1</sup> B by a forward and a backward substitution.
     *
     * @param b n × k; not modified
     * @return a new n × k matrix
     */
    public DMatrixRMaj solve(DMatrixRMaj b, Workers workers) {
        double[] t = transposed(b);
        int k = b.numCols;
        int groups = Math.min(k, workers.threads());
        workers.forEach(groups, g -> {
            forward(t, g * k / groups, (g + 1) * k / groups);
            backward(t, g * k / groups, (g + 1) * k / groups);
        });
        return untransposed(t, b.numRows, k);
    }

    /**
     * Z = L<sup>−1</sup> B (forward substitution only), so that B<sup>T</sup>(A + r·I)<sup>−1</sup>B = Z<sup>T</sup>Z.
     *
     * @param b n × k; not modified
     * @return a new n × k matrix
     */
    public DMatrixRMaj solveLower(DMatrixRMaj b, Workers workers) {
        double[] t = transposed(b);
        int k = b.numCols;
        int groups = Math.min(k, workers.threads());
        workers.forEach(groups, g -> forward(t, g * k / groups, (g + 1) * k / groups));
        return untransposed(t, b.numRows, b.numCols);
    }

    private double[] transposed(DMatrixRMaj b) {
        int n = size();
        if (b.numRows != n) {
            throw new IllegalArgumentException("right-hand side has " + b.numRows + " rows, the matrix is " + n + " x " + n);
        }
        int k = b.numCols;
        double[] t = new double[MemoryCheck.entries(n, k, "the right-hand side")];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < k; q++) {
                double v = b.data[i * k + q];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("right-hand side row " + i + ", column " + q + " is " + v
                            + ": it must be finite");
                }
                t[q * n + i] = v;
            }
        }
        return t;
    }

    private static DMatrixRMaj untransposed(double[] t, int n, int k) {
        DMatrixRMaj x = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < k; q++) {
                x.data[i * k + q] = t[q * n + i];
            }
        }
        return x;
    }

    /**
     * z ← L⁻¹ z for the columns q0 .. q1 − 1 stored at t[q·n .. (q + 1)·n), row-oriented (a dot
     * per row and column). Rows run outermost so each row of L is read from memory once for all
     * the columns; each column sees the same operations as when solved alone.
     */
    private void forward(double[] t, int q0, int q1) {
        int n = size();
        double[] ld = l.data;
        for (int i = 0; i < n; i++) {
            double pivot = ld[i * n + i];
            for (int q = q0; q < q1; q++) {
                int off = q * n;
                double s = t[off + i] - ops.dot(ld, i * n, t, off, i);
                t[off + i] = s / pivot;
            }
        }
    }

    /** z ← L⁻ᵀ z for the columns q0 .. q1 − 1, column-oriented so that each step reads one contiguous row of L. */
    private void backward(double[] t, int q0, int q1) {
        int n = size();
        double[] ld = l.data;
        for (int i = n - 1; i >= 0; i--) {
            double pivot = ld[i * n + i];
            for (int q = q0; q < q1; q++) {
                int off = q * n;
                double x = t[off + i] / pivot;
                t[off + i] = x;
                ops.axpy(-x, ld, i * n, t, off, i);
            }
        }
    }

    /** The right-looking blocked factorisation, one run. */
    private static final class Blocked {
        private static final int CHUNK = 32;
        /** Columns per block of the panel's triangular solve. */
        private static final int SUB = 16;
        private static final int TILE_ROWS = 192;
        private static final int TILE_STRIPS = 8;

        private final double[] d;
        private final int n;
        private final int nb;
        private final LinalgOps ops;
        private final Workers workers;
        private final double diagReg;
        private final double jitter;
        private final Progress progress;
        private double smallest = Double.POSITIVE_INFINITY;

        Blocked(DMatrixRMaj a, int nb, LinalgOps ops, Workers workers, double diagReg, double jitter,
                Progress progress) {
            this.progress = progress;
            this.d = a.data;
            this.n = a.numRows;
            this.nb = nb;
            this.ops = ops;
            this.workers = workers;
            this.diagReg = diagReg;
            this.jitter = jitter;
        }

        double run() {
            int w = ops.stripWidth();
            int firstTrail = Math.max(0, n - Math.min(nb, n));
            long packedLen = (long) ((firstTrail + w - 1) / w) * w * Math.min(nb, Math.max(n, 1));
            MemoryCheck.require(packedLen * 8, "the Cholesky panel buffer");
            double[] packed = new double[(int) packedLen];
            double[] packedL11 = new double[nb * (nb + w)];
            for (int start = 0; start < n; start += nb) {
                int k0 = start;
                int kb = Math.min(nb, n - k0);
                factorDiagonalBlock(k0, kb);
                int t0 = k0 + kb;
                int m = n - t0;
                if (m == 0) {
                    break;
                }
                int chunks = (m + CHUNK - 1) / CHUNK;
                packDiagonalBlock(k0, kb, packedL11);
                workers.forEach(chunks, c -> solvePanelRows(k0, kb, t0 + c * CHUNK, Math.min(t0 + (c + 1) * CHUNK, n),
                        packedL11));
                ops.pack(d, t0 * n + k0, n, m, kb, packed);
                updateTrailing(t0, m, k0, kb, packed);
                if (progress != null) {
                    long total = (long) n * n * n;
                    progress.update(total - (long) m * m * m, total);
                }
            }
            return smallest;
        }

        /**
         * A22 ← A22 − L21 L21ᵀ on the lower triangle, in tiles of TILE_ROWS rows × TILE_STRIPS
         * strips, so that a tile's slice of the packed panel stays in L2 while its rows stream by.
         */
        private void updateTrailing(int t0, int m, int k0, int kb, double[] packed) {
            int tileCols = TILE_STRIPS * ops.stripWidth();
            List<int[]> tiles = new ArrayList<>();
            for (int r0 = (m - 1) / TILE_ROWS * TILE_ROWS; r0 >= 0; r0 -= TILE_ROWS) { // big rows first
                int rows = Math.min(TILE_ROWS, m - r0);
                for (int c0 = 0; c0 < r0 + rows; c0 += tileCols) {
                    tiles.add(new int[] {r0, c0});
                }
            }
            workers.forEach(tiles.size(), t -> {
                int r0 = tiles.get(t)[0];
                int c0 = tiles.get(t)[1];
                int rows = Math.min(TILE_ROWS, m - r0);
                int cols = Math.min(tileCols, m - c0);
                ops.rankUpdate(d, (t0 + r0) * n + k0, n, rows, packed, c0 * kb, cols, kb,
                        d, (t0 + r0) * n + t0 + c0, n, r0 - c0);
            });
        }

        /** Cholesky–Banachiewicz on the kb × kb block at (k0, k0), already updated by earlier panels. */
        private void factorDiagonalBlock(int k0, int kb) {
            for (int i = k0; i < k0 + kb; i++) {
                int ri = i * n;
                for (int j = k0; j < i; j++) {
                    double s = d[ri + j] - ops.dot(d, ri + k0, d, j * n + k0, j - k0);
                    d[ri + j] = s / d[j * n + j];
                }
                double p = d[ri + i] - ops.dot(d, ri + k0, d, ri + k0, i - k0);
                if (!(p > 0)) {
                    throw new IllegalArgumentException(notPositiveDefinite(i, n, p, smallest, diagReg, jitter));
                }
                smallest = Math.min(smallest, p);
                d[ri + i] = Math.sqrt(p);
            }
        }

        /**
         * For each column block jb of {@link #SUB} columns of L11, packs the rows of L11 below that
         * block, [k0 + jb + SUB, k0 + kb), restricted to the block's columns, as the right operand
         * of {@link LinalgOps#rankUpdate}; block jb starts at jb · kb in out.
         */
        private void packDiagonalBlock(int k0, int kb, double[] out) {
            for (int jb = 0; jb + SUB < kb; jb += SUB) {
                int below = kb - jb - SUB;
                ops.pack(d, (k0 + jb + SUB) * n + k0 + jb, n, below, SUB, out, jb * (kb + ops.stripWidth()));
            }
        }

        /**
         * L21 = A21 L11⁻ᵀ for rows [r0, r1), blocked by {@link #SUB} columns: a forward substitution
         * within the block's columns, then the block's contribution is taken off every later
         * column of the same rows by the vectorised rank update (Golub &amp; Van Loan, blocked
         * triangular solve). Rows are independent, so any split over threads gives the same bits.
         */
        private void solvePanelRows(int k0, int kb, int r0, int r1, double[] packedL11) {
            for (int jb = 0; jb < kb; jb += SUB) {
                int je = Math.min(kb, jb + SUB);
                for (int i = r0; i < r1; i++) {
                    int ri = i * n;
                    for (int j = k0 + jb; j < k0 + je; j++) {
                        double s = d[ri + j];
                        int rj = j * n;
                        for (int k = k0 + jb; k < j; k++) {
                            s = Math.fma(-d[ri + k], d[rj + k], s);
                        }
                        d[ri + j] = s / d[rj + j];
                    }
                }
                if (je < kb) {
                    ops.rankUpdate(d, r0 * n + k0 + jb, n, r1 - r0, packedL11, jb * (kb + ops.stripWidth()),
                            kb - je, je - jb, d, r0 * n + k0 + je, n, Integer.MAX_VALUE / 2);
                }
            }
        }
    }
}
