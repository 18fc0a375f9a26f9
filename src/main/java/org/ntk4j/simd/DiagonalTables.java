package org.ntk4j.simd;

/**
 * The kernel recursion on the diagonal for n inputs, layer by layer: row p of each table holds
 * the state entering op p (row 0: the input kernel x·x/d). Besides K and Θ it keeps, for the row
 * entering each activation, the per-input factors the vector kernels use so that no entry needs
 * its own square root of a product: q = sqrt(k) and r = 1/q before an arc-cosine op, and
 * r = 1/sqrt(1 + 2k), q = min(sqrt(2k)·r·(1 + 2^-49), 1) before erf (q² is the diagonal's arcsine
 * argument s = 2k/(1 + 2k) widened by 2^-48, q1 q2 ≤ 1 the Cauchy–Schwarz bound of an
 * off-diagonal one). Immutable once built; arrays are shared, not copied.
 */
public final class DiagonalTables {

    private final int n;
    private final double[] k;
    private final double[] t;
    private final double[] q;
    private final double[] r;

    DiagonalTables(int n, double[] k, double[] t, double[] q, double[] r) {
        this.n = n;
        this.k = k;
        this.t = t;
        this.q = q;
        this.r = r;
    }

    /**
     * Wraps tables of (program.length() + 1) rows of n entries and derives q and r from k with
     * correctly rounded sqrt and division, so both implementations get the same bits.
     */
    static DiagonalTables of(RecursionProgram pr, int n, double[] k, double[] t) {
        double[] q = new double[k.length];
        double[] r = new double[k.length];
        for (int p = 0; p < pr.length(); p++) {
            factors(pr, p, n, k, q, r);
        }
        return new DiagonalTables(n, k, t, q, r);
    }

    /** Fills q and r of row p from k of row p, as op p needs them. */
    static void factors(RecursionProgram pr, int p, int n, double[] k, double[] q, double[] r) {
        boolean arcCos = pr.op(p) == RecursionProgram.AB_RELU || pr.op(p) == RecursionProgram.STEP;
        boolean erf = pr.op(p) == RecursionProgram.ERF;
        if (!arcCos && !erf) {
            return;
        }
        for (int i = p * n; i < (p + 1) * n; i++) {
            if (arcCos) {
                q[i] = Math.sqrt(k[i]);
                r[i] = 1 / q[i];
            } else {
                r[i] = 1 / Math.sqrt(1 + 2 * k[i]);
                q[i] = Math.min(Math.sqrt(2 * k[i]) * r[i] * (1 + 0x1p-49), 1.0);
            }
        }
    }

    /** Number of inputs. */
    public int size() {
        return n;
    }

    /** Number of rows: program length + 1. */
    public int rows() {
        return k.length / Math.max(n, 1);
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

    double[] q() {
        return q;
    }

    double[] r() {
        return r;
    }

    /** Rows i0 .. i0 + count − 1 of every table. */
    public DiagonalTables slice(RecursionProgram pr, int i0, int count) {
        if (i0 < 0 || count < 0 || i0 + count > n) {
            throw new IllegalArgumentException("slice [" + i0 + ", " + (i0 + count) + ") outside 0.." + n);
        }
        int rows = pr.length() + 1;
        double[] k2 = new double[rows * count];
        double[] t2 = new double[rows * count];
        for (int p = 0; p < rows; p++) {
            System.arraycopy(k, p * n + i0, k2, p * count, count);
            System.arraycopy(t, p * n + i0, t2, p * count, count);
        }
        return of(pr, count, k2, t2);
    }
}
