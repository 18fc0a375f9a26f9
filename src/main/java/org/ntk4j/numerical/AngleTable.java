package org.ntk4j.numerical;

/**
 * Both kernels of one variance σ² (every input of equal norm) as piecewise Chebyshev interpolants
 * in the angle t = arccos|ρ| ∈ [0, π/2], one table for ρ ≥ 0 and one for ρ &lt; 0.
 *
 * <p>Why the angle: the singular kernels of kinks are analytic in θ (sin θ, θ cos θ, ...; Cho &amp;
 * Saul 2009), and a large variance's features sit at θ ≈ 1/σ, while in ρ they sit at 1 − ρ ≈ 1/σ²
 * and kinks give sqrt(1 − ρ²) singularities. Layout: the level-0 interval [0, t₀] and levels
 * k = 1..G, [t₀ 2^{k−1}, t₀ 2^k] with t₀ = (π/2) 2^{−G}, so the level of t is the binary exponent of
 * t/t₀ (bit arithmetic in a vector engine); level k is cut into 2^{s_k} equal pieces, s_k grown
 * until the last two of the {@value #DEGREE_PLUS_ONE} Chebyshev coefficients of every piece fall
 * below the tolerance. Evaluation: locate (≈ 6 operations), then Clenshaw on the piece's
 * coefficients, 2 operations per degree and kernel.
 *
 * <p>Flat storage for a vector engine: {@code coefficients[((sign · P + piece) · 2 + kernel) · M + c]},
 * sign 0 for ρ ≥ 0, kernel 0 = NNGP, 1 = Ṫ, M = {@value #DEGREE_PLUS_ONE}, P pieces per sign; piece
 * = {@code levelOffset[k] + floor(frac · 2^{s_k})}.
 */
public final class AngleTable {

    static final int DEGREE_PLUS_ONE = 16;
    private static final int MAX_SPLIT = 7;

    private final double variance;
    private final double t0;
    private final int levels;
    private final int[] levelOffset;
    private final int[] levelSplit;
    private final double[] coefficients;
    private final int pieces;

    private AngleTable(double variance, double t0, int levels, int[] levelOffset, int[] levelSplit,
            double[] coefficients) {
        this.variance = variance;
        this.t0 = t0;
        this.levels = levels;
        this.levelOffset = levelOffset;
        this.levelSplit = levelSplit;
        this.coefficients = coefficients;
        this.pieces = levelOffset[levels + 1];
    }

    /** Pair kernels at (k12, σ², σ²) for the table's σ²; pair(t, sign) → {nngp, tdot}. */
    interface Exact {
        double[] at(double rho);
    }

    /**
     * Builds the table of variance {@code variance} from exact values; absolute tolerances on the
     * interpolation error of each kernel.
     */
    static AngleTable build(double variance, Exact exact, double nngpTol, double tdotTol) {
        double sigma = Math.sqrt(variance);
        int g = Math.max(3, (int) Math.ceil(Math.log(Math.PI / 2 * 8 * sigma) / Math.log(2)));
        g = Math.min(g, 40);
        double t0 = Math.PI / 2 / Math.pow(2, g);
        int[] split = new int[g + 1];
        double[][][] perLevel = new double[g + 1][][];
        for (int k = 0; k <= g; k++) {
            double lo = k == 0 ? 0 : t0 * Math.pow(2, k - 1);
            double hi = t0 * Math.pow(2, k);
            for (int s = 0; ; s++) {
                double[][] c = fitLevel(exact, lo, hi, 1 << s);
                if (s == MAX_SPLIT || converged(c, nngpTol, tdotTol)) {
                    split[k] = s;
                    perLevel[k] = c;
                    break;
                }
            }
        }
        int[] offset = new int[g + 2];
        for (int k = 0; k <= g; k++) {
            offset[k + 1] = offset[k] + (1 << split[k]);
        }
        int p = offset[g + 1];
        double[] coef = new double[2 * p * 2 * DEGREE_PLUS_ONE];
        for (int k = 0; k <= g; k++) {
            double[][] c = perLevel[k];
            for (int piece = 0; piece < (1 << split[k]); piece++) {
                for (int sign = 0; sign < 2; sign++) {
                    for (int kernel = 0; kernel < 2; kernel++) {
                        System.arraycopy(c[(piece * 2 + sign) * 2 + kernel], 0, coef,
                                ((sign * p + offset[k] + piece) * 2 + kernel) * DEGREE_PLUS_ONE, DEGREE_PLUS_ONE);
                    }
                }
            }
        }
        return new AngleTable(variance, t0, g, offset, split, coef);
    }

