package org.ntk4j.linalg;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.exec.Workers;
import org.ntk4j.simd.Simd;

/**
 * Properties of the blocked Cholesky over random sizes, block sizes and thread counts: the
 * backward error bound of Higham thm 10.3, and the same bits whatever the thread count.
 */
class CholeskyProperties {

    @Test
    void backwardStableAndThreadIndependent() {
        int[] hitTails = new int[3]; // n < block, n a multiple of block, other
        qt().withFixedSeed(11).withExamples(60)
                .forAll(integers().between(1, 90), integers().between(1, 40), integers().between(2, 4), longs().all())
                .checkAssert((n, block, threads, seed) -> {
                    hitTails[n < block ? 0 : n % block == 0 ? 1 : 2]++;
                    DMatrixRMaj a = TestMatrices.spd(n, n / 2 + 1, 1e-3, seed); // low rank + shift: ill-conditioned
                    DMatrixRMaj one = a.copy();
                    DMatrixRMaj many = a.copy();
                    Cholesky c;
                    try (Workers w = new Workers(1)) {
                        c = Cholesky.factorInPlace(one, 1e-8, Cholesky.Method.BLOCKED, block, Simd.linalg(Simd.Impl.AUTO), w, null);
                    }
                    try (Workers w = new Workers(threads)) {
                        Cholesky.factorInPlace(many, 1e-8, Cholesky.Method.BLOCKED, block, Simd.linalg(Simd.Impl.AUTO), w, null);
                    }
                    if (!Arrays.equals(one.data, many.data)) {
                        throw new AssertionError("n " + n + " block " + block + ": " + threads + " threads changed bits");
                    }
                    // |L Lᵀ − A|_ij ≤ γ_{n+1} sqrt(a_ii a_jj), plus n u for this check's own sum
                    double gamma = (n + 1) * TestMatrices.U / (1 - (n + 1) * TestMatrices.U) + n * TestMatrices.U;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j <= i; j++) {
                            double s = 0;
                            for (int k = 0; k <= j; k++) {
                                s += one.data[i * n + k] * one.data[j * n + k];
                            }
                            double aii = a.data[i * n + i] + c.jitter();
                            double ajj = a.data[j * n + j] + c.jitter();
                            double aij = a.data[i * n + j] + (i == j ? c.jitter() : 0);
                            if (Math.abs(s - aij) > gamma * Math.sqrt(aii * ajj)) {
                                throw new AssertionError("n " + n + " block " + block + " (" + i + ", " + j + ")");
                            }
                        }
                    }
                });
        for (int k = 0; k < 3; k++) {
            if (hitTails[k] < 3) {
                throw new AssertionError("too few examples in size class " + k + ": " + Arrays.toString(hitTails));
            }
        }
    }
}
