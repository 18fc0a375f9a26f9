package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packed outer-product Gram kernel. A block of MC rows and up to {@value #KB} columns of a is
 * copied into panels of MR = 3 vectors' worth of rows whose k index runs slowest; the
 * micro-kernel then loads the 3 vectors of a panel and broadcasts one entry of each of
 * {@value #NR} rows of b, read in place, per step of k, keeping MR · {@value #NR} results in
 * registers (24 × 8 with 512-bit vectors). Each row of a is copied once per call, so a call with
 * many rows of b costs little more than its FMAs.
 *
 * <p>Every entry is one FMA chain in ascending k starting from zero — c ← fma(a_k, b_k, c), as
 * {@link #dot} does — with no lane sums, so its bits depend neither on where it sits in the block,
 * nor on the blocking, nor on padding (padded rows and columns are zero or repeated and never stored).
 */
final class VectorGram {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;
    /** Rows of a per micro-kernel: three vectors of the preferred species (24 with 512-bit vectors). */
    static final int MR = 3 * S.length();
    /** Rows of b per micro-kernel: one broadcast each per step of k. */
    static final int NR = 8;
    /** Rows of a per packed block: five panels. */
    private static final int MC = 5 * MR;
    /**
     * Most k per packed block of a: MC · KB · 8 bytes (1 MB with 512-bit vectors) stays in L2;
     * d = 784 is one block.
     * Longer rows are cut into blocks whose chains continue from the partial sums kept in out.
     */
    private static final int KB = 1024;
    /**
     * Most k per block: the {@value #NR} rows of b a micro-kernel reads then span at most
     * 8 · KC · 8 bytes = 24 KB and stay in L1 while all panels of the a block pass by.
     */
    private static final int KC = 384;

    /** Per-thread packed block of a and the store buffer of one micro-tile, reused across calls. */
    private static final ThreadLocal<double[][]> BUFFERS = ThreadLocal.withInitial(() -> new double[][] {
        new double[MC * KB], new double[MC * NR]});

    private VectorGram() {
    }

    /** Σ_k a[ao + k] b[bo + k] as one FMA chain in ascending k: the bits of a Gram entry. */
    static double dot(double[] a, int ao, double[] b, int bo, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s = Math.fma(a[ao + k], b[bo + k], s);
        }
        return s;
    }

    static void gram(double[] a, int aOff, int ra, double[] b, int bOff, int rb, int d,
                     double[] out, int outOff, int ldo) {
        if (ra == 0 || rb == 0 || d == 0) {
            for (int i = 0; i < ra; i++) {
                for (int j = 0; j < rb; j++) {
                    out[outOff + i * ldo + j] = dot(a, aOff + i * d, b, bOff + j * d, d);
                }
            }
            return;
        }
        double[][] buf = BUFFERS.get();
        double[] ap = buf[0];
        double[] tile = buf[1];
        int outerStep = evenStep(d, KB);
        for (int i0 = 0; i0 < ra; i0 += MC) {
            int mb = Math.min(MC, ra - i0);
            int panels = (mb + MR - 1) / MR;
            for (int k0 = 0; k0 < d; k0 += outerStep) {
                int kb = Math.min(outerStep, d - k0);
                boolean fresh = k0 == 0; // later k blocks continue the chains stored in out
                pack(a, aOff + i0 * d + k0, mb, d, kb, ap);
                int step = evenStep(kb, KC);
                for (int j0 = 0; j0 < rb; j0 += NR) {
                    int nb = Math.min(NR, rb - j0);
                    int last = bOff + (j0 + nb - 1) * d + k0; // padded columns repeat the last row
                    int b0 = bOff + j0 * d + k0;
                    int b1 = nb > 1 ? b0 + d : last;
                    int b2 = nb > 2 ? b0 + 2 * d : last;
                    int b3 = nb > 3 ? b0 + 3 * d : last;
                    int b4 = nb > 4 ? b0 + 4 * d : last;
                    int b5 = nb > 5 ? b0 + 5 * d : last;
                    int b6 = nb > 6 ? b0 + 6 * d : last;
                    int b7 = nb > 7 ? b0 + 7 * d : last;
                    if (!fresh) {
                        copyTile(out, outOff + i0 * ldo + j0, ldo, mb, nb, tile, true);
                    }
                    for (int k1 = 0; k1 < kb; k1 += step) {
                        int kc = Math.min(step, kb - k1);
                        for (int p = 0; p < panels; p++) {
                            micro(ap, p * MR * kb + k1 * MR, b, b0 + k1, b1 + k1, b2 + k1, b3 + k1, b4 + k1,
                                    b5 + k1, b6 + k1, b7 + k1, kc, tile, p * MR * NR, fresh && k1 == 0);
                        }
                    }
                    copyTile(out, outOff + i0 * ldo + j0, ldo, mb, nb, tile, false);
                }
            }
        }
    }

    /** The largest of the ceil(len / max) equal blocks that cover len (1 when len is 0). */
    private static int evenStep(int len, int max) {
        int blocks = Math.max(1, (len + max - 1) / max);
        return Math.max(1, (len + blocks - 1) / blocks);
    }

    /**
     * Moves rows × cols results between out (row-major at o, stride ldo) and the tile buffer
     * (per panel of MR rows, column-major): into the tile when load, else out of it.
     */
    private static void copyTile(double[] out, int o, int ldo, int rows, int cols, double[] tile, boolean load) {
        for (int i = 0; i < rows; i++) {
            int row = o + i * ldo;
            int t = (i / MR) * MR * NR + i % MR;
            for (int c = 0; c < cols; c++) {
                if (load) {
                    tile[t + c * MR] = out[row + c];
                } else {
                    out[row + c] = tile[t + c * MR];
                }
            }
        }
    }

    /**
     * Copies rows × kb entries of src (row stride ld) into panels of MR rows, k slowest within a
     * panel: dst[panel · MR · kb + k · MR + r]. Rows past the last are zero.
     */
    private static void pack(double[] src, int off, int rows, int ld, int kb, double[] dst) {
        int panels = (rows + MR - 1) / MR;
        for (int p = 0; p < panels; p++) {
            int base = p * MR * kb;
            for (int r = 0; r < MR; r++) {
                int row = p * MR + r;
                if (row < rows) {
                    int s = off + row * ld;
                    for (int k = 0; k < kb; k++) {
                        dst[base + k * MR + r] = src[s + k];
                    }
                } else {
                    for (int k = 0; k < kb; k++) {
                        dst[base + k * MR + r] = 0;
                    }
                }
            }
        }
    }

    /**
     * tile[to + c · MR + r] ← (first ? 0 : tile[to + c · MR + r]) + Σ_{k < kb} ap[ao + k·MR + r] · b[bc + k],
     * continuing one FMA chain per entry in ascending k.
     */
    private static void micro(double[] ap, int ao, double[] b, int b0, int b1, int b2, int b3, int b4, int b5, int b6, int b7, int kb, double[] tile, int to, boolean first) {
        int l = S.length();
        DoubleVector c00 = first ? DoubleVector.zero(S) : DoubleVector.fromArray(S, tile, to);
        DoubleVector c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32, c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        if (first) {
            c01 = c00; c02 = c00; c10 = c00; c11 = c00; c12 = c00; c20 = c00; c21 = c00; c22 = c00; c30 = c00; c31 = c00; c32 = c00; c40 = c00; c41 = c00; c42 = c00; c50 = c00; c51 = c00; c52 = c00; c60 = c00; c61 = c00; c62 = c00; c70 = c00; c71 = c00; c72 = c00;
        } else {
            c01 = DoubleVector.fromArray(S, tile, to + 0 * MR + 1 * l);
            c02 = DoubleVector.fromArray(S, tile, to + 0 * MR + 2 * l);
            c10 = DoubleVector.fromArray(S, tile, to + 1 * MR + 0 * l);
            c11 = DoubleVector.fromArray(S, tile, to + 1 * MR + 1 * l);
            c12 = DoubleVector.fromArray(S, tile, to + 1 * MR + 2 * l);
            c20 = DoubleVector.fromArray(S, tile, to + 2 * MR + 0 * l);
            c21 = DoubleVector.fromArray(S, tile, to + 2 * MR + 1 * l);
            c22 = DoubleVector.fromArray(S, tile, to + 2 * MR + 2 * l);
            c30 = DoubleVector.fromArray(S, tile, to + 3 * MR + 0 * l);
            c31 = DoubleVector.fromArray(S, tile, to + 3 * MR + 1 * l);
            c32 = DoubleVector.fromArray(S, tile, to + 3 * MR + 2 * l);
            c40 = DoubleVector.fromArray(S, tile, to + 4 * MR + 0 * l);
            c41 = DoubleVector.fromArray(S, tile, to + 4 * MR + 1 * l);
            c42 = DoubleVector.fromArray(S, tile, to + 4 * MR + 2 * l);
            c50 = DoubleVector.fromArray(S, tile, to + 5 * MR + 0 * l);
            c51 = DoubleVector.fromArray(S, tile, to + 5 * MR + 1 * l);
            c52 = DoubleVector.fromArray(S, tile, to + 5 * MR + 2 * l);
            c60 = DoubleVector.fromArray(S, tile, to + 6 * MR + 0 * l);
            c61 = DoubleVector.fromArray(S, tile, to + 6 * MR + 1 * l);
            c62 = DoubleVector.fromArray(S, tile, to + 6 * MR + 2 * l);
            c70 = DoubleVector.fromArray(S, tile, to + 7 * MR + 0 * l);
            c71 = DoubleVector.fromArray(S, tile, to + 7 * MR + 1 * l);
            c72 = DoubleVector.fromArray(S, tile, to + 7 * MR + 2 * l);
        }
        for (int k = 0; k < kb; k++) {
            int ak = ao + k * MR;
            DoubleVector a0 = DoubleVector.fromArray(S, ap, ak + 0 * l);
            DoubleVector a1 = DoubleVector.fromArray(S, ap, ak + 1 * l);
            DoubleVector a2 = DoubleVector.fromArray(S, ap, ak + 2 * l);
            DoubleVector s;
            s = DoubleVector.broadcast(S, b[b0 + k]);
            c00 = a0.fma(s, c00); c01 = a1.fma(s, c01); c02 = a2.fma(s, c02);
            s = DoubleVector.broadcast(S, b[b1 + k]);
            c10 = a0.fma(s, c10); c11 = a1.fma(s, c11); c12 = a2.fma(s, c12);
            s = DoubleVector.broadcast(S, b[b2 + k]);
            c20 = a0.fma(s, c20); c21 = a1.fma(s, c21); c22 = a2.fma(s, c22);
            s = DoubleVector.broadcast(S, b[b3 + k]);
            c30 = a0.fma(s, c30); c31 = a1.fma(s, c31); c32 = a2.fma(s, c32);
            s = DoubleVector.broadcast(S, b[b4 + k]);
            c40 = a0.fma(s, c40); c41 = a1.fma(s, c41); c42 = a2.fma(s, c42);
            s = DoubleVector.broadcast(S, b[b5 + k]);
            c50 = a0.fma(s, c50); c51 = a1.fma(s, c51); c52 = a2.fma(s, c52);
            s = DoubleVector.broadcast(S, b[b6 + k]);
            c60 = a0.fma(s, c60); c61 = a1.fma(s, c61); c62 = a2.fma(s, c62);
            s = DoubleVector.broadcast(S, b[b7 + k]);
            c70 = a0.fma(s, c70); c71 = a1.fma(s, c71); c72 = a2.fma(s, c72);
        }
        c00.intoArray(tile, to + 0 * MR + 0 * l);
        c01.intoArray(tile, to + 0 * MR + 1 * l);
        c02.intoArray(tile, to + 0 * MR + 2 * l);
        c10.intoArray(tile, to + 1 * MR + 0 * l);
        c11.intoArray(tile, to + 1 * MR + 1 * l);
        c12.intoArray(tile, to + 1 * MR + 2 * l);
        c20.intoArray(tile, to + 2 * MR + 0 * l);
        c21.intoArray(tile, to + 2 * MR + 1 * l);
        c22.intoArray(tile, to + 2 * MR + 2 * l);
        c30.intoArray(tile, to + 3 * MR + 0 * l);
        c31.intoArray(tile, to + 3 * MR + 1 * l);
        c32.intoArray(tile, to + 3 * MR + 2 * l);
        c40.intoArray(tile, to + 4 * MR + 0 * l);
        c41.intoArray(tile, to + 4 * MR + 1 * l);
        c42.intoArray(tile, to + 4 * MR + 2 * l);
        c50.intoArray(tile, to + 5 * MR + 0 * l);
        c51.intoArray(tile, to + 5 * MR + 1 * l);
        c52.intoArray(tile, to + 5 * MR + 2 * l);
        c60.intoArray(tile, to + 6 * MR + 0 * l);
        c61.intoArray(tile, to + 6 * MR + 1 * l);
        c62.intoArray(tile, to + 6 * MR + 2 * l);
        c70.intoArray(tile, to + 7 * MR + 0 * l);
        c71.intoArray(tile, to + 7 * MR + 1 * l);
        c72.intoArray(tile, to + 7 * MR + 2 * l);
    }
}
