package org.ntk4j.simd;

import org.ntk4j.kernel.ABRelu;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Cos;
import org.ntk4j.kernel.Erf;
import org.ntk4j.kernel.Exp;
import org.ntk4j.kernel.Gaussian;
import org.ntk4j.kernel.Gelu;
import org.ntk4j.kernel.Polynomial;
import org.ntk4j.kernel.RectifiedMonomial;
import org.ntk4j.kernel.Sign;
import org.ntk4j.kernel.Sin;
import org.ntk4j.kernel.Step;

/**
 * The per-input factors a vector pass reads from the diagonal k entering its activation, so that
 * no entry needs its own square root of a product. Computed here, in plain Java with correctly
 * rounded operations, so the tables of both implementations have the same bits.
 */
final class Factors {

    /** Arc-cosine family: slot of q = sqrt(k) and of r = 1/q. */
    static final int Q = 0, R = 1;
    /** erf: slot of u = 1/sqrt(1 + 2k) and of the bound b = min(sqrt(2k) u (1 + 2^-49), 1). */
    static final int U = 0, BOUND = 1;
    /**
     * gelu: slot of u = 1/sqrt(1 + k) and of the bound b = min(sqrt(k) u (1 + 2^-49), 1) of its
     * arcsine argument k12/sqrt((1 + k11)(1 + k22)) (same slots as erf's, with k in place of 2k).
     */
    static final int GELU_U = 0, GELU_BOUND = 1;
    /**
     * polynomials: slot m of b_m(k), m = 0 .. degree, then slot degree + 1 + m of φ''s b_m(k)
     * ({@link Polynomial#hermiteFactors}).
     */
    static final int POLY = 0;
    /** sin and cos: slot of h = e^(−k/2), so e^(−(k11 + k22)/2) = h1 h2. */
    static final int H = 0;

    private Factors() {
    }

    /** How many factors per input op a needs. */
    static int slots(Activation a) {
        return switch (a) {
            case ABRelu r -> r.a() == r.b() ? 0 : 2;
            case Step s -> 2;
            case Sign s -> 2;
            case RectifiedMonomial r -> 2;
            case Erf e -> 2;
            case Gelu g -> 2;
            case Sin s -> 1;
            case Cos c -> 1;
            case Gaussian g -> 0;
            case Exp e -> 0;
            case Polynomial q -> q.degree() + q.derivativeDegree() + 2;
        };
    }

    /**
     * Writes op a's factors of the n inputs whose diagonals k[kOff .. kOff + n) enter it, slot s of
     * input i at out[s n + i]. out: modified.
     */
    static void compute(Activation a, double[] k, int kOff, int n, double[] out) {
        switch (a) {
            case ABRelu r -> arcCosine(k, kOff, n, out);
            case Step s -> arcCosine(k, kOff, n, out);
            case Sign s -> arcCosine(k, kOff, n, out);
            case RectifiedMonomial r -> arcCosine(k, kOff, n, out);
            case Gelu g -> {
                for (int i = 0; i < n; i++) {
                    double u = 1 / Math.sqrt(1 + k[kOff + i]);
                    out[GELU_U * n + i] = u;
                    out[GELU_BOUND * n + i] = Math.min(Math.sqrt(k[kOff + i]) * u * (1 + 0x1p-49), 1.0);
                }
            }
            case Sin s -> halfExponentials(k, kOff, n, out);
            case Cos c -> halfExponentials(k, kOff, n, out);
            case Gaussian g -> {
            }
            case Exp e -> {
            }
            case Polynomial q -> {
                for (int i = 0; i < n; i++) {
                    q.hermiteFactors(k[kOff + i], out, i, n);
                }
            }
            case Erf e -> {
                for (int i = 0; i < n; i++) {
                    double u = 1 / Math.sqrt(1 + 2 * k[kOff + i]);
                    out[U * n + i] = u;
                    // b² is the diagonal's arcsine argument s = 2k/(1 + 2k) widened by 2^-48, so
                    // b1 b2 ≤ 1 is the Cauchy–Schwarz bound of an off-diagonal one
                    out[BOUND * n + i] = Math.min(Math.sqrt(2 * k[kOff + i]) * u * (1 + 0x1p-49), 1.0);
                }
            }
        }
    }

    private static void halfExponentials(double[] k, int kOff, int n, double[] out) {
        for (int i = 0; i < n; i++) {
            out[H * n + i] = StrictMath.exp(-0.5 * k[kOff + i]);
        }
    }

    private static void arcCosine(double[] k, int kOff, int n, double[] out) {
        for (int i = 0; i < n; i++) {
            double q = Math.sqrt(k[kOff + i]);
            out[Q * n + i] = q;
            out[R * n + i] = 1 / q;
        }
    }
}
