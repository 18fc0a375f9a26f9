package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hand-vectorised hot loops (JDK Vector API). Built from IEEE-exact lane operations only (add,
 * multiply, fma, divide, sqrt, min/max, blend), so a result has the same bits interpreted or
 * compiled, on one thread or many. Loaded by name from {@link Simd}; with {@link VectorGram} and
 * {@link VectorMath} the only code that touches {@code jdk.incubator.vector}.
 *
 * <p>Tails are run by the same vector code under a lane mask, so an entry gets the same bits
 * whatever its position in a row. Every op follows the formulas of {@link ScalarKernelOps};
 * the order of operations differs in arccos/arcsin (own polynomial vs {@link Math}),
 * sqrt(k11 k22) taken as a product of per-input roots, and ABReLU's constant factors folded
 * ({@link #reluScale}); {@link VectorDiagonal} repeats the vector order exactly. erf's Ṫ factor
 * (4/π)/sqrt(D) is the reference's own sequence, so it has the reference's bits for equal input.
 */
public final class VectorKernelOps implements KernelOps {

    /** The shared instance; the class is stateless. */
    public static final VectorKernelOps INSTANCE = new VectorKernelOps();

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;
    private static final double INV_TWO_PI = 1 / (2 * Math.PI);
    private static final double INV_PI = 1 / Math.PI;
    private static final DoubleVector FOUR_OVER_PI = DoubleVector.broadcast(S, 4 / Math.PI);
    private static final DoubleVector FOUR = DoubleVector.broadcast(S, 4.0);
    /** (b − a)²/(2π): the factor of sqrt(k11 k22)(sin θ + (π − θ) cos θ) in an ABReLU NNGP. */
    static double reluScale(double a, double b) {
        return (b - a) * (b - a) * INV_TWO_PI;
    }

    /** (a² + b²)/(2π): the weight of π − θ in an ABReLU's Ṫ (both pre-activations of one sign). */
    static double sameSign(double a, double b) {
        return (a * a + b * b) * INV_TWO_PI;
    }

    /** ab/π: the weight of θ in an ABReLU's Ṫ (pre-activations of opposite signs). */
    static double oppositeSign(double a, double b) {
        return a * b * INV_PI;
    }

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

    @Override
    public DiagonalTables diagonals(RecursionProgram pr, double[] dots, int n, int d) {
        int len = pr.length();
        double[] k = new double[(len + 1) * n];
        double[] t = new double[(len + 1) * n];
        double[] q = new double[k.length];
        double[] r = new double[k.length];
        for (int i = 0; i < n; i++) {
            k[i] = inputScale(dots[i], d, 1.0 / d);
        }
        double[] scratchA = new double[n];
        double[] scratchB = new double[n];
        for (int p = 0; p < len; p++) {
            DiagonalTables.factors(pr, p, n, k, q, r); // row p is final now
            VectorDiagonal.op(pr, p, n, k, t, q, r, p * n, (p + 1) * n, scratchA, scratchB);
        }
        return new DiagonalTables(n, k, t, q, r);
    }

    /**
     * Runs the whole program on a block of rows before the next block: each op works entry by
     * entry, so the order of blocks changes no bit, and a block of k and t (2 x 64 KB) stays in
     * L2 across all ops instead of streaming the whole tile from memory once per op (a 2048 x 2048
     * tile in one call was memory-bound: 2 x 32 MB per op).
     */
    @Override
    public void recursion(RecursionProgram pr, int d, double[] kernel, double[] ntk, int off, int ld,
                          int rows, int cols, DiagonalTables diag1, int i0, DiagonalTables diag2, int j0) {
        Layer[] layers = layers(pr, d);
        double[] scratchA = new double[cols];
        double[] scratchB = new double[cols];
        int blockRows = Math.max(1, BLOCK_ENTRIES / Math.max(1, cols));
        for (int r0 = 0; r0 < rows; r0 += blockRows) {
            Tile tile = new Tile(kernel, ntk, off + r0 * ld, ld, Math.min(blockRows, rows - r0), cols,
                    diag1, i0 + r0, diag2, j0, scratchA, scratchB);
            block(pr, layers, d, tile);
        }
    }

    /**
     * A dense op (w2, b2) and the activation after it, run as one pass ({@link #denseAbRelu},
     * {@link #denseErf}), with what borders it folded in: for the program's first layer the
     * input scaling, so the pass reads k as the Gram entry, divides it by d ({@link #inputScale})
     * and takes t as 0; for its last (w2r not NaN) the readout dense op (w2r, b2r). The folded
     * parts are the operations of {@link #scale} and {@link #dense} in their order, so no bit
     * changes, and the tile is read and written once per layer: the two extra passes cost a
     * depth-1 kernel 10-25 % (at n = 1024 they stream 8 MB matrices from memory, with nothing to
     * hide it behind).
     */
    private record Layer(double w2, double b2, boolean first, int d, double w2r, double b2r) {
        boolean readout() {
            return !Double.isNaN(w2r);
        }
    }

    /** layers[p] for each op p that starts a fused layer (a dense op and its activation), else null. */
    private static Layer[] layers(RecursionProgram pr, int d) {
        int len = pr.length();
        Layer[] layers = new Layer[len];
        for (int p = 0; p + 1 < len; p++) {
            if (pr.op(p) == RecursionProgram.DENSE && fusable(pr.op(p + 1))) {
                boolean readout = p + 3 == len && pr.op(p + 2) == RecursionProgram.DENSE;
                layers[p] = new Layer(pr.p0(p), pr.p1(p), p == 0, d,
                        readout ? pr.p0(p + 2) : Double.NaN, readout ? pr.p1(p + 2) : Double.NaN);
            }
        }
        return layers;
    }

    private static boolean fusable(int op) {
        return op == RecursionProgram.AB_RELU || op == RecursionProgram.ERF;
    }

    private static void block(RecursionProgram pr, Layer[] layers, int d, Tile tile) {
        int len = pr.length();
        if (len == 0 || layers[0] == null) {
            scale(tile, d);
        }
        for (int p = 0; p < len; p++) {
            Layer layer = layers[p];
            if (layer != null) {
                if (pr.op(p + 1) == RecursionProgram.AB_RELU) {
                    denseAbRelu(tile, p + 1, pr.p0(p + 1), pr.p1(p + 1), layer);
                } else {
                    denseErf(tile, p + 1, layer);
                }
                p += layer.readout() ? 2 : 1;
                continue;
            }
            // (ABReLU and erf always follow a dense op: RecursionProgram.Builder checks it)
            switch (pr.op(p)) {
                case RecursionProgram.DENSE -> dense(tile, pr.p0(p), pr.p1(p));
                case RecursionProgram.LINEAR -> linear(tile, pr.p0(p) * pr.p0(p));
                case RecursionProgram.STEP -> step(tile, p);
                default -> throw new AssertionError(pr.op(p));
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

    /** The input scaling as its own pass (programs whose first op is not a fused layer): k ← k/d, t ← 0. */
    private static void scale(Tile tile, int d) {
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

    /**
     * A tile in place: k/t[off + i·ld + j], i &lt; rows, j &lt; cols; row i is input i0 + i of d1,
     * column j input j0 + j of d2; two scratch rows.
     *
     * <p>Each pass is one method whose loops contain only Vector API operations and the one call
     * C2 inlines ({@link VectorMath#arcTail}). C2 stops inlining at a node budget per compilation
     * (about 90 vector operations in these loops; PrintInlining reports "NodeCountInliningCutoff"),
     * and a vector that crosses a call it leaves in place gets boxed (measured: hundreds of MB
     * allocated per tile sweep, several times slower). So the fused passes call nothing else, and
     * their only optional parts are the {@link Layer}'s folded scaling and readout: branches on a
     * value fixed for the whole loop, each a handful of operations.
     */
    private record Tile(double[] k, double[] t, int off, int ld, int rows, int cols,
                        DiagonalTables d1, int i0, DiagonalTables d2, int j0, double[] scratchA, double[] scratchB) {
    }

    /** k ← w² k + b², t ← w² t + k; the same operations as ScalarKernelOps. */
    private static void dense(Tile tl, double w2, double b2) {
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

    private static void linear(Tile tl, double a2) {
        double[] k = tl.k();
        double[] t = tl.t();
        for (int i = 0; i < tl.rows(); i++) {
            int row = tl.off() + i * tl.ld();
            for (int j = 0; j < tl.cols(); j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, tl.cols());
                DoubleVector.fromArray(S, k, row + j, m).mul(a2).intoArray(k, row + j, m);
                DoubleVector.fromArray(S, t, row + j, m).mul(a2).intoArray(t, row + j, m);
            }
        }
    }

    /**
     * scratchA ← cos θ = k12 · (r1 · r2) (r = 1/sqrt(k) of the layer's diagonal), clamped to
     * [−1, 1] and exactly ±1 when k12² = k11 k22 (equal or parallel inputs, and the diagonal);
     * scratchB ← θ = arccos.
     * Masked-off lanes read 1.0 from the diagonal tables so they stay finite.
     */
    private static void angles(Tile tl, int p, int i, int row) {
        int n1 = tl.d1().size();
        int n2 = tl.d2().size();
        double k11 = tl.d1().k()[p * n1 + tl.i0() + i];
        double r1 = tl.d1().r()[p * n1 + tl.i0() + i];
        double[] k2 = tl.d2().k();
        double[] r2 = tl.d2().r();
        int at2 = p * n2 + tl.j0();
        for (int j = 0; j < tl.cols(); j += S.length()) {
            VectorMask<Double> m = S.indexInRange(j, tl.cols());
            DoubleVector k12 = DoubleVector.fromArray(S, tl.k(), row + j, m);
            DoubleVector k22 = DoubleVector.fromArray(S, k2, at2 + j, m).blend(1.0, m.not());
            DoubleVector rr = DoubleVector.fromArray(S, r2, at2 + j, m).blend(1.0, m.not()).mul(r1);
            // k12² = k11 k22 (Cauchy–Schwarz equality: equal or parallel inputs) gives |cos θ| = 1
            // exactly, as the scalar k12 / sqrt(k11 k22) does; the test is invariant under scaling
            // an input by a power of two, and symmetric in the two inputs
            VectorMask<Double> parallel = k12.mul(k12).eq(k22.mul(k11));
            k12.mul(rr).max(-1.0).min(1.0)
                    .blend(1.0, parallel.and(k12.compare(VectorOperators.GT, 0.0)))
                    .blend(-1.0, parallel.and(k12.compare(VectorOperators.LT, 0.0)))
                    .intoArray(tl.scratchA(), j, m);
        }
        VectorMath.acos(tl.scratchA(), tl.scratchB(), tl.cols());
    }

    /**
     * A dense op (w2, b2) and the ABReLU after it (with the {@link Layer}'s folded parts), in one
     * pass per row:
     * k, t ← w2 k + b2, w2 t + k as {@link #dense} does; then
     * K' = (b−a)² sqrt(k11 k22)/(2π)(sin θ + (π − θ) cos θ) + ab k12 and
     * Ṫ = (a² + b²)(π − θ)/(2π) + ab θ/π, with sqrt(k11 k22) = q1 q2, cos θ as {@link #angles}
     * computes it, θ by {@link VectorMath#arcTail} (the body of arccos) and
     * sin θ = sqrt((1−c)(1+c)). The constant factors are folded ({@link #reluScale},
     * {@link #sameSign}, {@link #oppositeSign}) as {@link VectorDiagonal} folds them, so a
     * diagonal entry has the tile's bits. The tile is read and written once per layer instead of
     * four times (dense, cos θ, arccos, formula). About 90 vector operations: near C2's inlining
     * budget (its node-count cutoff), which is why nothing else is folded in beyond the
     * {@link Layer}'s scaling and readout.
     */
    private static void denseAbRelu(Tile tl, int p, double a, double b, Layer layer) {
        double w2 = layer.w2();
        double b2 = layer.b2();
        boolean first = layer.first();
        DoubleVector dv = DoubleVector.broadcast(S, layer.d());
        DoubleVector y = DoubleVector.broadcast(S, 1.0 / layer.d());
        boolean readout = layer.readout();
        double w2r = layer.w2r();
        double b2r = layer.b2r();
        double ab = a * b;
        double reluScale = reluScale(a, b);
        double sameSign = sameSign(a, b);
        double oppositeSign = oppositeSign(a, b);
        double[] k = tl.k();
        double[] t = tl.t();
        int n1 = tl.d1().size();
        double[] q2 = tl.d2().q();
        double[] k2 = tl.d2().k();
        double[] r2 = tl.d2().r();
        int at2 = p * tl.d2().size() + tl.j0();
        for (int i = 0; i < tl.rows(); i++) {
            int row = tl.off() + i * tl.ld();
            double k11 = tl.d1().k()[p * n1 + tl.i0() + i];
            double r1 = tl.d1().r()[p * n1 + tl.i0() + i];
            double q1 = tl.d1().q()[p * n1 + tl.i0() + i];
            for (int j = 0; j < tl.cols(); j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, tl.cols());
                DoubleVector kin = DoubleVector.fromArray(S, k, row + j, m);
                DoubleVector tin;
                if (first) { // the input scaling (inputScale), t = 0
                    DoubleVector q0 = kin.mul(y);
                    kin = q0.neg().fma(dv, kin).fma(y, q0);
                    // zero(S), not VectorMath.ZERO: C2 cannot merge a vector constant with the
                    // loaded t at the end of the branch without boxing (measured: 1.3 MB per call)
                    tin = DoubleVector.zero(S);
                } else {
                    tin = DoubleVector.fromArray(S, t, row + j, m);
                }
                DoubleVector kv = kin.mul(w2).add(b2);
                DoubleVector tv = tin.mul(w2).add(kv);
                // masked-off lanes load 0 from every table (kv = b2 there), so rr = 0 and c = 0:
                // finite, and never stored
                DoubleVector k22 = DoubleVector.fromArray(S, k2, at2 + j, m);
                DoubleVector rr = DoubleVector.fromArray(S, r2, at2 + j, m).mul(r1);
                VectorMask<Double> parallel = kv.mul(kv).eq(k22.mul(k11));
                DoubleVector c = kv.mul(rr).max(-1.0).min(1.0)
                        .blend(1.0, parallel.and(kv.compare(VectorOperators.GT, 0.0)))
                        .blend(-1.0, parallel.and(kv.compare(VectorOperators.LT, 0.0)));
                // θ = arccos c, the cosine case of VectorMath.arc
                DoubleVector ac = c.abs();
                VectorMask<Double> small = ac.compare(VectorOperators.LT, 0.5);
                VectorMask<Double> negative = c.compare(VectorOperators.LT, 0.0);
                DoubleVector cHi = VectorMath.ZERO.blend(VectorMath.PI_HI_V, negative).blend(VectorMath.PIO2_HI, small);
                DoubleVector mm = VectorMath.TWO.blend(VectorMath.MINUS_TWO, negative)
                        .blend(VectorMath.MINUS_ONE.blend(VectorMath.ONE, negative), small);
                DoubleVector theta = VectorMath.arcTail(ac, small, cHi, mm);
                DoubleVector s = DoubleVector.fromArray(S, q2, at2 + j, m).mul(q1).mul(reluScale);
                DoubleVector piMinus = theta.neg().add(Math.PI);
                DoubleVector sin = c.neg().add(1).mul(c.add(1)).sqrt();
                DoubleVector tdot = piMinus.mul(sameSign).add(theta.mul(oppositeSign));
                DoubleVector kOut = s.mul(sin.add(piMinus.mul(c))).add(kv.mul(ab));
                DoubleVector tOut = tdot.mul(tv);
                if (readout) {
                    kOut = kOut.mul(w2r).add(b2r);
                    tOut = tOut.mul(w2r).add(kOut);
                }
                kOut.intoArray(k, row + j, m);
                tOut.intoArray(t, row + j, m);
            }
        }
    }

    /**
     * A dense op (w2, b2) and the erf after it (with the {@link Layer}'s folded parts), in one
     * pass per row:
     * K' = (2/π) arcsin(s) with s = 2 k12 u1 u2 (u = 1/sqrt(1 + 2k)) held to |s| ≤ b1 b2 ≤ 1
     * (b = the table's q, see {@link DiagonalTables} and ArcSineErf.sine), by
     * {@link VectorMath#arcTail} (the sine case of arc); Ṫ = (4/π)/sqrt(D),
     * D = 1 + 2(k11 + k22) + 4 max(k11 k22 − k12², 0) (see ArcSineErf), with a hardware sqrt and
     * division: the divider works beside the arcsine's arithmetic, where Newton steps for
     * 1/sqrt(D) took 20 more arithmetic operations and, inside this loop, pushed C2 past its
     * inlining budget (a second pass over the row was the price of them).
     */
    private static void denseErf(Tile tl, int p, Layer layer) {
        double w2 = layer.w2();
        double b2 = layer.b2();
        boolean first = layer.first();
        DoubleVector dv = DoubleVector.broadcast(S, layer.d());
        DoubleVector y = DoubleVector.broadcast(S, 1.0 / layer.d());
        boolean readout = layer.readout();
        double w2r = layer.w2r();
        double b2r = layer.b2r();
        double[] k = tl.k();
        double[] t = tl.t();
        int n1 = tl.d1().size();
        int at2 = p * tl.d2().size() + tl.j0();
        double[] k2 = tl.d2().k();
        double[] u2 = tl.d2().r();
        double[] bb2 = tl.d2().q();
        for (int i = 0; i < tl.rows(); i++) {
            int row = tl.off() + i * tl.ld();
            double k11 = tl.d1().k()[p * n1 + tl.i0() + i];
            // 2 u1: exact, so 2 u1 u2 below is exactly twice the rounded u1 u2
            double twoU1 = 2 * tl.d1().r()[p * n1 + tl.i0() + i];
            double b1 = tl.d1().q()[p * n1 + tl.i0() + i];
            for (int j = 0; j < tl.cols(); j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, tl.cols());
                DoubleVector kin = DoubleVector.fromArray(S, k, row + j, m);
                DoubleVector tin;
                if (first) { // the input scaling (inputScale), t = 0 (zero(S): see denseAbRelu)
                    DoubleVector q0 = kin.mul(y);
                    kin = q0.neg().fma(dv, kin).fma(y, q0);
                    tin = DoubleVector.zero(S);
                } else {
                    tin = DoubleVector.fromArray(S, t, row + j, m);
                }
                DoubleVector kv = kin.mul(w2).add(b2);
                DoubleVector tv = tin.mul(w2).add(kv);
                DoubleVector uu = DoubleVector.fromArray(S, u2, at2 + j, m).mul(twoU1);
                DoubleVector bound = DoubleVector.fromArray(S, bb2, at2 + j, m).mul(b1);
                // |s| held to the bound: the clamp of s to [−bound, bound] taken on the magnitude
                // (the sign goes back on after the arcsine)
                DoubleVector x = kv.mul(uu);
                DoubleVector ax = x.abs().min(bound);
                VectorMask<Double> small = ax.compare(VectorOperators.LT, 0.5);
                DoubleVector asin = VectorMath.arcTail(ax, small, VectorMath.PIO2_HI.blend(VectorMath.ZERO, small),
                                VectorMath.MINUS_TWO.blend(VectorMath.ONE, small))
                        .reinterpretAsLongs().lanewise(VectorOperators.XOR, x.reinterpretAsLongs().and(VectorMath.SIGN_BIT))
                        .reinterpretAsDoubles();
                DoubleVector k22 = DoubleVector.fromArray(S, k2, at2 + j, m);
                DoubleVector gap = k22.mul(k11).sub(kv.mul(kv)).max(0.0);
                // 2(k11 + k22) + 1 and + 4 gap as fmas: the products by 2 and 4 are exact, so each
                // fma rounds where the reference's addition does
                DoubleVector dd = gap.fma(FOUR, k22.add(k11).fma(2.0, 1.0));
                DoubleVector kOut = asin.mul(2 / Math.PI);
                DoubleVector tOut = FOUR_OVER_PI.div(dd.sqrt()).mul(tv);
                if (readout) {
                    kOut = kOut.mul(w2r).add(b2r);
                    tOut = tOut.mul(w2r).add(kOut);
                }
                kOut.intoArray(k, row + j, m);
                tOut.intoArray(t, row + j, m);
            }
        }
    }

    /** Step: K' = (π − θ)/(2π), Ṫ = 0. */
    private static void step(Tile tl, int p) {
        for (int i = 0; i < tl.rows(); i++) {
            int row = tl.off() + i * tl.ld();
            angles(tl, p, i, row);
            for (int j = 0; j < tl.cols(); j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, tl.cols());
                DoubleVector theta = DoubleVector.fromArray(S, tl.scratchB(), j, m);
                theta.neg().add(Math.PI).mul(INV_TWO_PI).intoArray(tl.k(), row + j, m);
                DoubleVector.zero(S).intoArray(tl.t(), row + j, m);
            }
        }
    }

    /**
     * Same as the scalar twin: ABRelu and the step bit for bit (a compare mask and a blend per
     * vector), erf and erf' within 4 ulp of it (each side within 2 ulp of the true value; see
     * {@link VectorMath} and {@link ScalarMath}). Tails run the same code under a mask. One loop
     * per op, so that C2 inlines erf whole (a call it leaves in place boxes the vectors).
     */
    @Override
    public void activation(int op, double a, double b, double[] in, double[] out, double[] deriv, int n) {
        ScalarKernelOps.checkActivation(op, in, out, deriv, n);
        switch (op) {
            case RecursionProgram.AB_RELU, RecursionProgram.LINEAR -> abRelu(a, b, in, out, deriv, n);
            case RecursionProgram.STEP -> step(in, out, deriv, n);
            case RecursionProgram.ERF -> {
                if (deriv != null) {   // before erf overwrites in when out == in
                    erfDerivative(in, deriv, n);
                }
                VectorMath.erf(in, out, n);
            }
            default -> throw new AssertionError(op);
        }
    }

    private static void abRelu(double a, double b, double[] in, double[] out, double[] deriv, int n) {
        DoubleVector va = DoubleVector.broadcast(S, a);
        DoubleVector vb = DoubleVector.broadcast(S, b);
        for (int i = 0; i < n; i += S.length()) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, in, i, m);
            DoubleVector slope = vb.blend(va, x.compare(VectorOperators.LT, 0.0));
            x.mul(slope).intoArray(out, i, m);
            if (deriv != null) {
                slope.intoArray(deriv, i, m);
            }
        }
    }

    private static void step(double[] in, double[] out, double[] deriv, int n) {
        DoubleVector zero = DoubleVector.zero(S);
        for (int i = 0; i < n; i += S.length()) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, in, i, m);
            zero.blend(1.0, x.compare(VectorOperators.GT, 0.0)).intoArray(out, i, m);
            if (deriv != null) {
                zero.intoArray(deriv, i, m);
            }
        }
    }

    private static void erfDerivative(double[] in, double[] out, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            VectorMath.erfDerivative(DoubleVector.fromArray(S, in, i)).intoArray(out, i);
        }
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            VectorMath.erfDerivative(DoubleVector.fromArray(S, in, i, m)).intoArray(out, i, m);
        }
    }
}
