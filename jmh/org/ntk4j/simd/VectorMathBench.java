package org.ntk4j.simd;

import org.ntk4j.math.ScalarMath;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * The transcendental primitives of the recursions on {@code size} doubles in cache: ntk4j's
 * hand-written {@link VectorMath} ({@code *Vector}), the JDK's {@code lanewise} operators
 * ({@code *Lanewise}, intrinsic stubs, not bit-reproducible) and scalar {@link Math} /
 * {@link ScalarMath#erf} ({@code *Scalar}). The JDK has no vector erf and ntk4j no atan2, so those
 * pairs are incomplete. Lives in org.ntk4j.simd because VectorMath is package-private and only simd
 * may import the Vector API. Work: {@code size} elements per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class VectorMathBench {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;

    @Param({"4096"})
    public int size;

    /** Cosines / sines in [-1, 1]. */
    public double[] unit;
    /** erf arguments in [-5, 5], atan2 numerators. */
    public double[] wide;
    /** atan2 denominators. */
    public double[] wide2;
    public double[] out;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom r = new SplittableRandom(7);
        unit = new double[size];
        wide = new double[size];
        wide2 = new double[size];
        out = new double[size];
        for (int i = 0; i < size; i++) {
            unit[i] = 2 * r.nextDouble() - 1;
            wide[i] = 10 * r.nextDouble() - 5;
            wide2[i] = 10 * r.nextDouble() - 5;
        }
        // Hand-written: ≤ 1 ulp (VectorMath's tested bound) against StrictMath's < 1 ulp: 2 ulps.
        check("acos", acosVector(), unit, StrictMath::acos, 2);
        check("asin", asinVector(), unit, StrictMath::asin, 2);
        // ntk4j erf ≤ 2 ulp on both sides: 4 ulps apart at most.
        check("erf", erfVector(), wide, ScalarMath::erf, 4);
        // JDK stubs and Math are each within 1 ulp: 2 ulps apart at most.
        check("acos lanewise", acosLanewise(), unit, Math::acos, 2);
        check("asin lanewise", asinLanewise(), unit, Math::asin, 2);
        double[] got = atan2Lanewise().clone();
        for (int i = 0; i < size; i++) {
            double ref = Math.atan2(wide[i], wide2[i]);
            if (!(Math.abs(got[i] - ref) <= 2 * Math.ulp(ref))) {
                throw new IllegalStateException("atan2 lanewise disagrees with Math at " + i + ": " + got[i] + " vs " + ref);
            }
        }
    }

    private void check(String what, double[] result, double[] in, java.util.function.DoubleUnaryOperator ref, int ulps) {
        double[] got = result.clone();
        for (int i = 0; i < size; i++) {
            double want = ref.applyAsDouble(in[i]);
            if (!(Math.abs(got[i] - want) <= ulps * Math.ulp(want))) {
                throw new IllegalStateException(what + " disagrees with the scalar reference at " + in[i] + ": "
                        + got[i] + " vs " + want);
            }
        }
    }

    @Benchmark
    public double[] acosVector() {
        VectorMath.acos(unit, out, size);
        return out;
    }

    @Benchmark
    public double[] acosLanewise() {
        return lanewise(VectorOperators.ACOS, unit);
    }

    @Benchmark
    public double[] acosScalar() {
        for (int i = 0; i < size; i++) {
            out[i] = Math.acos(unit[i]);
        }
        return out;
    }

    @Benchmark
    public double[] asinVector() {
        VectorMath.asin(unit, out, size);
        return out;
    }

    @Benchmark
    public double[] asinLanewise() {
        return lanewise(VectorOperators.ASIN, unit);
    }

    @Benchmark
    public double[] asinScalar() {
        for (int i = 0; i < size; i++) {
            out[i] = Math.asin(unit[i]);
        }
        return out;
    }

    @Benchmark
    public double[] atan2Lanewise() {
        int i = 0;
        for (int bound = S.loopBound(size); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, wide, i)
                    .lanewise(VectorOperators.ATAN2, DoubleVector.fromArray(S, wide2, i)).intoArray(out, i);
        }
        for (; i < size; i++) {
            out[i] = Math.atan2(wide[i], wide2[i]);
        }
        return out;
    }

    @Benchmark
    public double[] atan2Scalar() {
        for (int i = 0; i < size; i++) {
            out[i] = Math.atan2(wide[i], wide2[i]);
        }
        return out;
    }

    @Benchmark
    public double[] erfVector() {
        VectorMath.erf(wide, out, size);
        return out;
    }

    @Benchmark
    public double[] erfScalar() {
        for (int i = 0; i < size; i++) {
            out[i] = ScalarMath.erf(wide[i]);
        }
        return out;
    }

    private double[] lanewise(VectorOperators.Unary op, double[] in) {
        int i = 0;
        for (int bound = S.loopBound(size); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, in, i).lanewise(op).intoArray(out, i);
        }
        if (i < size) {
            VectorMask<Double> m = S.indexInRange(i, size);
            DoubleVector.fromArray(S, in, i, m).lanewise(op).intoArray(out, i, m);
        }
        return out;
    }
}
