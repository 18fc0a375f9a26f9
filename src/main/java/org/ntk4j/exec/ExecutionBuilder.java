package org.ntk4j.exec;

import java.util.Objects;
import org.ntk4j.simd.Simd;

/**
 * The settings every engine's builder shares: which implementation of the hot loops, and how many
 * worker threads. The engines (kernels, solver, empirical NTK) extend it with their own settings.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class ExecutionBuilder<B extends ExecutionBuilder<B>> {

    private Simd.Impl impl = Simd.Impl.AUTO;
    private int threads = Runtime.getRuntime().availableProcessors();

    protected ExecutionBuilder() {
    }

    /** This builder, as its own type. */
    protected abstract B self();

    /** Scalar reference, vector kernels, or AUTO (vector when available). */
    public B impl(Simd.Impl impl) {
        this.impl = Objects.requireNonNull(impl, "impl");
        return self();
    }

    /** Worker threads, ≥ 1 (default: all processors). */
    public B threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        return self();
    }

    /** The implementation chosen. */
    public Simd.Impl implementation() {
        return impl;
    }

    /** The thread count chosen. */
    public int threadCount() {
        return threads;
    }

    /** A pool for these settings: the engine being built creates it once and keeps it. */
    public Workers newWorkers() {
        return threads == 1 ? Workers.SINGLE : new Workers(threads);
    }
}