    /** Chebyshev coefficients of both kernels and both signs on 2^s equal pieces of [lo, hi]. */
    private static double[][] fitLevel(Exact exact, double lo, double hi, int pieces) {
        int m = DEGREE_PLUS_ONE;
        double[][] out = new double[pieces * 4][];
        double[][] vals = new double[4][m];
        for (int piece = 0; piece < pieces; piece++) {
            double a = lo + (hi - lo) * piece / pieces;
            double b = lo + (hi - lo) * (piece + 1) / pieces;
            for (int j = 0; j < m; j++) {
                double x = Math.cos(Math.PI * (j + 0.5) / m);
                double t = 0.5 * (a + b) + 0.5 * (b - a) * x;
                double c = Math.cos(t);
                double[] plus = exact.at(c);
                double[] minus = exact.at(-c);
                vals[0][j] = plus[0];
                vals[1][j] = plus[1];
                vals[2][j] = minus[0];
                vals[3][j] = minus[1];
            }
            for (int q = 0; q < 4; q++) {
                out[piece * 4 + q] = chebyshev(vals[q]);
            }
        }
        return out;
    }

    private static double[] chebyshev(double[] v) {
        int m = v.length;
        double[] c = new double[m];
        for (int k = 0; k < m; k++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += v[j] * Math.cos(Math.PI * k * (j + 0.5) / m);
            }
            c[k] = (k == 0 ? 1.0 : 2.0) * s / m;
        }
        return c;
    }

    private static boolean converged(double[][] c, double nngpTol, double tdotTol) {
        int m = DEGREE_PLUS_ONE;
        for (int q = 0; q < c.length; q++) {
            double tol = q % 2 == 0 ? nngpTol : tdotTol;
            if (Math.abs(c[q][m - 1]) + Math.abs(c[q][m - 2]) + Math.abs(c[q][m - 3]) > tol) {
                return false;
            }
        }
        return true;
    }

    /** The variance the table was built for. */
    public double variance() {
        return variance;
    }

    /** Number of Chebyshev pieces per sign of ρ. */
    public int pieces() {
        return pieces;
    }

    /** Writes {nngp, tdot} at correlation ρ into out[0..1]. */
    void evaluate(double rho, double[] out) {
        double t = Math.acos(Math.min(1, Math.abs(rho)));
        int sign = rho < 0 ? 1 : 0;
        int k = t < t0 ? 0 : Math.min(levels, Math.getExponent(t / t0) + 1);
        double lo = k == 0 ? 0 : t0 * Math.scalb(1.0, k - 1);
        double width = k == 0 ? t0 : lo;
        int s = levelSplit[k];
        double f = (t - lo) / width * (1 << s);
        int piece = Math.max(0, Math.min((1 << s) - 1, (int) f));
        double x = 2 * (f - piece) - 1;
        int base = ((sign * pieces + levelOffset[k] + piece) * 2) * DEGREE_PLUS_ONE;
        out[0] = clenshaw(base, x);
        out[1] = clenshaw(base + DEGREE_PLUS_ONE, x);
    }

    private double clenshaw(int base, double x) {
        double b1 = 0;
        double b2 = 0;
        double x2 = 2 * x;
        for (int c = DEGREE_PLUS_ONE - 1; c >= 1; c--) {
            double b0 = Math.fma(x2, b1, coefficients[base + c] - b2);
            b2 = b1;
            b1 = b0;
        }
        return Math.fma(x, b1, coefficients[base] - b2);
    }
}
