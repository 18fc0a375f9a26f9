package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked Gram kernel: 4 × 4 dot products at once, 16 vector accumulators fed by 8 loads
 * per step along d. Every entry, blocked or not, accumulates in the same order (one FMA chain per
 * entry over whole vectors, lanes summed left to right, then the scalar tail), so its bits do not
 * depend on where it sits in the block or on the tiling.
 */
final class VectorGram {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;

    private VectorGram() {
    }

    /** Σ_k a[ao + k] b[bo + k] in the fixed order described above. */
    static double dot(double[] a, int ao, double[] b, int bo, int d) {
        int bound = S.loopBound(d);
        DoubleVector acc = DoubleVector.zero(S);
        for (int k = 0; k < bound; k += S.length()) {
            acc = DoubleVector.fromArray(S, a, ao + k).fma(DoubleVector.fromArray(S, b, bo + k), acc);
        }
        return tail(sum(acc), a, ao, b, bo, bound, d);
    }

    /** Lanes added left to right: a fixed order, unlike reduceLanes(ADD), whose order is unspecified. */
    private static double sum(DoubleVector v) {
        double s = v.lane(0);
        for (int l = 1; l < S.length(); l++) {
            s += v.lane(l);
        }
        return s;
    }

    private static double tail(double s, double[] a, int ao, double[] b, int bo, int from, int d) {
        for (int k = from; k < d; k++) {
            s = Math.fma(a[ao + k], b[bo + k], s);
        }
        return s;
    }

    static void gram(double[] a, int aOff, int ra, double[] b, int bOff, int rb, int d,
                     double[] out, int outOff, int ldo) {
        int i = 0;
        for (; i + 4 <= ra; i += 4) {
            int j = 0;
            for (; j + 4 <= rb; j += 4) {
                block4x4(a, aOff + i * d, b, bOff + j * d, d, out, outOff + i * ldo + j, ldo);
            }
            for (; j < rb; j++) {
                for (int r = 0; r < 4; r++) {
                    out[outOff + (i + r) * ldo + j] = dot(a, aOff + (i + r) * d, b, bOff + j * d, d);
                }
            }
        }
        for (; i < ra; i++) {
            for (int j = 0; j < rb; j++) {
                out[outOff + i * ldo + j] = dot(a, aOff + i * d, b, bOff + j * d, d);
            }
        }
    }

    private static void block4x4(double[] a, int ao, double[] b, int bo, int d, double[] out, int oo, int ldo) {
        int bound = S.loopBound(d);
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        DoubleVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        DoubleVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int k = 0; k < bound; k += S.length()) {
            DoubleVector a0 = DoubleVector.fromArray(S, a, ao + k);
            DoubleVector a1 = DoubleVector.fromArray(S, a, ao + d + k);
            DoubleVector a2 = DoubleVector.fromArray(S, a, ao + 2 * d + k);
            DoubleVector a3 = DoubleVector.fromArray(S, a, ao + 3 * d + k);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo + k);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + d + k);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bo + 2 * d + k);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bo + 3 * d + k);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22); c23 = a2.fma(b3, c23);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32); c33 = a3.fma(b3, c33);
        }
        store(c00, c01, c02, c03, a, ao, b, bo, bound, d, out, oo);
        store(c10, c11, c12, c13, a, ao + d, b, bo, bound, d, out, oo + ldo);
        store(c20, c21, c22, c23, a, ao + 2 * d, b, bo, bound, d, out, oo + 2 * ldo);
        store(c30, c31, c32, c33, a, ao + 3 * d, b, bo, bound, d, out, oo + 3 * ldo);
    }

    private static void store(DoubleVector c0, DoubleVector c1, DoubleVector c2, DoubleVector c3,
                              double[] a, int ao, double[] b, int bo, int bound, int d, double[] out, int oo) {
        out[oo] = tail(sum(c0), a, ao, b, bo, bound, d);
        out[oo + 1] = tail(sum(c1), a, ao, b, bo + d, bound, d);
        out[oo + 2] = tail(sum(c2), a, ao, b, bo + 2 * d, bound, d);
        out[oo + 3] = tail(sum(c3), a, ao, b, bo + 3 * d, bound, d);
    }
}
