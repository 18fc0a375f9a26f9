package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntk4j.Coverage;
import org.ntk4j.Gens;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.Simd;
import org.quicktheories.core.Gen;

/**
 * The finite network's vector kernels against the scalar reference: forward pass and eNTK, on
 * hidden widths 1 .. 4·lanes + 3 (the Grams vectorise over a layer's width: every tail length
 * occurs, checked by {@link Coverage}) and 1 .. 4·lanes + 3 inputs, sizes generated first and
 * data second.
 */
class FiniteVectorScalarProperties {

    static final KernelOps SCALAR = Simd.ops(Simd.Impl.SCALAR);
    static final KernelOps VECTOR = Simd.ops(Simd.Impl.VECTOR);

    @BeforeAll
    static void vectorApiIsPresent() {
        assertTrue(Simd.vectorAvailable() && Simd.lanes() > 1, "the properties run with --add-modules=jdk.incubator.vector");
    }

    /** A network of one width w in every hidden layer, and n inputs. */
    record Case(FiniteGens.Net net, Gens.Matrix x) {
        int width() {
            return net.depth() == 0 ? net.inputDim() : net.widths()[1];
        }
    }

    /** Depth 1 .. 3, width w and n both in 1 .. 4·lanes + 3, then d, O, the seed and the inputs. */
    static Gen<Case> cases() {
        int max = 4 * Simd.lanes() + 3;
        return Gens.networks(3).assuming(m -> m.depth() >= 1).flatMap(spec -> Gens.between(1, max)
                .zip(Gens.between(1, max), Gens.between(1, 9), Gens.between(1, 4), (w, n, d, o) -> new int[] {w, n, d, o})
                .flatMap(s -> Gens.seeds().zip(Gens.matrix(s[1], s[2]), (seed, x) -> {
                    int[] widths = new int[spec.depth() + 2];
                    java.util.Arrays.fill(widths, s[0]);
                    widths[0] = s[2];
                    widths[spec.depth() + 1] = s[3];
                    return new Case(new FiniteGens.Net(spec, widths, seed), x);
                })));
    }

    /** f within {@link ForwardBound} of the scalar pass, per entry. */
    @Test
    void forwardPassMatchesTheScalarReferenceWithinTheRoundingBound() {
        Coverage widths = new Coverage("forward hidden width");
        Coverage units = new Coverage("forward activation length n·w");
        Gens.qt(300).forAll(cases()).checkAssert(c -> {
            widths.length(c.width());
            units.length(c.x().rows() * c.width());
            Mlp mlp = c.net().mlp();
            DMatrixRMaj x = c.x().toEjml();
            DMatrixRMaj fv = mlp.apply(x, Simd.Impl.VECTOR);
            DMatrixRMaj fs = mlp.apply(x, Simd.Impl.SCALAR);
            DMatrixRMaj bound = ForwardBound.of(mlp, c.net().spec().phi(), x);
            for (int i = 0; i < fs.getNumElements(); i++) {
                double diff = Math.abs(fv.data[i] - fs.data[i]);
                assertTrue(diff <= bound.data[i], "output " + i / fs.numCols + ", " + i % fs.numCols + ": vector "
                        + fv.data[i] + ", scalar " + fs.data[i] + ", bound " + bound.data[i]);
            }
        });
        widths.assertEveryTail();
        units.assertEveryTail();
    }

    /**
     * From the same forward pass, the vector contractions (Gram products and back-propagation)
     * agree with the scalar ones within {@link EntkBound}, in every mode and both methods; and the
     * public engine with impl VECTOR (SCALAR) is exactly the vector (scalar) forward pass followed by
     * the vector (scalar) contraction, so together with the forward property the public path is
     * covered on every tail.
     */
    @Test
    void entkContractionsMatchTheScalarReferenceOnEveryTail() {
        Coverage widths = new Coverage("eNTK hidden width");
        Gens.qt(200).forAll(cases()).checkAssert(c -> {
            widths.length(c.width());
            Mlp mlp = c.net().mlp();
            DMatrixRMaj x = c.x().toEjml();
            try (Workers one = new Workers(1)) {
                Forward fs = Forward.run(mlp, x, SCALAR, one, true);
                Forward fv = Forward.run(mlp, x, VECTOR, one, true);
                for (EmpiricalNtk.Mode mode : EmpiricalNtk.Mode.values()) {
                    for (EmpiricalNtk.Method m : EmpiricalNtk.Method.values()) {
                        double[] s = contract(m, mlp, fs, mode, SCALAR, one);
                        double[] v = contract(m, mlp, fs, mode, VECTOR, one);
                        EntkBound.assertWithin(m + " vector vs scalar", mlp, x, x, mode, v, s);
                        EmpiricalNtk pv = EmpiricalNtk.builder().method(m).impl(Simd.Impl.VECTOR).threads(1).build();
                        EmpiricalNtk ps = EmpiricalNtk.builder().method(m).impl(Simd.Impl.SCALAR).threads(1).build();
                        assertArrayEquals(contract(m, mlp, fv, mode, VECTOR, one), run(pv, mode, mlp, x), 0.0,
                                m + " " + mode + ": engine VECTOR is vector forward + vector contraction");
                        assertArrayEquals(s, run(ps, mode, mlp, x), 0.0,
                                m + " " + mode + ": engine SCALAR is scalar forward + scalar contraction");
                    }
                }
            }
        });
        widths.assertEveryTail();
    }

    private static double[] contract(EmpiricalNtk.Method m, Mlp mlp, Forward f, EmpiricalNtk.Mode mode, KernelOps ops,
                                     Workers w) {
        return m == EmpiricalNtk.Method.STRUCTURED ? StructuredNtk.compute(mlp, f, f, mode, ops, w)
                : JacobianNtk.compute(mlp, f, f, mode, ops, w);
    }

    private static double[] run(EmpiricalNtk e, EmpiricalNtk.Mode mode, Mlp mlp, DMatrixRMaj x) {
        return switch (mode) {
            case FULL -> e.full(mlp, x).data();
            case LOGITS -> e.logits(mlp, x).data;
            case TRACE -> e.trace(mlp, x).data;
        };
    }
}
