package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ntk4j.simd.Simd;

/**
 * Kernels against values derived by hand. Tolerance: a handful of ulps of the result (each value
 * passes through ~10 correctly rounded operations and one arccos/arcsine of ≤ 2 ulp).
 */
class ClosedFormTest {

    private static final double TOL = 1e-15;

    private static Kernels kernels(Simd.Impl impl, Network net, double[][] rows) {
        return KernelEngine.builder().impl(impl).build().compute(net, new DMatrixRMaj(rows));
    }

    /**
     * Depth-1 ReLU, w = 1, b = 0, d = 2, x = (1, 0), x' = (0, 1), x'' = (1, 1): K0 = x·x'/2, so
     * k11 = 1/2, k''= 1, and the arc-cosine kernel gives (Cho &amp; Saul 2009, halved):
     * θ(x, x') = π/2: K = sqrt(1/4)/(2π) = 1/(4π), Ṫ = 1/4, Θ = K + Ṫ · 0;
     * θ(x, x'') = π/4: K = (1/√2)/(2π) (1/√2)(1 + 3π/4) = 1/(4π) + 3/16, Ṫ = 3/8, Θ = K + 3/8 · 1/2;
     * θ(x, x) = 0: K = 1/4, Θ = 1/4 + 1/2 · 1/2.
     */
    @ParameterizedTest
    @EnumSource(value = Simd.Impl.class, names = {"SCALAR", "VECTOR"})
    void reluDepthOneIsTheArcCosineKernel(Simd.Impl impl) {
        Kernels k = kernels(impl, Stax.mlp(1, Stax.relu(), 1.0, 0.0), new double[][] {{1, 0}, {0, 1}, {1, 1}});
        double quarterPi = 1 / (4 * Math.PI);
        assertEquals(quarterPi, k.nngp().get(0, 1), TOL);
        assertEquals(quarterPi, k.ntk().get(0, 1), TOL);
        assertEquals(quarterPi + 3.0 / 16, k.nngp().get(0, 2), TOL);
        assertEquals(quarterPi + 3.0 / 16 + 3.0 / 16, k.ntk().get(0, 2), TOL);
        assertEquals(0.25, k.nngp().get(0, 0), TOL);
        assertEquals(0.5, k.ntk().get(0, 0), TOL);
        assertEquals(0.5, k.nngp().get(2, 2), TOL); // |x''|²/2 = 1, halved by the ReLU
    }

    /**
     * Depth-1 erf, w = 1, b = 0, d = 2, x = (1, 0): K0(x, x) = 1/2, so the arcsine kernel
     * (Williams 1997) gives K = (2/π) arcsin(1/2) = 1/3, Ṫ = (4/π)/sqrt(2·2 − 1) = 4/(π√3),
     * Θ = 1/3 + 4/(π√3) · 1/2. For x' = (0, 1): K0 = 0, so K = 0 and Θ = 0.
     */
    @ParameterizedTest
    @EnumSource(value = Simd.Impl.class, names = {"SCALAR", "VECTOR"})
    void erfDepthOneIsTheArcSineKernel(Simd.Impl impl) {
        Kernels k = kernels(impl, Stax.mlp(1, Stax.erf(), 1.0, 0.0), new double[][] {{1, 0}, {0, 1}});
        assertEquals(1.0 / 3, k.nngp().get(0, 0), TOL);
        assertEquals(1.0 / 3 + 2 / (Math.PI * Math.sqrt(3)), k.ntk().get(0, 0), TOL);
        assertEquals(0.0, k.nngp().get(0, 1), TOL);
        assertEquals(0.0, k.ntk().get(0, 1), TOL);
    }

    /**
     * ReLU with b = 0 on the diagonal: each layer halves the variance and multiplies by w², so
     * K_L(x, x) = (w²/2)^L · w² |x|²/d, and Θ_L(x, x) = (L + 1) K_L(x, x) (each layer adds one
     * copy of K_L to the NTK).
     */
    @ParameterizedTest
    @EnumSource(value = Simd.Impl.class, names = {"SCALAR", "VECTOR"})
    void reluDiagonalRecursionWithoutBias(Simd.Impl impl) {
        double w = 1.7;
        double[][] rows = {{0.3, -1.2, 2.5}, {4, 0, 1}};
        for (int depth = 0; depth <= 12; depth++) {
            Kernels k = kernels(impl, Stax.mlp(depth, Stax.relu(), w, 0.0), rows);
            for (int i = 0; i < rows.length; i++) {
                double sq = ReferenceKernels.dot(rows[i], rows[i]);
                double expect = Math.pow(w * w / 2, depth) * w * w * sq / 3;
                assertEquals(expect, k.nngp().get(i, i), 4 * (depth + 2) * Math.ulp(expect), "depth " + depth);
                assertEquals((depth + 1) * expect, k.ntk().get(i, i), 8 * (depth + 2) * Math.ulp((depth + 1) * expect),
                        "depth " + depth);
                assertEquals(k.nngp().get(i, i), k.diag1().nngp()[i], 0.0, "diagonal table == matrix diagonal");
            }
        }
    }

    /** ABRelu(1, 1) is the identity, so the kernels are those of a linear network. */
    @ParameterizedTest
    @EnumSource(value = Simd.Impl.class, names = {"SCALAR", "VECTOR"})
    void identityActivationGivesLinearNetworkKernels(Simd.Impl impl) {
        double w = 1.3;
        double b = 0.4;
        int depth = 3;
        double[][] rows = {{0.3, -1.2, 2.5}, {4, 0, 1}, {0, 0, 0}};
        Kernels k = kernels(impl, Stax.mlp(depth, Stax.identity(), w, b), rows);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // K_{l+1} = w² K_l + b², Θ_{l+1} = K_{l+1} + w² Θ_l, K_0 = Θ_0 = w² x·x'/d + b²
                double kk = w * w * ReferenceKernels.dot(rows[i], rows[j]) / 3 + b * b;
                double tt = kk;
                for (int l = 0; l < depth; l++) {
                    kk = w * w * kk + b * b;
                    tt = kk + w * w * tt;
                }
                assertEquals(kk, k.nngp().get(i, j), 1e-14 * Math.abs(kk) + 1e-15);
                assertEquals(tt, k.ntk().get(i, j), 1e-14 * Math.abs(tt) + 1e-15);
            }
        }
    }
}
