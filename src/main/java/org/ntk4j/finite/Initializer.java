package org.ntk4j.finite;

/**
 * The seeded, machine-independent source of a finite network's initial parameters: standard
 * normals from SplitMix64 (Steele, Lea &amp; Flood 2014) and the Box–Muller transform, in
 * independent streams so layers and rows can be drawn in parallel with the same bits.
 *
 * <p>The exact algorithm, so that a Python user can reproduce it (all arithmetic on unsigned
 * 64-bit integers modulo 2^64, {@code >>>} the logical shift):
 * <pre>
 *   GOLDEN = 0x9E3779B97F4A7C15
 *   mix(z):  z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
 *            z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *            return z ^ (z >>> 31)
 *   stream(seed, l, r):  state = mix(mix(seed) ^ mix((l << 32) | r))
 *   next():   state += GOLDEN; return mix(state)
 *   uniform(): ((next() >>> 11) + 1) * 2^-53                         in (0, 1], exact, never 0
 *   normals, two at a time: u1 = uniform(), u2 = uniform(), rho = sqrt(-2 ln u1),
 *            z0 = rho cos(2 pi u2), z1 = rho sin(2 pi u2)             (2 pi: the double nearest; an odd
 *                                                                      count drops the last z1)
 * </pre>
 * Row r of W_l (length n_l) is the first n_l normals of stream(seed, l, r); b_l (length n_{l+1})
 * is stream(seed, l, 0xFFFFFFFF). ln, sqrt, cos and sin are {@link StrictMath}'s (fdlibm): the same
 * bits on every JVM and thread count; libm elsewhere may differ in the last bit.
 *
 * <p>Monte-Carlo sample s (s = 0, 1, ...) of master seed m uses the seed
 * {@link #sampleSeed}(m, s) = mix(m + (s + 1) GOLDEN), output s + 1 of SplitMix64 seeded with m.
 */
public final class Initializer {

    /** The stream tag of a bias vector (never a row index: widths are below 2^31). */
    static final long BIAS_STREAM = 0xFFFF_FFFFL;

    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private static final double TWO_PI = 2 * Math.PI;

    private Initializer() {
    }

    /** SplitMix64's output function, a bijection on 64-bit integers. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of Monte-Carlo sample s under master seed m: mix(m + (s + 1) GOLDEN). */
    public static long sampleSeed(long master, long s) {
        if (s < 0) {
            throw new IllegalArgumentException("sample index must be >= 0, got " + s);
        }
        return mix(master + (s + 1) * GOLDEN);
    }

    /**
     * Fills out[off .. off + n) with the first n standard normals of stream(seed, layer, row), as
     * the class comment defines them. out: modified.
     */
    public static void normals(long seed, int layer, long row, double[] out, int off, int n) {
        if (layer < 0 || row < 0 || row > BIAS_STREAM || n < 0 || off < 0 || off + n > out.length) {
            throw new IllegalArgumentException("bad stream (layer " + layer + ", row " + row + ") or range ["
                    + off + ", " + off + " + " + n + ") of an array of length " + out.length);
        }
        long state = mix(mix(seed) ^ mix(((long) layer << 32) | row));
        for (int i = 0; i < n; i += 2) {
            state += GOLDEN;
            double u1 = uniform(mix(state));
            state += GOLDEN;
            double u2 = uniform(mix(state));
            double rho = StrictMath.sqrt(-2 * StrictMath.log(u1));
            double angle = TWO_PI * u2;
            out[off + i] = rho * StrictMath.cos(angle);
            if (i + 1 < n) {
                out[off + i + 1] = rho * StrictMath.sin(angle);
            }
        }
    }

    /** The top 53 bits as a double in (0, 1], exactly: the + 1 keeps ln u1 finite. */
    private static double uniform(long bits) {
        return ((bits >>> 11) + 1) * 0x1.0p-53;
    }
}
