package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ntk4j.linalg.Cholesky;
import org.ntk4j.linalg.Solver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Cholesky solve with 10 right-hand sides (the 10 classes) on an n × n kernel-like SPD matrix:
 * ntk4j's blocked, vectorised factorisation against EJML's. The score includes copying A into the
 * work buffer (n² against n³/3 flops). GFLOP/s ≈ n³ / 3 / score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class LinalgBench {

    @Param({"1000", "4000"})
    public int n;

    @Param({"blocked", "ejml"})
    public String method;

    @Param({"2"})
    public int threads;

    public DMatrixRMaj a;
    public DMatrixRMaj work;
    public DMatrixRMaj y;
    public Solver solver;

    @Setup(Level.Trial)
    public void setup() {
        DMatrixRMaj g = BenchData.gaussian(n, 784, 7);
        a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(1.0 / 784, g, g, a);
        work = new DMatrixRMaj(n, n);
        y = BenchData.gaussian(n, 10, 8);
        solver = Solver.builder().threads(threads)
                .method(method.equals("ejml") ? Cholesky.Method.EJML : Cholesky.Method.BLOCKED).build();
        // never time a wrong solver: both must agree with EJML's general solver within κ n u (κ ≈ 1e4 here)
        DMatrixRMaj ref = new DMatrixRMaj(n, 10);
        DMatrixRMaj reg = a.copy();
        double r = 1e-3 * CommonOps_DDRM.trace(a) / n;
        for (int i = 0; i < n; i++) {
            reg.data[i * n + i] += r;
        }
        if (!CommonOps_DDRM.solve(reg, y, ref)) {
            throw new IllegalStateException("reference solve failed");
        }
        DMatrixRMaj x = solve();
        double err = 0;
        double max = 0;
        for (int i = 0; i < ref.data.length; i++) {
            err = Math.max(err, Math.abs(x.data[i] - ref.data[i]));
            max = Math.max(max, Math.abs(ref.data[i]));
        }
        if (!(err <= 1e-6 * max)) {
            throw new IllegalStateException(method + " disagrees with EJML's LU solve: " + err / max);
        }
    }

    @Benchmark
    public DMatrixRMaj solve() {
        System.arraycopy(a.data, 0, work.data, 0, n * n);
        Cholesky c = solver.factorInPlace(work, 1e-3);
        return solver.solve(c, y);
    }
}
