package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.firstDifference;
import static org.ntk4j.Numerics.sameBits;
import static org.ntk4j.Numerics.transpose;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.ntk4j.simd.Simd;
import org.quicktheories.generators.Generate;

/**
 * Kernels are symmetric functions of their two inputs, and every path to an entry gives the same
 * bits: each entry is a fixed sequence of IEEE operations whose inputs (x·x', k11, k22) swap
 * exactly (a·b = b·a, and sqrt(k11 k22), k11 + k22 are symmetric), so no tolerance is needed.
 */
class SymmetryProperties {

    static Kernels kernels(Simd.Impl impl, Network net, DMatrixRMaj x1, DMatrixRMaj x2) {
        return KernelEngine.builder().impl(impl).threads(1).build().compute(net, x1, x2);
    }

    @Test
    void swappingTheInputsTransposesTheKernelsBitForBit() {
        Gens.qt(150).forAll(Gens.networks(5), Gens.inputPairs(12, 11), Generate.enumValues(Impls.class))
                .checkAssert((mlp, p, impl) -> {
                    Kernels k12 = kernels(impl.impl, mlp.network(), p.x1().toEjml(), p.x2().toEjml());
                    Kernels k21 = kernels(impl.impl, mlp.network(), p.x2().toEjml(), p.x1().toEjml());
                    assertTrue(sameBits(k12.nngp(), transpose(k21.nngp())),
                            "NNGP: " + firstDifference(k12.nngp(), transpose(k21.nngp())));
                    assertTrue(sameBits(k12.ntk(), transpose(k21.ntk())),
                            "NTK: " + firstDifference(k12.ntk(), transpose(k21.ntk())));
                });
    }

    @Test
    void theSelfKernelPathEqualsTheCrossPathWithX2EqualX1BitForBit() {
        Gens.qt(150).forAll(Gens.networks(5), Gens.inputs(20, 11), Generate.enumValues(Impls.class))
                .checkAssert((mlp, x, impl) -> {
                    Kernels self = kernels(impl.impl, mlp.network(), x.toEjml(), null);
                    Kernels cross = kernels(impl.impl, mlp.network(), x.toEjml(), x.toEjml());
                    assertTrue(sameBits(self.nngp(), cross.nngp()), "NNGP: " + firstDifference(self.nngp(), cross.nngp()));
                    assertTrue(sameBits(self.ntk(), cross.ntk()), "NTK: " + firstDifference(self.ntk(), cross.ntk()));
                });
    }

    @Test
    void selfKernelsAreSymmetricMatricesBitForBit() {
        Gens.qt(150).forAll(Gens.networks(5), Gens.inputs(20, 11), Generate.enumValues(Impls.class))
                .checkAssert((mlp, x, impl) -> {
                    Kernels k = kernels(impl.impl, mlp.network(), x.toEjml(), null);
                    assertTrue(sameBits(k.nngp(), transpose(k.nngp())), "NNGP: " + firstDifference(k.nngp(), transpose(k.nngp())));
                    assertTrue(sameBits(k.ntk(), transpose(k.ntk())), "NTK: " + firstDifference(k.ntk(), transpose(k.ntk())));
                });
    }

    /**
     * The diagonal of K(x, x) is the diagonal table, and an input equal to a row of x2 sees
     * cos θ = 1 exactly: the entry for two equal inputs equals K(x, x) bit for bit.
     */
    @Test
    void equalInputsGetTheDiagonalTableValueBitForBit() {
        Gens.qt(150).forAll(Gens.networks(5), Gens.inputs(12, 11), Generate.enumValues(Impls.class))
                .checkAssert((mlp, x, impl) -> {
                    Kernels k = kernels(impl.impl, mlp.network(), x.toEjml(), x.toEjml());
                    double[] dk = k.diag1().nngp();
                    double[] dt = k.diag1().ntk();
                    assertEquals(x.rows(), dk.length);
                    for (int i = 0; i < x.rows(); i++) {
                        assertEquals(Double.doubleToRawLongBits(dk[i]), Double.doubleToRawLongBits(k.nngp().get(i, i)),
                                "NNGP row " + i + ": table " + dk[i] + ", kernel " + k.nngp().get(i, i));
                        assertEquals(Double.doubleToRawLongBits(dt[i]), Double.doubleToRawLongBits(k.ntk().get(i, i)),
                                "NTK row " + i + ": table " + dt[i] + ", kernel " + k.ntk().get(i, i));
                    }
                });
    }

    /** The two implementations, as a generator-friendly enum. */
    enum Impls {
        SCALAR(Simd.Impl.SCALAR), VECTOR(Simd.Impl.VECTOR);

        final Simd.Impl impl;

        Impls(Simd.Impl impl) {
            this.impl = impl;
        }
    }
}
