package org.ntk4j;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import org.ntk4j.simd.Simd;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The shared generators of the property suite: sizes first, then the data that depends on them,
 * so a failing case shrinks to a small matrix of simple numbers. Properties read as statements
 * of theory: {@code forAll(Gens.networks(6), Gens.inputs(12, 9))}.
 *
 * <p>Engine: QuickTheories 0.26. Seeds: each property draws a fresh seed (QuickTheories uses
 * {@code System.nanoTime()}) unless it pins one with {@link #qtFixed}; a failure prints the
 * shrunk counter-example and "Seed was N". Replay it with the system property {@code QT_SEED},
 * read by QuickTheories itself ({@code org.quicktheories.core.Configuration.SEED}); from Maven:
 * {@code mvn verify -Dtest=SymmetryProperties#swappingTheInputsTransposesTheKernelsBitForBit
 * -DextraArgLine=-DQT_SEED=N} (surefire forks the JVM, so the property must reach it through
 * the pom's {@code extraArgLine}). {@code QT_SEED} applies to every property of that JVM that
 * does not pin its own seed. {@code -Dntk4j.qt.scale=F} multiplies every example count by F
 * (the mutation profile uses it to keep PIT's many runs short; raise it for a long soak).
 */
public final class Gens {

    /** System property: a factor for every example count (default 1). */
    public static final String SCALE = "ntk4j.qt.scale";
    /** Rejections allowed per example: the filtered generators below reject well under half their draws. */
    private static final int ATTEMPTS = 200;

    private Gens() {
    }

    // ---- engine ----------------------------------------------------------------------------

    /** A theory with {@code examples} cases (times {@value #SCALE}), a fresh or QT_SEED seed. */
    public static QuickTheory qt(int examples) {
        return QuickTheory.qt().withExamples(scaled(examples)).withGenerateAttempts(ATTEMPTS);
    }

    /** A theory with a pinned seed: Monte-Carlo properties whose tolerance holds for that seed. */
    public static QuickTheory qtFixed(int examples, long seed) {
        return QuickTheory.qt().withExamples(scaled(examples)).withGenerateAttempts(ATTEMPTS).withFixedSeed(seed);
    }

    static int scaled(int examples) {
        double f = Double.parseDouble(System.getProperty(SCALE, "1"));
        return Math.max(1, (int) Math.round(examples * f));
    }

    // ---- sizes -----------------------------------------------------------------------------

    /** Vector lengths 0 .. 4·lanes + 3: every tail length n mod lanes, and several full vectors. */
    public static Gen<Integer> lengths() {
        return integers().between(0, 4 * Simd.lanes() + 3);
    }

    /** Integers in [lo, hi]. */
    public static Gen<Integer> between(int lo, int hi) {
        return integers().between(lo, hi);
    }

    /** Hidden-layer widths of finite networks: 64, 128, ..., 1024. */
    public static Gen<Integer> widths() {
        return Generate.pick(List.of(64, 128, 256, 512, 1024));
    }

    /** Seeds for the finite networks' random parameters. */
    public static Gen<Long> seeds() {
        return Generate.longRange(1, Long.MAX_VALUE);
    }

    // ---- hyper-parameters ------------------------------------------------------------------

    /** Weight standard deviation in [0.5, 2.5]. */
    public static Gen<Double> wStd() {
        return doubles().between(0.5, 2.5);
    }

    /** Bias standard deviation in [0, 1]. */
    public static Gen<Double> bStd() {
        return doubles().between(0.0, 1.0);
    }

    /** Hidden layers 0 .. max. */
    public static Gen<Integer> depths(int max) {
        return integers().between(0, max);
    }

    /**
     * Every activation family: relu, erf, step, identity, |x|, leaky relu, a general ABRelu and a
     * scaled identity ABRelu(c, c) (the linear op with c ≠ 1).
     */
    public static Gen<Activation> activations() {
        // every activation of the catalog (its samples), so a new one is covered without edits here
        Gen<Activation> named = Generate.pick(org.ntk4j.kernel.Catalog.sampleActivations());
        Gen<Activation> leaky = doubles().between(0.0, 0.5).map(a -> (Activation) Stax.leakyRelu(a));
        Gen<Activation> ab = slopes().zip(slopes(), (a, b) -> (Activation) Stax.abRelu(a, b));
        Gen<Activation> linear = slopes().map(c -> (Activation) Stax.abRelu(c, c));
        return named.mix(leaky, 20).mix(ab, 30).mix(linear, 10);
    }

    /** Activations that are not polynomials: ReLU-like with a ≠ b, and erf (Jacot et al. 2018). */
    public static Gen<Activation> nonPolynomialActivations() {
        Gen<Activation> named = Generate.pick(List.<Activation>of(Stax.relu(), Stax.erf(), Stax.abs()));
        Gen<Activation> leaky = doubles().between(0.0, 0.5).map(a -> (Activation) Stax.leakyRelu(a));
        return named.mix(leaky, 25);
    }

    /** Positively homogeneous activations (ABRelu): kernels of degree 1 in each input when bStd = 0. */
    public static Gen<Activation> abRelus() {
        Gen<Activation> ab = slopes().zip(slopes(), (a, b) -> (Activation) Stax.abRelu(a, b));
        return Generate.pick(List.<Activation>of(Stax.relu(), Stax.abs(), Stax.identity())).mix(ab, 60);
    }

    private static Gen<Double> slopes() {
        return doubles().between(-1.5, 1.5);
    }

    /** A fully-connected network as {@link Stax#mlp} builds it. */
    public record Mlp(int depth, Activation phi, double wStd, double bStd) {
        public Network network() {
            return Stax.mlp(depth, phi, wStd, bStd);
        }

        @Override
        public String toString() {
            return "mlp(depth " + depth + ", " + phi.describe() + ", w " + wStd + ", b " + bStd + ")";
        }
    }

    /** MLPs of depth 0 .. maxDepth with any activation and the usual hyper-parameter ranges. */
    public static Gen<Mlp> networks(int maxDepth) {
        return networks(maxDepth, activations(), bStd());
    }

    /**
     * MLPs over the given activations and bias standard deviations, each at most as deep as its
     * growth allows ({@link #tameDepth}), so the generic properties see finite kernels.
     */
    public static Gen<Mlp> networks(int maxDepth, Gen<Activation> acts, Gen<Double> bStds) {
        return depths(maxDepth).zip(acts, wStd(), bStds, (l, phi, w, b) -> new Mlp(Math.min(l, tameDepth(phi)), phi, w, b));
    }

    /**
     * True for the activations that jump (step, sign): their NNGP is not Lipschitz in cos θ at
     * θ = 0, so properties with a Lipschitz error model leave them out. One case per activation.
     */
    public static boolean jumps(Activation phi) {
        return switch (phi) {
            case org.ntk4j.kernel.Step s -> true;
            case org.ntk4j.kernel.Sign s -> true;
            case org.ntk4j.kernel.ABRelu r -> false;
            case org.ntk4j.kernel.Erf e -> false;
            case org.ntk4j.kernel.Gelu g -> false;
            case org.ntk4j.kernel.Sin s -> false;
            case org.ntk4j.kernel.Cos c -> false;
            case org.ntk4j.kernel.Gaussian g -> false;
            case org.ntk4j.kernel.RectifiedMonomial r -> false;
            case org.ntk4j.kernel.Exp e -> false;
            case org.ntk4j.kernel.Polynomial q -> false;
        };
    }

    /**
     * False for the networks whose finite outputs are too heavy-tailed for a few dozen Monte-Carlo
     * samples to show a rate: e^x of a variance k has E[e^(4u)] / E[e^(2u)]² = e^(4k), so with
     * w-std above 0.6 (k ≳ 1.5 here) one network in thousands dominates the mean.
     */
    public static boolean monteCarloFriendly(Mlp m) {
        return switch (m.phi()) {
            case org.ntk4j.kernel.Exp e -> m.wStd() <= 0.6;
            // E[φ⁴]/E[φ²]² of max(u, 0)^n is 2 (4n − 1)!!/((2n − 1)!!)²: 6, 23, 92, 368 for n = 1 .. 4,
            // and of u^D it is (4D − 1)!!/((2D − 1)!!)²: 3, 11.7, 46 for D = 1 .. 3 (a polynomial
            // tends to its leading term's as the variance grows). The slope windows' spread bound
            // (ConvergenceProperties: relative spread ≲ 0.22 per error) holds for per-unit terms of
            // moderate kurtosis; above ~30 one unit in a few hundred dominates a width-64 mean and the
            // fitted slope leaves the window (measured: rectified-monomial(4) at w 2.1 gave −0.25,
            // polynomial(0.25, 1, −0.5, 0.125) at w 2.5 gave −0.77). Degree ≥ 3 is left out.
            case org.ntk4j.kernel.RectifiedMonomial r -> r.n() <= 2;
            case org.ntk4j.kernel.Polynomial q -> q.degree() <= 2;
            default -> true;
        };
    }

    /**
     * The deepest network of phi whose kernels stay finite for the generators' inputs (entries in
     * [−2, 2]: the first pre-activation variance is k_1 ≤ w² 4 + b² ≤ 26) and weights (w ≤ 2.5):
     * unbounded where E[φ(u)²] grows at most linearly in the variance k. For max(x, 0)^n,
     * E[u_+^2n] = (2n − 1)!! k^n / 2, so k_(l+1) ≤ 6.25 (2n − 1)!!/2 · k_l^n: the readout stays
     * below 1e300 through depth 6, 4 and 3 for n = 2, 3, 4; one layer less leaves the NTK's extra
     * factors room. For e^x, E[e^(2u)] = e^(2k): depth 1 (a second layer would take e^(1e22)).
     * One case per activation: a new closed form must say how it grows.
     */
    public static int tameDepth(Activation phi) {
        return switch (phi) {
            case org.ntk4j.kernel.ABRelu r -> Integer.MAX_VALUE;
            case org.ntk4j.kernel.Erf e -> Integer.MAX_VALUE;
            case org.ntk4j.kernel.Step s -> Integer.MAX_VALUE;
            case org.ntk4j.kernel.Sign s -> Integer.MAX_VALUE;
            case org.ntk4j.kernel.Gelu g -> Integer.MAX_VALUE;
            case org.ntk4j.kernel.Sin s -> Integer.MAX_VALUE;
            case org.ntk4j.kernel.Cos c -> Integer.MAX_VALUE;
            case org.ntk4j.kernel.Gaussian g -> Integer.MAX_VALUE;
            case org.ntk4j.kernel.RectifiedMonomial r -> r.n() == 2 ? 5 : r.n() == 3 ? 3 : 2;
            case org.ntk4j.kernel.Exp e -> 1;
            case org.ntk4j.kernel.Polynomial q -> polynomialDepth(q);
        };
    }

    /**
     * The polynomial's tame depth by the same bound as the rectified monomials': a pre-activation
     * variance k ≥ 1 gives E[φ(u)²] ≤ (Σ_i |c_i| sqrt((2i − 1)!!) k^(i/2))² (Cauchy–Schwarz over the
     * terms, E[u^2i] = (2i − 1)!! k^i), times w² ≤ 6.25 for the next variance, from k_1 ≤ 26; the
     * depth at which the bound passes 1e300, less one layer for the NTK's extra factors.
     */
    private static int polynomialDepth(org.ntk4j.kernel.Polynomial q) {
        double[] c = q.coefficients();
        double k = 26;
        for (int depth = 0; depth < 64; depth++) {
            double root = 0;
            for (int i = 0; i < c.length; i++) {
                double odd = 1;
                for (int j = 2 * i - 1; j > 1; j -= 2) {
                    odd *= j;
                }
                root += Math.abs(c[i]) * Math.sqrt(odd) * Math.pow(Math.max(k, 1), i / 2.0);
            }
            k = 6.25 * root * root;
            if (!(k < 1e300)) {
                return Math.max(1, depth);
            }
        }
        return Integer.MAX_VALUE;
    }

    // ---- inputs ----------------------------------------------------------------------------

    /** A matrix with a readable, exact description for counter-examples. */
    public record Matrix(int rows, int cols, double[] data) {
        public DMatrixRMaj toEjml() {
            return new DMatrixRMaj(rows, cols, true, data.clone());
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(rows + " x " + cols + " [");
            for (int i = 0; i < rows; i++) {
                sb.append(i == 0 ? "[" : ", [");
                for (int k = 0; k < cols; k++) {
                    sb.append(k == 0 ? "" : ", ").append(data[i * cols + k]);
                }
                sb.append(']');
            }
            return sb.append(']').toString();
        }
    }

    /** n values uniform in [lo, hi]. */
    public static Gen<double[]> values(int n, double lo, double hi) {
        return lists().of(doubles().between(lo, hi)).ofSize(n)
                .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * An n × d matrix with entries uniform in [−2, 2] and no row shorter than 1e-3 (a zero row is
     * bad input for arc-cosine kernels without bias, tested on its own in BadInputProperties).
     */
    public static Gen<Matrix> matrix(int n, int d) {
        return values(n * d, -2, 2).map(v -> new Matrix(n, d, v)).assuming(m -> minNorm(m) > 1e-3);
    }

    /** Inputs: n in 1..nMax, d in 1..dMax, then the data. */
    public static Gen<Matrix> inputs(int nMax, int dMax) {
        return between(1, nMax).zip(between(1, dMax), (n, d) -> new int[] {n, d})
                .flatMap(s -> matrix(s[0], s[1]));
    }

    /** Two input sets of the same dimension: (x1, x2). */
    public record Pair(Matrix x1, Matrix x2) {
    }

    /** x1 (n1 in 1..nMax) and x2 (n2 in 1..nMax) sharing d in 1..dMax. */
    public static Gen<Pair> inputPairs(int nMax, int dMax) {
        return between(1, nMax).zip(between(1, nMax), between(1, dMax), (n1, n2, d) -> new int[] {n1, n2, d})
                .flatMap(s -> matrix(s[0], s[2]).zip(matrix(s[1], s[2]), Pair::new));
    }

    /**
     * Inputs whose rows are pairwise far from parallel: |cos| ≤ 0.95 between distinct rows (and
     * no zero row), where arccos is well conditioned (|dθ/dcos| ≤ 1/sin θ ≤ 3.2).
     */
    public static Gen<Matrix> separatedInputs(int nMax, int dMin, int dMax) {
        return between(1, nMax).zip(between(dMin, dMax), (n, d) -> new int[] {n, d})
                .flatMap(s -> matrix(s[0], s[1])).assuming(m -> maxAbsCosine(m, m) <= 0.95);
    }

    /**
     * Pairs far from parallel: |cos| ≤ 0.95 between any two rows of x1 and x2 and within each.
     * Exactly parallel rows are where arccos is worst conditioned (an error Δ in cos θ = 1 moves θ
     * by sqrt(2Δ), and layers of angle-sensitive maps compound it as Δ^(1/2^L)); they are covered
     * by the extreme-input properties, not by properties that compare two computations closely.
     */
    public static Gen<Pair> separatedPairs(int nMax, int dMin, int dMax) {
        return between(1, nMax).zip(between(1, nMax), between(dMin, dMax), (n1, n2, d) -> new int[] {n1, n2, d})
                .flatMap(s -> matrix(s[0], s[2]).zip(matrix(s[1], s[2]), Pair::new))
                .assuming(p -> maxAbsCosine(p.x1(), p.x1()) <= 0.95 && maxAbsCosine(p.x2(), p.x2()) <= 0.95
                        && maxAbsCosine(p.x1(), p.x2()) <= 0.95);
    }

    /** Distinct points on the unit sphere in R^d, pairwise |cos| ≤ maxCos, n in nMin..nMax. */
    public static Gen<Matrix> sphere(int nMin, int nMax, int d, double maxCos) {
        return between(nMin, nMax).flatMap(n -> matrix(n, d))
                .assuming(m -> minNorm(m) > 0.1)
                .map(Gens::normalizeRows)
                .assuming(m -> maxAbsCosine(m, m) <= maxCos);
    }

    /** A random orthogonal d × d matrix: a product of d Householder reflections of generated vectors. */
    public static Gen<DMatrixRMaj> orthogonal(int d) {
        return matrix(d, d).assuming(m -> minNorm(m) > 0.1).map(Gens::householderProduct);
    }

    // ---- helpers on matrices ---------------------------------------------------------------

    /** max |cos| between row i of a and row j of b over i ≠ j when a == b, all pairs otherwise. */
    public static double maxAbsCosine(Matrix a, Matrix b) {
        double worst = 0;
        for (int i = 0; i < a.rows; i++) {
            for (int j = 0; j < b.rows; j++) {
                if (a == b && i == j) {
                    continue;
                }
                double c = dot(a, i, b, j) / Math.sqrt(dot(a, i, a, i) * dot(b, j, b, j));
                worst = Math.max(worst, Double.isNaN(c) ? 1 : Math.abs(c));
            }
        }
        return worst;
    }

    /** Σ_k a[i, k] b[j, k]. */
    public static double dot(Matrix a, int i, Matrix b, int j) {
        double s = 0;
        for (int k = 0; k < a.cols; k++) {
            s += a.data[i * a.cols + k] * b.data[j * b.cols + k];
        }
        return s;
    }

    static double minNorm(Matrix m) {
        double min = m.rows == 0 ? 1 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < m.rows; i++) {
            min = Math.min(min, Math.sqrt(dot(m, i, m, i)));
        }
        return min;
    }

    static Matrix normalizeRows(Matrix m) {
        double[] v = m.data.clone();
        for (int i = 0; i < m.rows; i++) {
            double norm = Math.sqrt(dot(m, i, m, i));
            for (int k = 0; k < m.cols; k++) {
                v[i * m.cols + k] /= norm;
            }
        }
        return new Matrix(m.rows, m.cols, v);
    }

    static DMatrixRMaj householderProduct(Matrix vs) {
        int d = vs.cols;
        DMatrixRMaj q = org.ejml.dense.row.CommonOps_DDRM.identity(d);
        for (int r = 0; r < vs.rows; r++) {
            double nn = dot(vs, r, vs, r);
            // Q ← Q (I − 2 v vᵀ / vᵀv)
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += q.get(i, k) * vs.data[r * d + k];
                }
                for (int k = 0; k < d; k++) {
                    q.add(i, k, -2 * s * vs.data[r * d + k] / nn);
                }
            }
        }
        return q;
    }
}
