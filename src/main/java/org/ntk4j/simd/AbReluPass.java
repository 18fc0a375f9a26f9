package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A dense op (w2, b2) and the ABReLU φ(x) = a x (x &lt; 0), b x (x &gt; 0), a ≠ b, after it, with
 * the {@link Fold}'s folded parts, in one pass per row:
 * k, t ← w2 k + b2, w2 t + k; then K' = (b−a)² sqrt(k11 k22)/(2π)(sin θ + (π − θ) cos θ) + ab k12
 * and Ṫ = (a² + b²)(π − θ)/(2π) + ab θ/π (see {@link org.ntk4j.recursion.ArcCosine}), with
 * sqrt(k11 k22) = q1 q2, cos θ = k12 r1 r2 clamped to [−1, 1] and exactly ±1 when
 * k12² = k11 k22, θ by {@link VectorMath#arcTail} (the body of arccos) and
 * sin θ = sqrt((1−c)(1+c)). The constant factors are folded ({@link #reluScale},
 * {@link #sameSign}, {@link #oppositeSign}). The tile is read and written once per layer instead
 * of four times (dense, cos θ, arccos, formula). About 90 vector operations: near C2's inlining
 * budget, which is why nothing else is folded in beyond the fold's scaling and readout.
 */
final class AbReluPass extends VectorPass {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;
    private static final double INV_TWO_PI = 1 / (2 * Math.PI);
    private static final double INV_PI = 1 / Math.PI;

    private final double a;
    private final double b;

    AbReluPass(double a, double b) {
        this.a = a;
        this.b = b;
    }

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

    @Override
    boolean fuses() {
        return true;
    }

    @Override
    void run(Block tl, int p, Fold layer) {
        int n1 = tl.d1().size();
        int n2 = tl.d2().size();
        loop(tl.k(), tl.t(), tl.off(), tl.ld(), tl.rows(), tl.cols(),
                tl.d1().k(), p * n1 + tl.i0(), tl.d1().factors(p), Factors.Q * n1 + tl.i0(), Factors.R * n1 + tl.i0(),
                tl.d2().k(), p * n2 + tl.j0(), tl.d2().factors(p), Factors.Q * n2 + tl.j0(), Factors.R * n2 + tl.j0(),
                layer.w2(), layer.b2(), layer.first(), layer.d(), layer.readout(), layer.w2r(), layer.b2r(),
                a * b, reluScale(a, b), sameSign(a, b), oppositeSign(a, b));
    }

    /**
     * The pass over rows × cols entries at k/t[off + i ld + j]: row i's k11, q1, r1 at
     * k1[k1o + i], f1[q1o + i], f1[r1o + i], column j's at k2[k2o + j], f2[q2o + j], f2[r2o + j].
     * Static, with everything it reads handed in, so that its compilation stays within C2's node
     * budget and {@link VectorMath#arcTail} is inlined (as an instance method reading the block
     * and the fields it was 30 bytecodes longer, arcTail hit NodeCountInliningCutoff and the
     * vectors were boxed: 3.4 MB per 256 x 256 tile, 8x slower).
     */
    private static void loop(double[] k, double[] t, int off, int ld, int rows, int cols,
                             double[] k1, int k1o, double[] f1, int q1o, int r1o,
                             double[] k2, int k2o, double[] f2, int q2o, int r2o,
                             double w2, double b2, boolean first, int d, boolean readout, double w2r, double b2r,
                             double ab, double reluScale, double sameSign, double oppositeSign) {
        DoubleVector dv = DoubleVector.broadcast(S, d);
        DoubleVector y = DoubleVector.broadcast(S, 1.0 / d);
        for (int i = 0; i < rows; i++) {
            int row = off + i * ld;
            double k11 = k1[k1o + i];
            double r1 = f1[r1o + i];
            double q1 = f1[q1o + i];
            for (int j = 0; j < cols; j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, cols);
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
                DoubleVector k22 = DoubleVector.fromArray(S, k2, k2o + j, m);
                DoubleVector rr = DoubleVector.fromArray(S, f2, r2o + j, m).mul(r1);
                // k12² = k11 k22 (Cauchy–Schwarz equality: equal or parallel inputs) gives |cos θ| = 1
                // exactly, as the scalar k12 / sqrt(k11 k22) does; the test is invariant under scaling
                // an input by a power of two, and symmetric in the two inputs
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
                DoubleVector s = DoubleVector.fromArray(S, f2, q2o + j, m).mul(q1).mul(reluScale);
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
}
