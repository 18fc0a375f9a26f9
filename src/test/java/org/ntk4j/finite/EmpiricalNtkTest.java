package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Stax;
import org.ntk4j.simd.Simd;

/**
 * The empirical NTK against an independent per-example reference ({@link ReferenceGradients}), the
 * two methods against each other, and the identities between the three modes.
 *
 * <p>Tolerances. Every entry is a sum over the P parameters of products ∂f_a(x)/∂p ∂f_b(x')/∂p,
 * and by Cauchy–Schwarz Σ_p |terms| ≤ ‖∇f_a(x)‖ ‖∇f_b(x')‖ =: scale_ab. Any summation order is
 * within γ_{P+k} · scale of the exact sum (Higham, Thm 3.1; k covers the few roundings inside a
 * product and a back-propagated signal, which is itself a sum of ≤ W terms of a few roundings per
 * layer). So two correct implementations differ by at most about 2 (P + L·W + 16) u · scale per
 * entry; erf's activation adds ≤ 4 ulp per unit (vector vs scalar) times the network's gain, far
 * inside the 1e-10 relative the issue asks for.
 */
class EmpiricalNtkTest {

    private static final double U = Math.ulp(1.0) / 2;

    @TempDir
    Path dir;

    private static final Activation[] ACTS = {Stax.relu(), Stax.erf(), Stax.step(), Stax.abRelu(-0.3, 1.2)};

    private static EmpiricalNtk engine(EmpiricalNtk.Method m, int threads) {
        return EmpiricalNtk.builder().method(m).threads(threads).build();
    }

    /** A loaded network with uneven widths, so that a transposed index would show. */
    private Mlp loaded(int depth, int outputs, Activation phi, double wStd, double bStd, long seed) throws IOException {
        int[] widths = new int[depth + 2];
        widths[0] = 5;
        for (int l = 1; l <= depth; l++) {
            widths[l] = 6 + 3 * l;
        }
        widths[depth + 1] = outputs;
        Path d = Files.createDirectories(dir.resolve("p" + seed));
        FiniteFixtures.writeParams(d, widths, seed);
        return Params.load(Stax.mlp(depth, phi, wStd, bStd), d);
    }

    @Test
    void fullAndLogitsMatchTheIndependentReferenceOnLoadedParameters() throws IOException {
        long seed = 1;
        for (Activation phi : ACTS) {
            for (int depth = 0; depth <= 3; depth++) {
                for (int outputs : new int[] {1, 3}) {
                    double wStd = 1.3;
                    double bStd = 0.2;
                    Mlp mlp = loaded(depth, outputs, phi, wStd, bStd, seed++);
                    ReferenceGradients ref = FiniteFixtures.reference(mlp, phi, wStd, bStd);
                    DMatrixRMaj x1 = FiniteFixtures.gaussian(4, 5, seed++);
                    DMatrixRMaj x2 = FiniteFixtures.gaussian(3, 5, seed++);
                    for (EmpiricalNtk.Method m : EmpiricalNtk.Method.values()) {
                        String where = phi.describe() + " depth " + depth + " O " + outputs + " " + m;
                        FullNtk full = engine(m, 2).full(mlp, x1, x2);
                        DMatrixRMaj logits = engine(m, 2).logits(mlp, x1, x2);
                        DMatrixRMaj trace = engine(m, 2).trace(mlp, x1, x2);
                        double[] wantFull = new double[full.data().length];
                        double[] wantLogits = new double[x1.numRows * x2.numRows];
                        double[] wantTrace = new double[wantLogits.length];
                        double[] ones = new double[outputs];
                        java.util.Arrays.fill(ones, 1.0);
                        for (int i = 0; i < x1.numRows; i++) {
                            for (int j = 0; j < x2.numRows; j++) {
                                double[] xi = FiniteFixtures.row(x1, i);
                                double[] xj = FiniteFixtures.row(x2, j);
                                for (int a = 0; a < outputs; a++) {
                                    for (int b = 0; b < outputs; b++) {
                                        wantFull[((i * x2.numRows + j) * outputs + a) * outputs + b] =
                                                ReferenceGradients.dot(ref.gradientOfOutput(xi, a), ref.gradientOfOutput(xj, b));
                                    }
                                    wantTrace[i * x2.numRows + j] += wantFull[((i * x2.numRows + j) * outputs + a) * outputs + a] / outputs;
                                }
                                wantLogits[i * x2.numRows + j] =
                                        ReferenceGradients.dot(ref.gradient(xi, ones), ref.gradient(xj, ones)) / outputs;
                            }
                        }
                        // 1e-10: the bound; the class comment shows round-off stays ~1e-14
                        assertTrue(FiniteFixtures.relFrobenius(full.data(), wantFull) <= 1e-10, where + " FULL");
                        assertTrue(FiniteFixtures.relFrobenius(logits.data, wantLogits) <= 1e-10, where + " LOGITS");
                        assertTrue(FiniteFixtures.relFrobenius(trace.data, wantTrace) <= 1e-10, where + " TRACE");
                    }
                }
            }
        }
    }

