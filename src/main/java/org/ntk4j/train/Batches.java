package org.ntk4j.train;

/**
 * The seeded SGD minibatches: at step t, B distinct indices out of n by a partial Fisher–Yates
 * shuffle of 0 .. n−1 driven by SplitMix64 (Steele, Lea &amp; Flood 2014) seeded with
 * mix(seed) ^ mix(t + 1); index j is swapped with j + (next() mod (n − j)) (the modulo bias is
 * below n/2^64). A pure function of (seed, t, n, B), so runs repeat bit for bit.
 */
final class Batches {

    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private Batches() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** The indices of step t's minibatch, in draw order. */
    static int[] draw(long seed, int step, int n, int batch) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        long state = mix(seed) ^ mix(step + 1L);
        int b = Math.min(batch, n);
        for (int j = 0; j < b; j++) {
            state += GOLDEN;
            int pick = j + (int) Long.remainderUnsigned(mix(state), n - j);
            int t = perm[j];
            perm[j] = perm[pick];
            perm[pick] = t;
        }
        return java.util.Arrays.copyOf(perm, b);
    }
}
