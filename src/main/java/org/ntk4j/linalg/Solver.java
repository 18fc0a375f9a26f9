package org.ntk4j.linalg;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.exec.ExecutionBuilder;
import org.ntk4j.exec.Progress;
import org.ntk4j.exec.Workers;
import org.ntk4j.simd.LinalgOps;
import org.ntk4j.simd.Simd;

/**
 * Front door to the dense solvers, with one choice of method, vector ops and thread count: factor
 * a kernel matrix, solve with it, multiply a tall kernel by a narrow matrix. Results are
 * bit-identical for any thread count. Immutable; build with {@link #builder()}.
 */
public final class Solver {

    private static final Solver DEFAULTS = builder().build();

    private final Cholesky.Method method;
    private final Simd.Impl impl;
    private final int threads;
    private final int block;
    private final Progress progress;
    /** Created once with the solver and reused by every call. */
    private final Workers workers;

    private Solver(Builder b) {
        this.progress = b.progressCallback();
        this.method = b.method;
        this.impl = b.implementation();
        this.threads = b.threadCount();
        this.block = b.block;
        this.workers = b.newWorkers();
    }

    /** Blocked Cholesky, vector ops when available, all processors. */
    public static Solver defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Cholesky.Method method() {
        return method;
    }

    public int threads() {
        return threads;
    }

    /** The vector or scalar ops this solver runs on. */
    public LinalgOps ops() {
        return Simd.linalg(impl);
    }

    /**
     * Factors A + diagReg·mean(diag A)·I in place; see {@link Cholesky#factorInPlace}.
     *
     * @param a n × n symmetric; factored in place (its lower triangle becomes L)
     */
    public Cholesky factorInPlace(DMatrixRMaj a, double diagReg) {
        return Cholesky.factorInPlace(a, diagReg, method, block, ops(), workers, progress);
    }

    /** (A + r·I)⁻¹ B; b: not modified. */
    public DMatrixRMaj solve(Cholesky c, DMatrixRMaj b) {
        return c.solve(b, workers);
    }

    /** L⁻¹ B; b: not modified. */
    public DMatrixRMaj solveLower(Cholesky c, DMatrixRMaj b) {
        return c.solveLower(b, workers);
    }

    /** A B for a tall A and a narrow B; a, b: not modified. */
    public DMatrixRMaj times(DMatrixRMaj a, DMatrixRMaj b) {
        return MatMul.times(a, b, ops(), workers);
    }

    /** Settings for a {@link Solver}. */
    public static final class Builder extends ExecutionBuilder<Builder> {
        private Cholesky.Method method = Cholesky.Method.BLOCKED;
        private int block = Cholesky.DEFAULT_BLOCK;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** BLOCKED (ntk4j's own) or EJML. */
        public Builder method(Cholesky.Method method) {
            this.method = Objects.requireNonNull(method);
            return this;
        }



        /** Block size of the blocked Cholesky, ≥ 1. */
        public Builder block(int block) {
            if (block < 1) {
                throw new IllegalArgumentException("block size must be >= 1, got " + block);
            }
            this.block = block;
            return this;
        }

        public Solver build() {
            return new Solver(this);
        }
    }
}
