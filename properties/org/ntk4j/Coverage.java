package org.ntk4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.ntk4j.simd.Simd;

/**
 * Statistics of what a property exercised, checked after the run so that rare cases really
 * occurred: for the vector kernels, every tail length n mod lanes and at least one length with
 * several full vectors.
 */
public final class Coverage {

    private final String what;
    private final Map<Integer, Integer> residues = new TreeMap<>();
    private int maxLength = -1;
    private int total;

    public Coverage(String what) {
        this.what = what;
    }

    /** Records one length that the property ran. */
    public synchronized void length(int n) {
        residues.merge(n % Simd.lanes(), 1, Integer::sum);
        maxLength = Math.max(maxLength, n);
        total++;
    }

    /**
     * Asserts that every residue 0 .. lanes − 1 and a length ≥ 3·lanes occurred, once the run had
     * 20 cases per residue on average (a run scaled down with {@link Gens#SCALE} is too short to
     * promise coverage: then the statistics are only printed).
     */
    public synchronized void assertEveryTail() {
        int lanes = Simd.lanes();
        System.out.println(this);
        if (total < 20 * lanes) {
            return;
        }
        for (int r = 0; r < lanes; r++) {
            assertTrue(residues.getOrDefault(r, 0) > 0, what + ": tail length " + r + " of " + lanes
                    + " never generated; seen " + residues);
        }
        assertTrue(maxLength >= 3 * lanes, what + ": no length with 3 full vectors; longest " + maxLength);
    }

    @Override
    public synchronized String toString() {
        return what + " tails " + residues + ", longest " + maxLength;
    }
}
