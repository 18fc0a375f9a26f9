package org.ntk4j.linalg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void reconstructsTheMatrixWithAscendingValues() {
        DMatrixRMaj a = TestMatrices.spd(60, 80, 0.1, 11);
        SymmetricEigen e = SymmetricEigen.of(a);
        double[] l = e.values();
        for (int i = 1; i < l.length; i++) {
            assertTrue(l[i - 1] <= l[i]);
        }
        DMatrixRMaj v = e.vectors();
        DMatrixRMaj vl = v.copy();
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 60; j++) {
                vl.data[i * 60 + j] *= l[j];
            }
        }
        DMatrixRMaj back = new DMatrixRMaj(60, 60);
        CommonOps_DDRM.multTransB(vl, v, back);
        // backward-stable QR algorithm: ‖V Λ Vᵀ − A‖ ≤ c n u ‖A‖; c = 10
        double tol = 10 * 60 * TestMatrices.U;
        assertTrue(TestMatrices.relativeError(back, a) <= tol, "" + TestMatrices.relativeError(back, a));
        // Vᵀ(V c) = c
        DMatrixRMaj c = TestMatrices.gaussian(60, 2, 1);
        assertTrue(TestMatrices.relativeError(e.toEigenbasis(e.fromEigenbasis(c)), c) <= tol);
    }

    @Test
    void rejectsNonSquareAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new DMatrixRMaj(2, 3)));
        DMatrixRMaj a = TestMatrices.spd(3, 3, 1, 1);
        a.data[4] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(a));
    }
}
