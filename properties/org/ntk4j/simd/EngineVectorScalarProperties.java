package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.Bounds;
import org.ntk4j.Coverage;
import org.ntk4j.Gens;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.quicktheories.core.Gen;

/** The whole engine, vector against scalar: every hot loop at once, on every tail length. */
class EngineVectorScalarProperties {

    static Kernels run(Simd.Impl impl, Network net, DMatrixRMaj x1, DMatrixRMaj x2) {
        return KernelEngine.builder().impl(impl).build().compute(net, x1, x2);
    }

    /**
     * n2 (the vectorised direction of the tile recursion) and d (of the Gram) over 0 .. 4·lanes + 3,
     * rows far from parallel: entries agree within τ of {@link Bounds} relative to sqrt(K_ii K_jj),
     * τ covering both the Gram's summation order and arccos's 1/sin θ amplification.
     */
    @Test
    void engineVectorMatchesScalarOnEveryTailLength() {
        Coverage cols = new Coverage("engine n2");
        Coverage dims = new Coverage("engine d");
        Gen<Gens.Pair> pairs = Gens.between(1, 3).zip(Gens.lengths(), Gens.lengths().map(d -> Math.max(d, 6)),
                        (n1, n2, d) -> new int[] {n1, n2, d})
                .flatMap(s -> Gens.matrix(s[0], s[2]).zip(Gens.matrix(s[1], s[2]), Gens.Pair::new))
                .assuming(p -> Gens.maxAbsCosine(p.x1(), p.x2()) <= 0.95 && Gens.maxAbsCosine(p.x1(), p.x1()) <= 0.95);
        Gens.qt(200).forAll(Gens.networks(5), pairs).checkAssert((mlp, p) -> {
            cols.length(p.x2().rows());
            dims.length(p.x1().cols());
            DMatrixRMaj x1 = p.x1().toEjml();
            DMatrixRMaj x2 = p.x2().toEjml();
            Kernels v = run(Simd.Impl.VECTOR, mlp.network(), x1, x2);
            Kernels s = run(Simd.Impl.SCALAR, mlp.network(), x1, x2);
            double tau = Bounds.tau(mlp, x1, x2);
            double eK = Bounds.maxScaledError(v.nngp(), s.nngp(), s.diag1().nngp(), s.diag2().nngp());
            double eT = Bounds.maxScaledError(v.ntk(), s.ntk(), s.diag1().ntk(), s.diag2().ntk());
            assertTrue(eK <= tau, "NNGP scaled difference " + eK + " > τ " + tau);
            assertTrue(eT <= tau, "NTK scaled difference " + eT + " > τ " + tau);
        });
        cols.assertEveryTail();
        dims.assertEveryTail();
    }

    /**
     * Nearly parallel rows (relative perturbations 1e-3 .. 1e-12) and norms over four decades,
     * against the foundation's bounds, max-norm relative: NNGP 1e-10 (its derivative in θ vanishes
     * as θ → 0), NTK 2e-8 (the derivative term (π − θ)/(2π) inherits arccos's conditioning: one
     * ulp of cos θ ≈ 1 moves θ by about 1e-8). Each hidden layer contributes such a term to Θ's
     * relative error, weighted by the derivative term's relative sensitivity
     * (|a| + |b|)²/(a² + b²) ≤ 2 (ABRelu; 2 for |x|), so the NTK bound is 2e-8 · L · that weight.
     * Depth ≤ 3 and no step or sign: deeper angle-sensitive stacks compound it, and a jump's
     * kernel is not Lipschitz in cos θ at all (see ExtremeInputProperties). The engine may refuse
     * a network whose kernel overflows at these norms (e^x, max(x, 0)^n), in one line.
     */
    @Test
    void engineVectorMatchesScalarOnNearlyParallelInputs() {
        Gen<Gens.Matrix> hard = Gens.inputs(6, 13).flatMap(m -> Gens.values(2 * m.rows(), 0, 1).map(r -> {
            int d = m.cols();
            double[] v = new double[2 * m.rows() * d];
            for (int i = 0; i < m.rows(); i++) {
                double eps = Math.pow(10, -3 - 9 * r[2 * i]);
                double scale = Math.pow(10, -2 + 4 * r[2 * i + 1]);
                for (int k = 0; k < d; k++) {
                    double x = m.data()[i * d + k];
                    v[2 * i * d + k] = scale * x;
                    v[(2 * i + 1) * d + k] = scale * (x + eps * m.data()[((i + 1) % m.rows()) * d + (k + 1) % d]);
                }
            }
            return new Gens.Matrix(2 * m.rows(), d, v);
        }));
        Gens.qt(200).forAll(Gens.networks(3, Gens.activations().assuming(a -> !Gens.jumps(a)), Gens.bStd()), hard)
                .checkAssert((mlp, x) -> {
                    Kernels v;
                    try {
                        v = run(Simd.Impl.VECTOR, mlp.network(), x.toEjml(), null);
                    } catch (IllegalArgumentException e) {
                        // e^x and max(x, 0)^n of norms up to 1e2 overflow: a clear refusal is right
                        assertTrue(e.getMessage().contains("overflows") && !e.getMessage().contains("\n"), e.getMessage());
                        return;
                    }
                    Kernels s = run(Simd.Impl.SCALAR, mlp.network(), x.toEjml(), null);
                    assertTrue(relMax(v.nngp(), s.nngp()) <= 1e-10, "NNGP relative " + relMax(v.nngp(), s.nngp()));
                    double weight = mlp.phi() instanceof org.ntk4j.kernel.ABRelu r && r.a() != r.b()
                            ? Math.pow(Math.abs(r.a()) + Math.abs(r.b()), 2) / (r.a() * r.a() + r.b() * r.b()) : 1;
                    double bound = 2e-8 * Math.max(1, mlp.depth()) * weight;
                    assertTrue(relMax(v.ntk(), s.ntk()) <= bound, "NTK relative " + relMax(v.ntk(), s.ntk()) + " > " + bound);
                });
    }

    static double relMax(DMatrixRMaj a, DMatrixRMaj b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            num = Math.max(num, Math.abs(a.data[i] - b.data[i]));
            den = Math.max(den, Math.abs(b.data[i]));
        }
        return num / den;
    }
}
