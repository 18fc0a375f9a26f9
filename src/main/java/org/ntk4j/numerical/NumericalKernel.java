package org.ntk4j.numerical;

import java.util.Arrays;

/**
 * The infinite-width kernel map of a pointwise activation with no closed form, for one layer and a
 * fixed set of inputs: E[φ(u)φ(v)] (NNGP) and Ṫ = E[φ′(u)φ′(v)] for every pair (u, v) centred
 * Gaussian with covariance [[k_ii, k12], [k12, k_jj]]. Immutable; pure per-pair functions.
 *
 * <p>Three routes, chosen per pair (see docs/numerical-path.md):
 * <ol>
 * <li>{@link Route#TABLE}: all inputs have the same variance; an {@link AngleTable} in
 * arccos|ρ| built once per layer (fast, any variance, any ρ).
 * <li>{@link Route#SERIES}: Mehler's series with per-input Hermite coefficients
 * ({@link RowSeries}), when its Cauchy–Schwarz tail bound is below the tolerances.
 * <li>{@link Route#QUADRATURE}: otherwise, polar-coordinate quadrature split at the kink rays
 * ({@link PolarQuadrature}), accurate and slow.
 * </ol>
 * Errors are bounded by the tolerances times the largest diagonal entry of the rows prepared
 * together (the max-norm of the kernel matrix they span, as |K_ij| ≤ sqrt(K_ii K_jj)).
 */
public final class NumericalKernel {

    /** Which computation served a pair. */
    public enum Route { DIAGONAL, TABLE, SERIES, QUADRATURE }

    /**
     * Settings: the series order N, tolerances relative to the largest diagonal entry, and whether
     * equal variances use the angle table.
     */
    public record Settings(int order, double nngpTolerance, double tdotTolerance, boolean angleTable) {

        public Settings {
            if (order < 1 || order > 4096) {
                throw new IllegalArgumentException("series order must be in 1..4096, got " + order);
            }
            if (!(nngpTolerance > 0) || !(tdotTolerance > 0)) {
                throw new IllegalArgumentException("tolerances must be positive, got " + nngpTolerance
                        + " and " + tdotTolerance);
            }
        }

        /** N = 128, 1e-10 and 1e-10 per layer (depth 5 compounds to within 1e-9 / 1e-8), tables on. */
        public static Settings defaults() {
            return new Settings(128, 1e-10, 1e-10, true);
        }
    }

    /** Variances whose ratio to the first is within 2^-40 count as equal (the table's error ≤ 1e-12). */
    private static final double EQUAL_VARIANCE = 0x1p-40;
    /** The table is built from a series this many times longer, falling back to quadrature. */
    private static final int TABLE_ORDER_FACTOR = 4;

    private final Pointwise phi;
    private final Settings settings;
    private final RowSeries[] rows;
    private final double nngpAbsTol;
    private final double tdotAbsTol;
    private final AngleTable table;
    private final PolarQuadrature quadrature;

    private NumericalKernel(Pointwise phi, Settings settings, RowSeries[] rows, AngleTable table,
            PolarQuadrature quadrature, double nngpAbsTol, double tdotAbsTol) {
        this.phi = phi;
        this.settings = settings;
        this.rows = rows;
        this.table = table;
        this.quadrature = quadrature;
        this.nngpAbsTol = nngpAbsTol;
        this.tdotAbsTol = tdotAbsTol;
    }

