package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.ntk4j.kernel.Activation;

/**
 * The hand-vectorised hot loops (JDK Vector API). Built from IEEE-exact lane operations only (add,
 * multiply, fma, divide, sqrt, min/max, blend), so a result has the same bits interpreted or
 * compiled, on one thread or many. Loaded by name from {@link Simd}; with the passes, {@link
 * VectorGram} and {@link VectorMath} the only code that touches {@code jdk.incubator.vector}.
 *
 * <p>Tails are run by the same vector code under a lane mask, so an entry gets the same bits
 * whatever its position in a row, and the diagonal is the tile code run on one entry at a time
 * (k12 = k11 = k22). Each activation is a {@link VectorPass}; a dense op and the activation after
 * it are one pass where the pass {@link VectorPass#fuses fuses}, with the input scaling folded
 * into the first and the readout into the last ({@link Fold}). The passes follow the formulas of
 * the scalar reference; the order of operations differs in arccos/arcsin (own polynomial vs
 * {@link Math}), sqrt(k11 k22) taken as a product of per-input roots, and constant factors folded.
 */
final class VectorKernelOps implements KernelOps {

    /** The shared instance; the class is stateless. */
    public static final VectorKernelOps INSTANCE = new VectorKernelOps();

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;

    /** Entries of k (and of t) per row block of {@link #recursion}: 64 KB each. */
    private static final int BLOCK_ENTRIES = 8192;

