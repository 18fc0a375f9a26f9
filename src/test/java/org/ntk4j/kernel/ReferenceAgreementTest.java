package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntk4j.simd.Simd;

/**
 * Both implementations against an independent textbook implementation, on inputs with nearly
 * parallel pairs and norms over four decades. Bounds: the NNGP's derivative in θ vanishes as
 * θ → 0, so it stays near round-off (1e-10 relative, max-norm); the NTK's derivative term
 * (π − θ)/(2π) inherits arccos's conditioning at cos θ → 1, where one ulp of cos θ moves θ by
 * ~1e-8, hence 2e-8.
 */
class ReferenceAgreementTest {

    @ParameterizedTest(name = "{0} depth {1} w {2} b {3} {4}")
    @CsvSource({
        "relu, 1, 1.0, 0.0, scalar", "relu, 1, 1.0, 0.0, vector",
        "relu, 3, 1.5, 0.05, scalar", "relu, 3, 1.5, 0.05, vector",
        "relu, 10, 1.3, 0.2, vector", "relu, 10, 1.3, 0.2, scalar",
        "erf, 1, 1.0, 0.0, vector", "erf, 3, 1.2, 0.3, scalar", "erf, 3, 1.2, 0.3, vector",
        "erf, 8, 2.0, 0.1, vector",
        "step, 2, 1.0, 0.1, vector", "step, 2, 1.0, 0.1, scalar",
        "abrelu, 3, 1.1, 0.1, vector", "abrelu, 3, 1.1, 0.1, scalar",
    })
    void matchesIndependentImplementation(String act, int depth, double w, double b, String impl) {
        DMatrixRMaj x1 = TestInputs.hard(37, 13, 11);
        DMatrixRMaj x2 = TestInputs.hard(21, 13, 12);
        double sa = -0.3;
        double sb = 1.7;
        Network net = Stax.mlp(depth, (act.equals("abrelu") ? Stax.abRelu(sa, sb) : Stax.activation(act)), w, b);
        KernelEngine engine = KernelEngine.builder().impl(Simd.Impl.parse(impl)).build();
        for (DMatrixRMaj y : new DMatrixRMaj[] {null, x2}) {
            Kernels k = engine.compute(net, x1, y);
            double[][] other = TestInputs.rows(y == null ? x1 : y);
            double[][][] ref = ReferenceKernels.mlp(TestInputs.rows(x1), other, depth, act, sa, sb, w, b);
            double eK = TestInputs.relMaxErr(k.nngp(), ref[0]);
            double eT = TestInputs.relMaxErr(k.ntk(), ref[1]);
            assertTrue(eK <= 1e-10, "NNGP relative max error " + eK);
            assertTrue(eT <= 2e-8, "NTK relative max error " + eT);
        }
    }
}