    @Test
    void structuredEqualsJacobianToRoundOff() throws IOException {
        long seed = 100;
        for (Activation phi : ACTS) {
            for (int depth : new int[] {1, 2, 4}) {
                int outputs = 4;
                Mlp mlp = loaded(depth, outputs, phi, 1.5, 0.1, seed++);
                ReferenceGradients ref = FiniteFixtures.reference(mlp, phi, 1.5, 0.1);
                DMatrixRMaj x1 = FiniteFixtures.gaussian(6, 5, seed++);
                DMatrixRMaj x2 = FiniteFixtures.gaussian(5, 5, seed++);
                FullNtk s = engine(EmpiricalNtk.Method.STRUCTURED, 1).full(mlp, x1, x2);
                FullNtk j = engine(EmpiricalNtk.Method.JACOBIAN, 1).full(mlp, x1, x2);
                int p = ref.parameters();
                int maxWidth = 6 + 3 * depth;
                double bound = 2 * (p + depth * maxWidth + 16) * U;
                for (int i = 0; i < 6; i++) {
                    for (int k = 0; k < 5; k++) {
                        for (int a = 0; a < outputs; a++) {
                            for (int b = 0; b < outputs; b++) {
                                double scale = ReferenceGradients.norm(ref.gradientOfOutput(FiniteFixtures.row(x1, i), a))
                                        * ReferenceGradients.norm(ref.gradientOfOutput(FiniteFixtures.row(x2, k), b));
                                double diff = Math.abs(s.get(i, k, a, b) - j.get(i, k, a, b));
                                assertTrue(diff <= bound * scale, phi.describe() + " depth " + depth + " (" + i + ","
                                        + k + "," + a + "," + b + "): " + diff / (U * scale) + " u of scale");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void logitsAndTraceAreTheSumAndTraceOfFull() throws IOException {
        Mlp mlp = loaded(3, 5, Stax.erf(), 1.2, 0.3, 7);
        DMatrixRMaj x1 = FiniteFixtures.gaussian(7, 5, 8);
        DMatrixRMaj x2 = FiniteFixtures.gaussian(4, 5, 9);
        EmpiricalNtk e = EmpiricalNtk.defaults();
        FullNtk full = e.full(mlp, x1, x2);
        // both sides are the same O² (or O) sums of J_a·J'_b in other orders: |Δ| ≤ 2 γ_{P+k} Σ|terms|,
        // and Σ|terms| ≤ O · max diag scale ≤ O · max|Θ_aa| · (small): 1e-13 · max|Θ| leaves room
        double max = 0;
        for (double v : full.data()) {
            max = Math.max(max, Math.abs(v));
        }
        assertArrayEquals(full.logitSum().data, e.logits(mlp, x1, x2).data, 1e-13 * max * 5);
        assertArrayEquals(full.trace().data, e.trace(mlp, x1, x2).data, 1e-13 * max);
        // and the comparison figure is the documented Frobenius ratio
        DMatrixRMaj logits = e.logits(mlp, x1, x2);
        double num = 0;
        double den = 0;
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 4; j++) {
                for (int a = 0; a < 5; a++) {
                    for (int b = 0; b < 5; b++) {
                        double t = full.get(i, j, a, b);
                        double d = t - (a == b ? logits.get(i, j) : 0);
                        num += d * d;
                        den += t * t;
                    }
                }
            }
        }
        assertEquals(Math.sqrt(num / den), full.relativeErrorOf(logits), 1e-14);
    }

    @Test
    void symmetricCallEqualsCrossCallAndIsSymmetric() throws IOException {
        Mlp mlp = loaded(2, 3, Stax.relu(), 1.4, 0.1, 11);
        DMatrixRMaj x = FiniteFixtures.gaussian(9, 5, 12);
        for (EmpiricalNtk.Method m : EmpiricalNtk.Method.values()) {
            FullNtk self = engine(m, 2).full(mlp, x);
            FullNtk cross = engine(m, 2).full(mlp, x, x);
            assertArrayEquals(cross.data(), self.data(), 0.0, m + ": x2 = null is x2 = x1");
            for (int i = 0; i < 9; i++) {
                for (int j = 0; j < 9; j++) {
                    for (int a = 0; a < 3; a++) {
                        for (int b = 0; b < 3; b++) {
                            // fma(a, b, c) = fma(b, a, c): the Gram is symmetric to the bit
                            assertEquals(self.get(i, j, a, b), self.get(j, i, b, a), 0.0, m + " symmetry");
                        }
                    }
                }
            }
        }
    }

    @Test
    void bitsDoNotDependOnThreadsAndScalarAgreesWithVector() {
        org.ntk4j.kernel.Network net = Stax.mlp(3, Stax.erf(), 1.3, 0.2);
        Mlp mlp = Mlp.init(net, new Mlp.Shape(7, 150, 3), 5);   // 150: several Gram tiles per layer
        DMatrixRMaj x1 = FiniteFixtures.gaussian(130, 7, 1);
        DMatrixRMaj x2 = FiniteFixtures.gaussian(11, 7, 2);
        for (EmpiricalNtk.Mode mode : EmpiricalNtk.Mode.values()) {
            double[] one = run(mode, mlp, x1, x2, 1, Simd.Impl.VECTOR);
            for (int t : new int[] {2, 3}) {
                assertArrayEquals(one, run(mode, mlp, x1, x2, t, Simd.Impl.VECTOR), 0.0, mode + " threads " + t);
            }
            double[] scalar = run(mode, mlp, x1, x2, 2, Simd.Impl.SCALAR);
            // vector vs scalar: erf within 4 ulp per unit and Gram order, propagated through 3 layers
            assertTrue(FiniteFixtures.relFrobenius(scalar, one) <= 1e-12, mode + " scalar vs vector");
        }
    }

    private static double[] run(EmpiricalNtk.Mode mode, Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2, int threads, Simd.Impl impl) {
        EmpiricalNtk e = EmpiricalNtk.builder().threads(threads).impl(impl).build();
        return switch (mode) {
            case FULL -> e.full(mlp, x1, x2).data();
            case LOGITS -> e.logits(mlp, x1, x2).data;
            case TRACE -> e.trace(mlp, x1, x2).data;
        };
    }

    @Test
    void fullKernelInSeveralBlocksOfInputsIsTheRowByRowKernelBitForBit() {
        // addFull holds 2^22 doubles of signal Gram at a time: O = 10, n2 = 500 give blocks of
        // 2^22 / (O² n2) = 83 inputs, so n1 = 100 is a block of 83 and a tail of 17. Every entry
        // is the same chain of products whichever block holds it (relu: exact in both kernels).
        Mlp mlp = Mlp.init(Stax.mlp(1, Stax.relu(), 1.3, 0.2), new Mlp.Shape(2, 3, 10), 8);
        DMatrixRMaj x1 = FiniteFixtures.gaussian(100, 2, 3);
        DMatrixRMaj x2 = FiniteFixtures.gaussian(500, 2, 4);
        double[] blocked = engine(EmpiricalNtk.Method.STRUCTURED, 2).full(mlp, x1, x2).data();
        EmpiricalNtk one = engine(EmpiricalNtk.Method.STRUCTURED, 1);
        int rowLength = 500 * 10 * 10;
        for (int i = 0; i < 100; i++) {
            DMatrixRMaj xi = new DMatrixRMaj(1, 2, true, FiniteFixtures.row(x1, i));
            double[] want = one.full(mlp, xi, x2).data();
            double[] got = java.util.Arrays.copyOfRange(blocked, i * rowLength, (i + 1) * rowLength);
            assertArrayEquals(want, got, 0.0, "input " + i);
        }
    }

    @Test
    void jacobianInSeveralChunksOfParameterRowsEqualsStructured() {
        // the Jacobian method builds 2^21 / ((n1 + n2) R (n_0 + 1)) rows of W_0 at a time: with
        // n_0 = 1023, n1 = n2 = 2 that is 512 of 600 rows for LOGITS (R = 1) and 170 for TRACE
        // (R = O = 3), so the last chunk is short. Tolerance as in the class comment: each entry
        // within 2 (P + L·W + 16) u of the Cauchy–Schwarz scale √(K(x, x) K(x', x')).
        Mlp mlp = Mlp.init(Stax.mlp(1, Stax.relu(), 1.1, 0.3), new Mlp.Shape(1023, 600, 3), 6);
        DMatrixRMaj x1 = FiniteFixtures.gaussian(2, 1023, 7);
        DMatrixRMaj x2 = FiniteFixtures.gaussian(2, 1023, 8);
        double tol = 2 * (mlp.parameterCount() + 600 + 16) * U;
        for (EmpiricalNtk.Mode mode : new EmpiricalNtk.Mode[] {EmpiricalNtk.Mode.LOGITS, EmpiricalNtk.Mode.TRACE}) {
            double[] jac = run(mode, engine(EmpiricalNtk.Method.JACOBIAN, 1), mlp, x1, x2);
            EmpiricalNtk structured = engine(EmpiricalNtk.Method.STRUCTURED, 1);
            double[] want = run(mode, structured, mlp, x1, x2);
            double[] k11 = run(mode, structured, mlp, x1, null);
            double[] k22 = run(mode, structured, mlp, x2, null);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    double scale = Math.sqrt(k11[i * 3] * k22[j * 3]);
                    assertEquals(want[i * 2 + j], jac[i * 2 + j], tol * scale, mode + " " + i + "," + j);
                }
            }
        }
    }

    private static double[] run(EmpiricalNtk.Mode mode, EmpiricalNtk e, Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2) {
        return mode == EmpiricalNtk.Mode.LOGITS ? e.logits(mlp, x1, x2).data : e.trace(mlp, x1, x2).data;
    }

    @Test
    void aFullKernelTooLargeIsRefusedWithItsSize() {
        Mlp mlp = Mlp.init(Stax.mlp(1, Stax.relu(), 1, 0), new Mlp.Shape(2, 4, 100), 1);
        DMatrixRMaj big = new DMatrixRMaj(3000, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmpiricalNtk.defaults().full(mlp, big));
        assertTrue(e.getMessage().contains("(3000, 3000, 100, 100)") && e.getMessage().contains("GiB"), e.getMessage());
        // fits an array (2·10^9 entries... no: 20000² · 2² = 1.6e9) but not the heap: refused up front too
        Mlp two = Mlp.init(Stax.mlp(1, Stax.relu(), 1, 0), new Mlp.Shape(2, 4, 2), 1);
        DMatrixRMaj many = new DMatrixRMaj(20000, 2);
        long heap = Runtime.getRuntime().maxMemory();
        if (heap < 8L * 20000 * 20000 * 4) {
            IllegalArgumentException h = assertThrows(IllegalArgumentException.class,
                    () -> EmpiricalNtk.defaults().full(two, many));
            assertTrue(h.getMessage().contains("11.9 GiB") && h.getMessage().contains("heap"), h.getMessage());
        }
    }

    @Test
    void badInputsAreRefusedAtTheDoor() {
        Mlp mlp = Mlp.init(Stax.mlp(1, Stax.relu(), 1, 0), new Mlp.Shape(3, 4, 2), 1);
        DMatrixRMaj wrong = new DMatrixRMaj(2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmpiricalNtk.defaults().logits(mlp, wrong));
        assertTrue(e.getMessage().contains("2 x 4") && e.getMessage().contains("3 inputs"), e.getMessage());
        DMatrixRMaj nan = new DMatrixRMaj(2, 3);
        nan.set(1, 2, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> EmpiricalNtk.defaults().logits(mlp, FiniteFixtures.gaussian(2, 3, 1), nan));
        assertTrue(e.getMessage().contains("x2 row 1, column 2 is NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmpiricalNtk.Mode.parse("diag"));
        assertThrows(IllegalArgumentException.class, () -> EmpiricalNtk.Method.parse("autodiff"));
    }
}
