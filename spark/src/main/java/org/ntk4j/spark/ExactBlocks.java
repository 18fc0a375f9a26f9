package org.ntk4j.spark;

import java.io.Serializable;

/**
 * Sums of block vectors in fixed point, so that the total does not depend on the order in which
 * partial sums arrive (Spark's treeAggregate merges them in completion order). Each value x of
 * system s is held as the integer pair (hi, lo) with x ≈ (hi + lo·2⁻⁶²)·2^(E_s − 62), where the
 * caller's bound |any partial sum| ≤ 2^(E_s − 1) keeps |hi| &lt; 2⁶²; integer addition is exact
 * and associative, so the sum of any set of contributions has the same bits in any order and
 * grouping. A contribution loses only what lies below 2^(E_s − 124) (truncated), 2⁻⁷¹ of the
 * last bit of the largest value the bound allows. Blocks are allocated when first touched.
 */
final class ExactBlocks implements Serializable {

    private static final int FRACTION_BITS = 62;
    private static final long LOW_MASK = (1L << FRACTION_BITS) - 1;

    private final int[] exponents;
    private final int blocks;
    private final long[][] hi;
    private final long[][] lo;

    /**
     * @param exponents E_s for each system s: every contribution and every partial sum of system
     *                  s must satisfy |x| ≤ 2^(E_s − 1)
     * @param blocks    blocks per system
     */
    ExactBlocks(int[] exponents, int blocks) {
        this.exponents = exponents.clone();
        this.blocks = blocks;
        this.hi = new long[exponents.length * blocks][];
        this.lo = new long[exponents.length * blocks][];
    }

    /** The smallest E with 2^(E − 1) ≥ bound (bound ≥ 0; 0 for a zero bound). */
    static int exponentFor(double bound) {
        if (!(bound >= 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("bound must be finite and >= 0, got " + bound);
        }
        return bound == 0 ? 0 : Math.getExponent(bound) + 2;
    }

    /** Adds x[0 .. length) to block b of system s. x: not modified. */
    void add(int s, int b, double[] x, int length) {
        int slot = s * blocks + b;
        if (hi[slot] == null) {
            hi[slot] = new long[length];
            lo[slot] = new long[length];
        } else if (hi[slot].length != length) {
            throw new IllegalArgumentException("block " + b + " has " + hi[slot].length + " entries, got " + length);
        }
        long[] h = hi[slot];
        long[] l = lo[slot];
        int shift = FRACTION_BITS - exponents[s];
        double limit = Math.scalb(1.0, exponents[s]);
        for (int i = 0; i < length; i++) {
            double xi = x[i];
            if (!(Math.abs(xi) < limit)) {
                throw new IllegalStateException("a partial sum " + xi + " exceeds its bound 2^" + exponents[s]
                        + " (is the kernel positive semi-definite?)");
            }
            double v = Math.scalb(xi, shift);
            long whole = (long) v;               // truncates toward zero; |v| < 2^62
            double frac = v - whole;             // exact: the bits of v below the binary point
            long low = l[i] + (long) Math.scalb(frac, FRACTION_BITS);
            long carry = low >> FRACTION_BITS;   // floor(low / 2^62)
            h[i] += whole + carry;
            l[i] = low & LOW_MASK;
        }
    }

    /** Adds every block of other into this one (other: not modified). Returns this. */
    ExactBlocks merge(ExactBlocks other) {
        for (int slot = 0; slot < hi.length; slot++) {
            long[] oh = other.hi[slot];
            if (oh == null) {
                continue;
            }
            long[] ol = other.lo[slot];
            if (hi[slot] == null) {
                hi[slot] = oh.clone();
                lo[slot] = ol.clone();
                continue;
            }
            long[] h = hi[slot];
            long[] l = lo[slot];
            for (int i = 0; i < h.length; i++) {
                long low = l[i] + ol[i];          // both in [0, 2^62): no overflow
                h[i] += oh[i] + (low >>> FRACTION_BITS);
                l[i] = low & LOW_MASK;
            }
        }
        return this;
    }

    /** Block b of system s rounded to doubles into out[off ..] (zeros if never touched). out: modified. */
    void copyTo(int s, int b, double[] out, int off, int length) {
        int slot = s * blocks + b;
        long[] h = hi[slot];
        if (h == null) {
            java.util.Arrays.fill(out, off, off + length, 0.0);
            return;
        }
        long[] l = lo[slot];
        int e = exponents[s] - FRACTION_BITS;
        for (int i = 0; i < length; i++) {
            out[off + i] = Math.scalb((double) h[i] + Math.scalb((double) l[i], -FRACTION_BITS), e);
        }
    }
}
