package org.ntk4j.exec;

import java.util.Objects;
import org.ntk4j.simd.Simd;

/**
 * The settings every engine's builder shares: which implementation of the hot loops, how many
 * worker threads, and whom to tell of progress. The engines (kernels, solver, empirical NTK,
 * Monte Carlo) extend it with their own settings.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class ExecutionBuilder<B extends ExecutionBuilder<B>> {

    private Simd.Impl impl = Simd.Impl.AUTO;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Progress progress = Progress.NONE;

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

    /** Told of progress during each long call (default: {@link Progress#NONE}); may be called from workers. */
    public B progress(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress (use Progress.NONE for none)");
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

    /** The progress callback chosen. */
    public Progress progressCallback() {
        return progress;
    }

    /** A pool for these settings: the engine being built creates it once and keeps it. */
    public Workers newWorkers() {
        return threads == 1 ? Workers.SINGLE : new Workers(threads);
    }
}