    /**
     * Prepares a layer for inputs of the given pre-activation variances (the diagonal k_ii).
     *
     * @param phi the activation. Not modified.
     * @param variances k_ii ≥ 0, finite. Not modified.
     * @param settings order and tolerances.
     */
    public static NumericalKernel prepare(Pointwise phi, double[] variances, Settings settings) {
        if (phi == null || variances == null || settings == null) {
            throw new IllegalArgumentException("prepare needs an activation, variances and settings");
        }
        if (variances.length == 0) {
            throw new IllegalArgumentException("prepare needs at least one variance");
        }
        for (int i = 0; i < variances.length; i++) {
            if (!(variances[i] >= 0) || !Double.isFinite(variances[i])) {
                throw new IllegalArgumentException("variance " + i + " must be finite and ≥ 0, got " + variances[i]);
            }
        }
        RowSeries[] rows = new RowSeries[variances.length];
        double maxN = 0;
        double maxT = 0;
        boolean equal = true;
        for (int i = 0; i < variances.length; i++) {
            rows[i] = i > 0 && variances[i] == variances[i - 1] ? rows[i - 1]
                    : HermiteProjection.of(phi, variances[i], settings.order());
            maxN = Math.max(maxN, rows[i].nngpEnergy());
            maxT = Math.max(maxT, rows[i].tdotEnergy());
            equal &= Math.abs(variances[i] - variances[0]) <= EQUAL_VARIANCE * variances[0];
        }
        double nTol = settings.nngpTolerance() * maxN;
        double tTol = settings.tdotTolerance() * (maxT > 0 ? maxT : 1);
        PolarQuadrature quadrature = new PolarQuadrature(phi);
        AngleTable table = null;
        if (equal && settings.angleTable() && variances.length > 1) {
            table = buildTable(phi, variances[0], settings, quadrature, nTol, tTol);
        }
        return new NumericalKernel(phi, settings, rows, table, quadrature, nTol, tTol);
    }

    private static AngleTable buildTable(Pointwise phi, double variance, Settings settings,
            PolarQuadrature quadrature, double nTol, double tTol) {
        RowSeries long_ = HermiteProjection.of(phi, variance, TABLE_ORDER_FACTOR * settings.order());
        double[] out = new double[4];
        // the table's own error and the values' error share the tolerance: a quarter each
        return AngleTable.build(variance, rho -> {
            MehlerSeries.evaluate(long_, long_, rho, out);
            if (out[2] <= 0.25 * nTol && out[3] <= 0.25 * tTol) {
                return new double[] {out[0], out[1]};
            }
            return quadrature.pair(variance, variance, rho * variance);
        }, 0.25 * nTol, 0.25 * tTol);
    }

    /** Number of inputs prepared. */
    public int size() {
        return rows.length;
    }

    /** Input i's series data (its arrays are shared: do not modify). */
    public RowSeries row(int i) {
        return rows[i];
    }

    /** The angle table when every input has the same variance, else null. */
    public AngleTable table() {
        return table;
    }

    /** The activation. */
    public Pointwise activation() {
        return phi;
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** {E[φ(u)φ(v)], E[φ′(u)φ′(v)]} for inputs i, j with covariance k12. */
    public double[] pair(int i, int j, double k12) {
        double[] out = new double[4];
        route(i, j, k12, out);
        return Arrays.copyOf(out, 2);
    }

    /**
     * Writes {nngp, tdot} for inputs i, j with covariance k12 into out[0..1] (out needs length ≥ 4;
     * out[2..3] are scratch) and returns the route taken.
     *
     * @param out Modified.
     */
    public Route route(int i, int j, double k12, double[] out) {
        RowSeries ri = rows[i];
        RowSeries rj = rows[j];
        double k11 = ri.variance();
        double k22 = rj.variance();
        if (!Double.isFinite(k12)) {
            throw new IllegalArgumentException("covariance k12 must be finite, got " + k12);
        }
        double prod = k11 * k22;
        double rho = prod > 0 ? Math.max(-1, Math.min(1, k12 / Math.sqrt(prod))) : 0;
        if (rho == 1 && k11 == k22) {
            out[0] = ri.nngpEnergy();
            out[1] = ri.tdotEnergy();
            return Route.DIAGONAL;
        }
        if (table != null) {
            table.evaluate(rho, out);
            return Route.TABLE;
        }
        MehlerSeries.evaluate(ri, rj, rho, out);
        if (out[2] <= nngpAbsTol && out[3] <= tdotAbsTol) {
            return Route.SERIES;
        }
        // (smaller variance first) so that pair(i, j) and pair(j, i) give the same bits
        double[] q = quadrature.pair(Math.min(k11, k22), Math.max(k11, k22), rho * Math.sqrt(prod));
        out[0] = q[0];
        out[1] = q[1];
        return Route.QUADRATURE;
    }
}
