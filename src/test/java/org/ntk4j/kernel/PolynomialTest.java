package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * The polynomial kernels against an independent computation: Isserlis' (Wick's) theorem, by
 * counting pairings rather than through Hermite polynomials, in exact decimal arithmetic:
 * E[u^a v^b] = Σ_j C(a, j) C(b, j) j! (a − j − 1)!! (b − j − 1)!! k12^j k11^((a−j)/2) k22^((b−j)/2)
 * over j ≡ a ≡ b (mod 2) (j cross pairs u–v, the rest paired within u and within v), so
 * E[φ(u) φ(v)] = Σ_ij c_i c_j E[u^i v^j].
 *
 * <p>Tolerance: every quantity the code forms (the weights w_nm, b_n(k), the series' terms) is
 * a sum of products of |c|, k11, k22 ≥ 0, |k12| and positive integers, and the path from the
 * inputs to the result passes at most D/2 + 1 roundings in b_n, 2 in each term and 2D in Horner
 * in k12, fewer than 4(D + 1) ≤ 36 for D ≤ 8. The standard forward bound is then
 * |error| ≤ γ_36 A ≤ 40 u A with A the same Wick sum over |c_i| |c_j| and |k12|.
 */
class PolynomialTest {

    private static final double U = 0x1p-53;

    private static double[] derivative(double[] c) {
        double[] d = new double[Math.max(0, c.length - 1)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i + 1) * c[i + 1];
        }
        return d;
    }

    private static BigDecimal integer(long v) {
        return BigDecimal.valueOf(v);
    }

    private static long choose(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    private static long oddFactorial(int k) {
        long p = 1;
        for (int i = k; i > 1; i -= 2) {
            p *= i;
        }
        return p;
    }

    private static long factorial(int k) {
        long p = 1;
        for (int i = 2; i <= k; i++) {
            p *= i;
        }
        return p;
    }

    /** E[u^a v^b] by Isserlis, exactly. */
    private static BigDecimal moment(int a, int b, BigDecimal k12, BigDecimal k11, BigDecimal k22) {
        BigDecimal s = BigDecimal.ZERO;
        for (int j = 0; j <= Math.min(a, b); j++) {
            if ((a - j) % 2 != 0 || (b - j) % 2 != 0) {
                continue;
            }
            long count = choose(a, j) * choose(b, j) * factorial(j) * oddFactorial(a - j - 1) * oddFactorial(b - j - 1);
            s = s.add(integer(count).multiply(k12.pow(j)).multiply(k11.pow((a - j) / 2)).multiply(k22.pow((b - j) / 2)));
        }
        return s;
    }

    /** Σ_ij c_i c_j E[u^i v^j], exactly; with abs, the same sum over |c| and |k12| (the condition A). */
    private static BigDecimal wick(double[] c, double k12, double k11, double k22, boolean abs) {
        BigDecimal s = BigDecimal.ZERO;
        BigDecimal b12 = new BigDecimal(abs ? Math.abs(k12) : k12);
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                BigDecimal ci = new BigDecimal(abs ? Math.abs(c[i]) : c[i]);
                BigDecimal cj = new BigDecimal(abs ? Math.abs(c[j]) : c[j]);
                s = s.add(ci.multiply(cj).multiply(moment(i, j, b12, new BigDecimal(k11), new BigDecimal(k22))));
            }
        }
        return s;
    }

    private static void check(Polynomial p, double k12, double k11, double k22) {
        double[] c = p.coefficients();
        double[] dc = derivative(c);
        String at = p.describe() + " at k12 " + k12 + ", k11 " + k11 + ", k22 " + k22;
        double want = wick(c, k12, k11, k22, false).round(MathContext.DECIMAL64).doubleValue();
        double cond = wick(c, k12, k11, k22, true).doubleValue();
        assertEquals(want, p.nngp(k12, k11, k22), 40 * U * cond, at + ": NNGP");
        double wantT = wick(dc, k12, k11, k22, false).round(MathContext.DECIMAL64).doubleValue();
        double condT = wick(dc, k12, k11, k22, true).doubleValue();
        assertEquals(wantT, p.tdot(k12, k11, k22), 40 * U * condT, at + ": Ṫ");
    }

    @Test
    void monomialsAndPolynomialsMatchIsserlisMoments() {
        double[][] pairs = {{0.3, 0.5, 0.7}, {-1.9, 2.5, 1.6}, {0.0, 1.0, 3.0}, {4.0, 4.0, 4.0}, {1e-3, 2e-3, 7e-4},
            {0.0, 0.0, 2.0}, {0.0, 0.0, 0.0}, {-7.5, 9.0, 6.5}};
        double[][] polys = {{0.25, 1, -0.5, 0.125}, {1, -2, 0, 0.5, 0, 0, 0, 0, -0.01}, {-1, 0, 1}, {0, 0, 0, 0, 0, 3},
            {2}, {0.5, 0}};
        for (double[] k : pairs) {
            for (int order = 0; order <= 8; order++) {
                check(Polynomial.monomial(order), k[0], k[1], k[2]);
            }
            for (double[] c : polys) {
                check(Polynomial.of(c), k[0], k[1], k[2]);
            }
        }
    }

    /** E[u² v²] = k11 k22 + 2 k12² and E[u³ v³] = 9 k11 k22 k12 + 6 k12³, the textbook cases. */
    @Test
    void lowOrdersAreTheTextbookMoments() {
        Polynomial sq = Polynomial.monomial(2);
        assertEquals(0.5 * 0.75 + 2 * 0.25 * 0.25, sq.nngp(0.25, 0.5, 0.75), 4 * U);
        assertEquals(4 * 0.25, sq.tdot(0.25, 0.5, 0.75), 0.0);
        Polynomial cube = Polynomial.monomial(3);
        assertEquals(9 * 0.5 * 0.75 * 0.25 + 6 * 0.25 * 0.25 * 0.25, cube.nngp(0.25, 0.5, 0.75), 8 * U);
        // zero variance: φ(0)² exactly, and Ṫ = φ'(0)²
        assertEquals(0.0, cube.nngp(0, 0, 0), 0.0);
        Polynomial p = Polynomial.of(0.25, 1, -0.5, 0.125);
        assertEquals(0.0625, p.nngp(0, 0, 0), 0.0);
        assertEquals(1.0, p.tdot(0, 0, 0), 0.0);
        assertEquals(0.0, Polynomial.monomial(0).tdot(0.3, 1, 1), 0.0);
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        assertEquals("monomial takes an integer order K in 0 .. 8, got 9",
                assertThrows(IllegalArgumentException.class, () -> Stax.parse("dense,monomial(9),dense")).getMessage()
                        .replaceAll(".*: ", ""));
        assertThrows(IllegalArgumentException.class, () -> Stax.parse("dense,monomial(1.5),dense"));
        assertThrows(IllegalArgumentException.class, () -> Stax.parse("dense,polynomial,dense"));
        assertThrows(IllegalArgumentException.class, () -> Stax.parse("dense,polynomial(1,1,1,1,1,1,1,1,1,1),dense"));
        assertEquals("polynomial(0.25, 1, -0.5)", Stax.parse("dense, Polynomial(0.25,1,-0.5), dense").layers().get(1).describe());
        assertEquals(Stax.parse("dense,monomial(3),dense"), Stax.parse(Stax.parse("dense,monomial(3),dense").toString()));
    }
}
