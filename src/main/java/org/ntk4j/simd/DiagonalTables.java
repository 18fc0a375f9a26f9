package org.ntk4j.simd;

/**
 * The kernel recursion on the diagonal for n inputs, layer by layer: row p of each table holds
 * the state entering op p (row 0: the input kernel x·x/d). Besides K and Θ it keeps, for the row
 * entering each activation, the per-input factors the vector passes read ({@link Factors}).
 * Immutable once built; arrays are shared, not copied.
 */
public final class DiagonalTables {

    /**
     * Doubles of padding after each factor array: a masked vector load of the last slot's last
     * inputs then stays inside the array. Loads that leave it take the Vector API's out-of-range
     * path, and once that path is in a pass's profile its compilation grows past C2's node budget
     * (measured: the ReLU pass stopped inlining its arccos and allocated 3.4 MB per 256 x 256
     * tile, 8x slower). 64 doubles cover vectors of up to 4096 bits.
     */
    static final int PAD = 64;

    private final int n;
    private final double[] k;
    private final double[] t;
    private final double[][] factors;

    private DiagonalTables(int n, double[] k, double[] t, double[][] factors) {
        this.n = n;
        this.k = k;
        this.t = t;
        this.factors = factors;
    }

    /** Empty tables of (length + 1) rows for n inputs, to be filled row by row ({@link #finishRow}). */
    static DiagonalTables allocate(Recursion r, int n) {
        return new DiagonalTables(n, new double[(r.length() + 1) * n], new double[(r.length() + 1) * n],
                new double[r.length()][]);
    }

    /** Row p is final: derives the factors of op p from it (a no-op past the last op or for dense ops). */
    void finishRow(Recursion r, int p) {
        if (p < r.length() && !r.isDense(p)) {
            int slots = Factors.slots(r.activation(p));
            if (slots > 0) {
                factors[p] = new double[slots * n + PAD];
                Factors.compute(r.activation(p), k, p * n, n, factors[p]);
            }
        }
    }

    /** Number of inputs. */
    public int size() {
        return n;
    }

    /** Number of rows: the number of ops + 1. */
    public int rows() {
        return factors.length + 1;
    }

    /** K(x_i, x_i) entering op p (p = length: the readout). */
    public double nngp(int p, int i) {
        return k[p * n + i];
    }

    /** Θ(x_i, x_i) entering op p. */
    public double ntk(int p, int i) {
        return t[p * n + i];
    }

    double[] k() {
        return k;
    }

    double[] t() {
        return t;
    }

    /** The factors of op p, slot s of input i at [s n + i]; null when it has none. */
    double[] factors(int p) {
        return factors[p];
    }

    /** Inputs i0 .. i0 + count − 1 of every table. */
    public DiagonalTables slice(int i0, int count) {
        if (i0 < 0 || count < 0 || i0 + count > n) {
            throw new IllegalArgumentException("slice [" + i0 + ", " + (i0 + count) + ") outside 0.." + n);
        }
        int rows = rows();
        double[] k2 = new double[rows * count];
        double[] t2 = new double[rows * count];
        for (int p = 0; p < rows; p++) {
            System.arraycopy(k, p * n + i0, k2, p * count, count);
            System.arraycopy(t, p * n + i0, t2, p * count, count);
        }
        double[][] f2 = new double[factors.length][];
        for (int p = 0; p < factors.length; p++) {
            if (factors[p] != null) {
                int slots = (factors[p].length - PAD) / Math.max(1, n);
                f2[p] = new double[slots * count + PAD];
                for (int s = 0; s < slots; s++) {
                    System.arraycopy(factors[p], s * n + i0, f2[p], s * count, count);
                }
            }
        }
        return new DiagonalTables(count, k2, t2, f2);
    }
}
