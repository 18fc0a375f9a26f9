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
        double[] lanes = new double[S.length()];
        acc.intoArray(lanes, 0);
        return finish(lanes, 0, a, ao, b, bo, bound, d);
    }

    /**
     * The lanes at lanes[at ..] added left to right (a fixed order, unlike reduceLanes(ADD), whose
     * order is unspecified), then the scalar tail k = from .. d − 1 by FMA. Plain Java on arrays:
     * no vector crosses this call, so C2 need not inline it to avoid boxing.
     */
    private static double finish(double[] lanes, int at, double[] a, int ao, double[] b, int bo, int from, int d) {
        double s = lanes[at];
        for (int l = 1; l < S.length(); l++) {
            s += lanes[at + l];
        }
        for (int k = from; k < d; k++) {
            s = Math.fma(a[ao + k], b[bo + k], s);
        }
        return s;
    }

    static void gram(double[] a, int aOff, int ra, double[] b, int bOff, int rb, int d,
                     double[] out, int outOff, int ldo) {
        double[] lanes = new double[16 * S.length()];
        int i = 0;
        for (; i + 4 <= ra; i += 4) {
            int j = 0;
            for (; j + 4 <= rb; j += 4) {
                block4x4(a, aOff + i * d, b, bOff + j * d, d, lanes);
                int bound = S.loopBound(d);
                for (int r = 0; r < 4; r++) {
                    for (int c = 0; c < 4; c++) {
                        out[outOff + (i + r) * ldo + j + c] = finish(lanes, (4 * r + c) * S.length(),
                                a, aOff + (i + r) * d, b, bOff + (j + c) * d, bound, d);
                    }
                }
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

    /** The 16 accumulators of rows a0..a3 against b0..b3, stored lane by lane into lanes. */
    private static void block4x4(double[] a, int ao, double[] b, int bo, int d, double[] lanes) {
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
        int l = S.length();
        c00.intoArray(lanes, 0); c01.intoArray(lanes, l); c02.intoArray(lanes, 2 * l); c03.intoArray(lanes, 3 * l);
        c10.intoArray(lanes, 4 * l); c11.intoArray(lanes, 5 * l); c12.intoArray(lanes, 6 * l); c13.intoArray(lanes, 7 * l);
        c20.intoArray(lanes, 8 * l); c21.intoArray(lanes, 9 * l); c22.intoArray(lanes, 10 * l); c23.intoArray(lanes, 11 * l);
        c30.intoArray(lanes, 12 * l); c31.intoArray(lanes, 13 * l); c32.intoArray(lanes, 14 * l); c33.intoArray(lanes, 15 * l);
    }
}