    private VectorKernelOps() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return S.length();
    }

    @Override
    public void gram(double[] a, int aOff, int ra, double[] b, int bOff, int rb, int d,
                     double[] out, int outOff, int ldo) {
        VectorGram.gram(a, aOff, ra, b, bOff, rb, d, out, outOff, ldo);
    }

    @Override
    public void selfDots(double[] a, int aOff, int rows, int d, double[] out, int outOff) {
        for (int i = 0; i < rows; i++) {
            out[outOff + i] = VectorGram.dot(a, aOff + i * d, a, aOff + i * d, d);
        }
    }

    /** The vector pass of each activation op (null for dense ops). */
    private static VectorPass[] passes(Recursion r) {
        VectorPass[] passes = new VectorPass[r.length()];
        for (int p = 0; p < r.length(); p++) {
            if (!r.isDense(p)) {
                passes[p] = VectorPass.of(r.activation(p));
            }
        }
        return passes;
    }

    /**
     * Op by op over all inputs: a dense op in scalar code (the same two operations as the vector
     * pass, so the same bits), an activation by its pass run on one entry at a time, from the
     * state entering the dense op before it when the pass fuses. Row 0 is already scaled, so no
     * fold here scales.
     */
    @Override
    public DiagonalTables diagonals(Recursion r, double[] dots, int n, int d) {
        DiagonalTables tab = DiagonalTables.allocate(r, n);
        double[] k = tab.k();
        double[] t = tab.t();
        for (int i = 0; i < n; i++) {
            k[i] = inputScale(dots[i], d, 1.0 / d);
        }
        VectorPass[] passes = passes(r);
        double[] kd = new double[n + DiagonalTables.PAD];   // padded: see DiagonalTables.PAD
        double[] td = new double[n + DiagonalTables.PAD];
        double[] scratchA = new double[1];
        double[] scratchB = new double[1];
        for (int p = 0; p < r.length(); p++) {
            tab.finishRow(r, p);
            if (r.isDense(p)) {
                double w2 = r.weightVariance(p);
                double b2 = r.biasVariance(p);
                for (int i = 0; i < n; i++) {
                    k[(p + 1) * n + i] = k[p * n + i] * w2 + b2;
                    t[(p + 1) * n + i] = t[p * n + i] * w2 + k[(p + 1) * n + i];
                }
                continue;
            }
            VectorPass pass = passes[p];
            Fold fold = null;
            int from = p;
            if (pass.fuses()) {
                fold = new Fold(r.weightVariance(p - 1), r.biasVariance(p - 1), false, d, Double.NaN, Double.NaN);
                from = p - 1;
            }
            System.arraycopy(k, from * n, kd, 0, n);
            System.arraycopy(t, from * n, td, 0, n);
            for (int i = 0; i < n; i++) {
                pass.run(new Block(kd, td, i, 1, 1, 1, tab, i, tab, i, scratchA, scratchB), p, fold);
            }
            System.arraycopy(kd, 0, k, (p + 1) * n, n);
            System.arraycopy(td, 0, t, (p + 1) * n, n);
        }
        tab.finishRow(r, r.length());
        return tab;
    }

    /**
     * Runs the whole recursion on a block of rows before the next block: each op works entry by
     * entry, so the order of blocks changes no bit, and a block of k and t (2 x 64 KB) stays in
     * L2 across all ops instead of streaming the whole tile from memory once per op (a 2048 x 2048
     * tile in one call was memory-bound: 2 x 32 MB per op).
     */
    @Override
    public void recursion(Recursion r, int d, double[] kernel, double[] ntk, int off, int ld,
                          int rows, int cols, DiagonalTables diag1, int i0, DiagonalTables diag2, int j0) {
        VectorPass[] passes = passes(r);
        Fold[] folds = folds(r, passes, d);
        double[] scratchA = new double[cols];
        double[] scratchB = new double[cols];
        int blockRows = Math.max(1, BLOCK_ENTRIES / Math.max(1, cols));
        for (int r0 = 0; r0 < rows; r0 += blockRows) {
            Block b = new Block(kernel, ntk, off + r0 * ld, ld, Math.min(blockRows, rows - r0), cols,
                    diag1, i0 + r0, diag2, j0, scratchA, scratchB);
            block(r, passes, folds, d, b);
        }
    }

    /**
     * folds[p] for each dense op p whose activation p + 1 fuses: the input scaling when p = 0, and
     * the readout when op p + 2 is the network's last and dense.
     */
    private static Fold[] folds(Recursion r, VectorPass[] passes, int d) {
        int len = r.length();
        Fold[] folds = new Fold[len];
        for (int p = 0; p + 1 < len; p++) {
            if (r.isDense(p) && !r.isDense(p + 1) && passes[p + 1].fuses()) {
                boolean readout = p + 3 == len && r.isDense(p + 2);
                folds[p] = new Fold(r.weightVariance(p), r.biasVariance(p), p == 0, d,
                        readout ? r.weightVariance(p + 2) : Double.NaN, readout ? r.biasVariance(p + 2) : Double.NaN);
            }
        }
        return folds;
    }

    private static void block(Recursion r, VectorPass[] passes, Fold[] folds, int d, Block b) {
        int len = r.length();
        if (len == 0 || folds[0] == null) {
            scale(b, d);
        }
        for (int p = 0; p < len; p++) {
            Fold fold = folds[p];
            if (fold != null) {
                passes[p + 1].run(b, p + 1, fold);
                p += fold.readout() ? 2 : 1;
            } else if (r.isDense(p)) {
                dense(b, r.weightVariance(p), r.biasVariance(p));
            } else {
                passes[p].run(b, p, null);
            }
        }
    }

    /**
     * x/d as the input scaling computes it, without a division (a 512-bit divide occupies the
     * divider about 16 cycles per vector, which the fused first layer needs for its square roots):
     * y = 1/d correctly rounded, q = x y, the residual x − q d exact in an fma, then q + r y.
     * That is x/d correctly rounded whenever the quotient is normal (Markstein's theorem; checked
     * against the division in InputScaleTest); for a subnormal quotient, |x| &lt; d · 2^-1022,
     * it may differ from it by one unit in the last place. The vector passes do the same three
     * operations lane by lane.
     */
    static double inputScale(double x, double d, double y) {
        double q = x * y;
        return Math.fma(Math.fma(-q, d, x), y, q);
    }

    /** The input scaling as its own pass (networks whose first op is not a fused layer): k ← k/d, t ← 0. */
    private static void scale(Block tile, int d) {
        double[] kernel = tile.k();
        double[] ntk = tile.t();
        DoubleVector dv = DoubleVector.broadcast(S, d);
        DoubleVector y = DoubleVector.broadcast(S, 1.0 / d);
        for (int i = 0; i < tile.rows(); i++) {
            int row = tile.off() + i * tile.ld();
            for (int j = 0; j < tile.cols(); j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, tile.cols());
                DoubleVector x = DoubleVector.fromArray(S, kernel, row + j, m);
                DoubleVector q = x.mul(y);
                q.neg().fma(dv, x).fma(y, q).intoArray(kernel, row + j, m);
                DoubleVector.zero(S).intoArray(ntk, row + j, m);
            }
        }
    }

    /** k ← w² k + b², t ← w² t + k; the same operations as the scalar reference. */
    private static void dense(Block tl, double w2, double b2) {
        double[] k = tl.k();
        double[] t = tl.t();
        for (int i = 0; i < tl.rows(); i++) {
            int row = tl.off() + i * tl.ld();
            for (int j = 0; j < tl.cols(); j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, tl.cols());
                DoubleVector kv = DoubleVector.fromArray(S, k, row + j, m).mul(w2).add(b2);
                DoubleVector tv = DoubleVector.fromArray(S, t, row + j, m).mul(w2).add(kv);
                kv.intoArray(k, row + j, m);
                tv.intoArray(t, row + j, m);
            }
        }
    }

    @Override
    public void activation(Activation phi, double[] in, double[] out, double[] deriv, int n) {
        ScalarKernelOps.checkActivation(in, out, deriv, n);
        VectorActivations.apply(phi, in, out, deriv, n);
    }
}
