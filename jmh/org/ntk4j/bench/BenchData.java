package org.ntk4j.bench;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.Simd;

/** Inputs for benchmarks, and the checks that a benchmark never times a wrong kernel. */
public final class BenchData {

    private BenchData() {
    }

    /** n × d standard normal entries, deterministic in seed. */
    public static DMatrixRMaj gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n * d; i++) {
            double u = r.nextDouble();
            double v = r.nextDouble();
            x.data[i] = Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
        }
        return x;
    }

    /** The diagonal table of x as the ops compute it ((program length + 1) × n). */
    public static org.ntk4j.simd.DiagonalTables diagonalTable(Network net, DMatrixRMaj x, KernelOps ops) {
        int n = x.numRows;
        double[] dots = new double[n];
        ops.selfDots(x.data, 0, n, x.numCols, dots, 0);
        return ops.diagonals(org.ntk4j.simd.Recursion.of(net), dots, n, x.numCols);
    }

    /**
     * Fails the trial unless vector and scalar kernels agree on the first 64 rows of x (relative
     * max error ≤ 1e-12: the unit tests' bound is 64 ulps a layer, ~1e-13 for these depths).
     */
    public static void checkRecursionAgrees(Network net, DMatrixRMaj x) {
        DMatrixRMaj head = org.ejml.dense.row.CommonOps_DDRM.extract(x, 0, Math.min(64, x.numRows), 0, x.numCols);
        if (!Simd.vectorAvailable()) {
            throw new IllegalStateException("benchmarks need the Vector API (--add-modules=jdk.incubator.vector)");
        }
        Kernels v = KernelEngine.builder().impl(Simd.Impl.VECTOR).threads(1).build().compute(net, head);
        Kernels s = KernelEngine.builder().impl(Simd.Impl.SCALAR).threads(1).build().compute(net, head);
        double num = 0;
        double den = 0;
        for (int i = 0; i < v.nngp().data.length; i++) {
            num = Math.max(num, Math.max(Math.abs(v.nngp().data[i] - s.nngp().data[i]), Math.abs(v.ntk().data[i] - s.ntk().data[i])));
            den = Math.max(den, Math.abs(s.ntk().data[i]));
        }
        if (!(num <= 1e-12 * den)) {
            throw new IllegalStateException("vector and scalar kernels disagree: max error " + num + " for max " + den);
        }
    }
    /**
     * Fails the trial unless the vector and scalar Gram blocks of the first 64 rows of x against
     * all n rows agree within the dot-product bound |ŝ − s| ≤ γ_d Σ|a_k b_k|, γ_d = d·u/(1 − d·u),
     * doubled because both sides carry rounding error (Higham, Accuracy and Stability, §3.1).
     */
    public static void checkGramAgrees(double[] x, int n, int d) {
        if (!Simd.vectorAvailable()) {
            throw new IllegalStateException("benchmarks need the Vector API (--add-modules=jdk.incubator.vector)");
        }
        int rows = Math.min(64, n);
        double[] v = new double[rows * n];
        double[] s = new double[rows * n];
        Simd.ops(Simd.Impl.VECTOR).gram(x, 0, rows, x, 0, n, d, v, 0, n);
        Simd.ops(Simd.Impl.SCALAR).gram(x, 0, rows, x, 0, n, d, s, 0, n);
        double u = Math.ulp(1.0) / 2;
        double gamma = d * u / (1 - d * u);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double abs = 0;
                for (int k = 0; k < d; k++) {
                    abs += Math.abs(x[i * d + k] * x[j * d + k]);
                }
                double err = Math.abs(v[i * n + j] - s[i * n + j]);
                if (!(err <= 2 * gamma * abs)) {
                    throw new IllegalStateException("vector and scalar Gram disagree at (" + i + ", " + j + "): "
                            + v[i * n + j] + " vs " + s[i * n + j]);
                }
            }
        }
    }
}
