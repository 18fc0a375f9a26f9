package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ntk4j.linalg.SymmetricEigen;
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
 * The symmetric eigendecomposition with vectors that a finite training time needs (EJML's QR
 * algorithm through {@link SymmetricEigen}; ntk4j has no eigensolver of its own). n = 4000 takes
 * minutes per shot: run it with -p n=4000 when wanted.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class EigenBench {

    @Param({"1000"})
    public int n;

    public DMatrixRMaj a;

    @Setup(Level.Trial)
    public void setup() {
        DMatrixRMaj g = BenchData.gaussian(n, 784, 9);
        a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(1.0 / 784, g, g, a);
        // never time a wrong decomposition: the trace is the sum of the eigenvalues
        double sum = 0;
        for (double l : decompose().values()) {
            sum += l;
        }
        double trace = CommonOps_DDRM.trace(a);
        if (!(Math.abs(sum - trace) <= 1e-10 * trace)) {
            throw new IllegalStateException("eigenvalues sum to " + sum + ", trace " + trace);
        }
    }

    @Benchmark
    public SymmetricEigen decompose() {
        return SymmetricEigen.of(a);
    }
}
