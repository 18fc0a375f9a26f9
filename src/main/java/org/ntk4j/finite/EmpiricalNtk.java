package org.ntk4j.finite;

import java.util.Locale;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.exec.ExecutionBuilder;
import org.ntk4j.linalg.MemoryCheck;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.Simd;

/**
 * The empirical NTK of a finite {@link Mlp}, Θ_ab(x, x') = Σ_p ∂f_a(x)/∂p · ∂f_b(x')/∂p over all
 * parameters p (Jacot et al. 2018), in three forms: {@link Mode#FULL} (n1, n2, O, O),
 * {@link Mode#LOGITS} (1/O) ∇(Σ_a f_a)·∇(Σ_b f_b) (Mohamadi et al. 2022) and {@link Mode#TRACE}
 * (1/O) Σ_a Θ_aa, each computed directly. Results are bit-identical for any thread count.
 * Immutable; build with {@link #builder()}.
 */
public final class EmpiricalNtk {

    /** Which kernel. */
    public enum Mode {
        /** Θ_ab for all output pairs, shape (n1, n2, O, O). */
        FULL,
        /** The logit-summed kernel (1/O) Σ_ab Θ_ab, n1 × n2, at about 1/O of the cost of FULL. */
        LOGITS,
        /** The output-traced kernel (1/O) Σ_a Θ_aa, n1 × n2: the Monte-Carlo NTK estimator. */
        TRACE;

