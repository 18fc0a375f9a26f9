package org.ntk4j.finite;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.quicktheories.core.Gen;

/**
 * The structured eNTK (Novak et al. 2022) equals the explicit Jacobian contraction to round-off
 * ({@link EntkBound}), on random small networks with uneven widths: depth 0 .. 3, every activation,
 * widths 1 .. 40, 1 .. 4 outputs, 1 .. 6 inputs on each side.
 */
class EntkMethodProperties {

    /** A network and two input sets of its input dimension. */
    record Case(FiniteGens.Net net, Gens.Matrix x1, Gens.Matrix x2) {
    }

    static Gen<Case> cases() {
        return FiniteGens.nets(3, 8, 40, 4).flatMap(net -> Gens.between(1, 6).zip(Gens.between(1, 6), (a, b) -> new int[] {a, b})
                .flatMap(n -> Gens.matrix(n[0], net.inputDim()).zip(Gens.matrix(n[1], net.inputDim()),
                        (x1, x2) -> new Case(net, x1, x2))));
    }

    private static double[] run(EmpiricalNtk e, EmpiricalNtk.Mode mode, Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2) {
        return switch (mode) {
            case FULL -> e.full(mlp, x1, x2).data();
            case LOGITS -> e.logits(mlp, x1, x2).data;
            case TRACE -> e.trace(mlp, x1, x2).data;
        };
    }

    @Test
    void structuredEqualsJacobianContractionToRoundOff() {
        EmpiricalNtk structured = EmpiricalNtk.builder().method(EmpiricalNtk.Method.STRUCTURED).threads(1).build();
        EmpiricalNtk jacobian = EmpiricalNtk.builder().method(EmpiricalNtk.Method.JACOBIAN).threads(1).build();
        Gens.qt(150).forAll(cases()).checkAssert(c -> {
            Mlp mlp = c.net().mlp();
            DMatrixRMaj x1 = c.x1().toEjml();
            DMatrixRMaj x2 = c.x2().toEjml();
            for (EmpiricalNtk.Mode mode : EmpiricalNtk.Mode.values()) {
                EntkBound.assertWithin("structured vs jacobian", mlp, x1, x2, mode, run(structured, mode, mlp, x1, x2),
                        run(jacobian, mode, mlp, x1, x2));
            }
        });
    }

    /** x2 = null is the kernel of x1 against itself, to the bit, in both methods. */
    @Test
    void selfKernelEqualsTheCrossKernelOfTheSameInputs() {
        Gens.qt(80).forAll(FiniteGens.nets(3, 8, 40, 4).flatMap(net -> Gens.between(1, 6)
                        .flatMap(n -> Gens.matrix(n, net.inputDim()).map(x -> new Case(net, x, x)))))
                .checkAssert(c -> {
                    Mlp mlp = c.net().mlp();
                    DMatrixRMaj x = c.x1().toEjml();
                    for (EmpiricalNtk.Method m : EmpiricalNtk.Method.values()) {
                        EmpiricalNtk e = EmpiricalNtk.builder().method(m).threads(1).build();
                        for (EmpiricalNtk.Mode mode : EmpiricalNtk.Mode.values()) {
                            org.junit.jupiter.api.Assertions.assertArrayEquals(run(e, mode, mlp, x, x.copy()),
                                    run(e, mode, mlp, x, null), 0.0, m + " " + mode);
                        }
                    }
                });
    }
}
