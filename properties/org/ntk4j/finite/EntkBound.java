package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.U;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.simd.Simd;

/**
 * How far two correct contractions of the same eNTK may differ (the analysis of EmpiricalNtkTest):
 * an entry is a sum over the P parameters of J_a(x)_p J_b(x')_p, and by Cauchy–Schwarz
 * Σ_p |terms| ≤ ‖J_a(x)‖ ‖J_b(x')‖ = sqrt(Θ_aa(x, x) Θ_bb(x', x')) =: scale. Any summation order
 * is within γ_{P+k} · scale of the exact sum (Higham, Accuracy and Stability, Thm 3.1), k covering
 * the few roundings in a product and in a back-propagated signal (a sum of ≤ W terms per layer):
 * two orders differ by ≤ 2 (P + L·W + 16) u · scale. LOGITS and TRACE have the same bound with
 * their own diagonals ((1/O) Σ_a ‖J_a‖‖J'_a‖ ≤ sqrt(T(x, x) T(x', x')) by Cauchy–Schwarz over a).
 */
final class EntkBound {

    private static final EmpiricalNtk REFERENCE = EmpiricalNtk.builder().method(EmpiricalNtk.Method.JACOBIAN)
            .impl(Simd.Impl.SCALAR).threads(1).build();

    private EntkBound() {
    }

    /** 2 (P + L·W + 16) u. */
    static double factor(Mlp mlp) {
        int maxWidth = 0;
        for (int l = 1; l <= mlp.depth(); l++) {
            maxWidth = Math.max(maxWidth, mlp.width(l));
        }
        return 2.0 * (mlp.parameterCount() + (long) mlp.depth() * maxWidth + 16) * U;
    }

    /** The kernel of x against itself in mode, by the reference contraction, flat. */
    static double[] self(Mlp mlp, DMatrixRMaj x, EmpiricalNtk.Mode mode) {
        return switch (mode) {
            case FULL -> REFERENCE.full(mlp, x).data();
            case LOGITS -> REFERENCE.logits(mlp, x).data;
            case TRACE -> REFERENCE.trace(mlp, x).data;
        };
    }

    /** Asserts |got − want| ≤ factor · scale for every entry of the (x1, x2) kernel in mode. */
    static void assertWithin(String what, Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2, EmpiricalNtk.Mode mode,
                             double[] got, double[] want) {
        double f = factor(mlp);
        int n1 = x1.numRows;
        int n2 = x2.numRows;
        int o = mode == EmpiricalNtk.Mode.FULL ? mlp.outputs() : 1;
        double[] s1 = self(mlp, x1, mode);
        double[] s2 = self(mlp, x2, mode);
        assertTrue(got.length == want.length && got.length == n1 * n2 * o * o, what + ": lengths " + got.length
                + " and " + want.length);
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n2; j++) {
                for (int a = 0; a < o; a++) {
                    for (int b = 0; b < o; b++) {
                        double d1 = s1[((i * n1 + i) * o + a) * o + a];
                        double d2 = s2[((j * n2 + j) * o + b) * o + b];
                        int at = ((i * n2 + j) * o + a) * o + b;
                        double diff = Math.abs(got[at] - want[at]);
                        double scale = Math.sqrt(Math.abs(d1 * d2));
                        assertTrue(diff <= f * scale, what + " " + mode + " (" + i + ", " + j + ", " + a + ", " + b + "): "
                                + got[at] + " vs " + want[at] + ", " + diff / (U * scale) + " u of scale, bound "
                                + f / U + " u");
                    }
                }
            }
        }
    }
}
