package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.finite.EmpiricalNtk;
import org.ntk4j.finite.Mlp;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
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
 * Empirical NTK of an n-input batch: structured derivatives against Jacobian contraction, and
 * LOGITS against FULL, across width and depth. Cost model (N inputs, O outputs, L hidden layers of
 * width W): structured ≈ N·O·L·W² + N²·O²·L·W, Jacobian ≈ N·O·L·W² + N²·O²·L·W², LOGITS a factor
 * O less than FULL in both terms. One thread, so the ratios are about the algorithms. The Jacobian
 * at W = 4096, L ≥ 3 takes minutes an operation: give a smaller grid with -p.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
public class EntkBench {

    @Param({"256", "1024", "4096"})
    public int width;

    @Param({"1", "3", "5"})
    public int depth;

    @Param({"1", "10"})
    public int outputs;

    @Param({"full", "logits"})
    public String mode;

    @Param({"structured", "jacobian"})
    public String method;

    @Param({"16"})
    public int n;

    @Param({"64"})
    public int d;

    public DMatrixRMaj x;
    public Mlp mlp;
    public EmpiricalNtk engine;
    public EmpiricalNtk.Mode m;

    @Setup(Level.Trial)
    public void setup() {
        checkMethodsAgree();
        Network net = Stax.mlp(depth, Stax.relu(), 1.4, 0.1);
        x = BenchData.gaussian(n, d, 42);
        mlp = Mlp.init(net, new Mlp.Shape(d, width, outputs), 7);
        m = EmpiricalNtk.Mode.parse(mode);
        engine = EmpiricalNtk.builder().method(EmpiricalNtk.Method.parse(method)).threads(1).build();
    }

    /** Fails the trial unless both methods agree on a small network (round-off: 1e-12 relative). */
    private static void checkMethodsAgree() {
        Mlp small = Mlp.init(Stax.mlp(3, Stax.erf(), 1.3, 0.2), new Mlp.Shape(5, 24, 3), 1);
        DMatrixRMaj xs = BenchData.gaussian(6, 5, 3);
        double[] s = EmpiricalNtk.builder().method(EmpiricalNtk.Method.STRUCTURED).build().full(small, xs).data();
        double[] j = EmpiricalNtk.builder().method(EmpiricalNtk.Method.JACOBIAN).build().full(small, xs).data();
        double num = 0;
        double den = 0;
        for (int i = 0; i < s.length; i++) {
            num = Math.max(num, Math.abs(s[i] - j[i]));
            den = Math.max(den, Math.abs(j[i]));
        }
        if (!(num <= 1e-12 * den)) {
            throw new IllegalStateException("structured and Jacobian eNTK disagree: " + num + " for max " + den);
        }
    }

    @Benchmark
    public Object entk() {
        return m == EmpiricalNtk.Mode.FULL ? engine.full(mlp, x) : engine.logits(mlp, x);
    }
}