        /** The spelling on the command line and in result files: the name in lower case. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Parses "full", "logits" or "trace" (any case). */
        public static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown mode '" + s + "' (use full, logits or trace)");
            }
        }
    }

    /** How the kernel is contracted. */
    public enum Method {
        /** Outer-product structure of dense layers, no Jacobian (Novak et al. 2022). The default. */
        STRUCTURED,
        /** Explicit per-example Jacobians contracted over all parameters: the reference. */
        JACOBIAN;

        /** The spelling on the command line and in result files: the name in lower case. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Parses "structured" or "jacobian" (any case). */
        public static Method parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown method '" + s + "' (use structured or jacobian)");
            }
        }
    }

    private static final EmpiricalNtk DEFAULTS = builder().build();

    private final Method method;
    private final Simd.Impl impl;
    private final int threads;
    /** Created once with the engine and reused by every call. */
    private final org.ntk4j.exec.Workers pool;

    private EmpiricalNtk(Builder b) {
        this.method = b.method;
        this.impl = b.implementation();
        this.threads = b.threadCount();
        this.pool = b.newWorkers();
    }

    /** Structured, vector kernels when available, all processors. */
    public static EmpiricalNtk defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Method method() {
        return method;
    }

    public int threads() {
        return threads;
    }

    /**
     * The full eNTK between the rows of x and themselves. x: not modified.
     *
     * @throws IllegalArgumentException for non-finite inputs, a wrong input dimension, or a kernel
     *                                  larger than a Java array or the free heap (with the size it needs)
     */
    public FullNtk full(Mlp mlp, DMatrixRMaj x) {
        return new FullNtk(x.numRows, x.numRows, mlp.outputs(), compute(mlp, x, null, Mode.FULL));
    }

    /**
     * The full eNTK between the rows of x1 and x2 (a null x2 is read as x1 against itself); as
     * {@link #full(Mlp, DMatrixRMaj)} otherwise.
     */
    public FullNtk full(Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2) {
        int n2 = (x2 == null ? x1 : x2).numRows;
        return new FullNtk(x1.numRows, n2, mlp.outputs(), compute(mlp, x1, x2, Mode.FULL));
    }

    /** The logit-summed eNTK (1/O) Σ_ab Θ_ab of x against itself, n × n; as {@link #full} otherwise. */
    public DMatrixRMaj logits(Mlp mlp, DMatrixRMaj x) {
        return matrix(x, null, compute(mlp, x, null, Mode.LOGITS));
    }

    /** The logit-summed eNTK (1/O) Σ_ab Θ_ab, n1 × n2; as {@link #full} otherwise. */
    public DMatrixRMaj logits(Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2) {
        return matrix(x1, x2, compute(mlp, x1, x2, Mode.LOGITS));
    }

    /** The output-traced eNTK (1/O) Σ_a Θ_aa of x against itself, n × n; as {@link #full} otherwise. */
    public DMatrixRMaj trace(Mlp mlp, DMatrixRMaj x) {
        return matrix(x, null, compute(mlp, x, null, Mode.TRACE));
    }

    /** The output-traced eNTK (1/O) Σ_a Θ_aa, n1 × n2; as {@link #full} otherwise. */
    public DMatrixRMaj trace(Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2) {
        return matrix(x1, x2, compute(mlp, x1, x2, Mode.TRACE));
    }

    private static DMatrixRMaj matrix(DMatrixRMaj x1, DMatrixRMaj x2, double[] data) {
        return new DMatrixRMaj(x1.numRows, (x2 == null ? x1 : x2).numRows, true, data);
    }

    private double[] compute(Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2, Mode mode) {
        Objects.requireNonNull(mlp, "mlp");
        mlp.requireInputs(x1, "x1");
        if (x2 != null) {
            mlp.requireInputs(x2, "x2");
        }
        int n2 = (x2 == null ? x1 : x2).numRows;
        requireMemory(x1.numRows, n2, mlp.outputs(), mode, method);
        KernelOps ops = Simd.ops(impl);
        try (Workers workers = new Workers(pool)) {
            Forward f1 = Forward.run(mlp, x1, ops, workers, true);
            Forward f2 = x2 == null ? f1 : Forward.run(mlp, x2, ops, workers, true);
            double[] out = method == Method.STRUCTURED
                    ? StructuredNtk.compute(mlp, f1, f2, mode, ops, workers)
                    : JacobianNtk.compute(mlp, f1, f2, mode, ops, workers);
            for (int i = 0; i < out.length; i++) {
                if (!Double.isFinite(out[i])) {
                    throw new IllegalArgumentException("the eNTK is not finite (entry " + i + " is " + out[i]
                            + "): inputs, parameters or w-std too large?");
                }
            }
            return out;
        }
    }

    /**
     * Refuses, before allocating, a kernel that a Java array or the free heap cannot hold. FULL
     * needs n1·n2·O² doubles; the Jacobian method keeps an accumulator and a scratch of n1·n2·R²
     * doubles besides (R = O, or 1 for LOGITS).
     */
    public static void requireMemory(long n1, long n2, long outputs, Mode mode, Method method) {
        long entries = mode == Mode.FULL ? n1 * n2 * outputs * outputs : n1 * n2;
        long largest = method == Method.JACOBIAN && mode != Mode.LOGITS ? n1 * n2 * outputs * outputs : entries;
        String what = mode == Mode.FULL
                ? String.format("a FULL eNTK of shape (%d, %d, %d, %d)", n1, n2, outputs, outputs)
                : String.format("a %d x %d %s eNTK", n1, n2, mode.name());
        if (largest > Integer.MAX_VALUE - 8 || largest < 0) {
            throw new IllegalArgumentException(what + " has " + largest + " entries (" + MemoryCheck.format(8 * largest)
                    + ") in one array, more than a Java array holds (" + (Integer.MAX_VALUE - 8) + "): split x1 or x2"
                    + (mode == Mode.FULL ? " or use --mode logits" : ""));
        }
        long need = 8 * (entries + (method == Method.JACOBIAN ? 2 * largest : 0));
        MemoryCheck.require(need, what, "raise -Xmx, e.g. NTK4J_JAVA_OPTS=-Xmx20g" + (mode == Mode.FULL ? ", or use --mode logits" : ""));
    }

    /** Settings for an {@link EmpiricalNtk}. */
    public static final class Builder extends ExecutionBuilder<Builder> {
        private Method method = Method.STRUCTURED;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method);
            return this;
        }



        public EmpiricalNtk build() {
            return new EmpiricalNtk(this);
        }
    }
}
