package org.ntk4j.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * A fixed number of worker threads for loops whose iterations write disjoint outputs, so that the
 * result never depends on the thread count or on scheduling. Every engine (kernels, solver,
 * empirical NTK) creates one when it is built and reuses it for every call; its threads are
 * daemons that retire when idle, and {@link #close} stops them at once.
 */
public final class Workers implements AutoCloseable {

    /** One iteration of a parallel loop. */
    @FunctionalInterface
    public interface Task {
        void run(int index);
    }

    private final int threads;
    private final ForkJoinPool pool;

    /** threads ≥ 1; with one thread every loop runs on the caller. */
    public Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    /** One worker: every loop runs on the caller, no threads. */
    public static final Workers SINGLE = new Workers(1);

    /** As many workers as processors. */
    public static Workers all() {
        return new Workers(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /** Runs task(0) ... task(count − 1), in parallel when there are several workers. */
    public void forEach(int count, Task task) {
        if (pool == null || count <= 1) {
            for (int i = 0; i < count; i++) {
                task.run(i);
            }
            return;
        }
        List<ForkJoinTask<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int idx = i;
            futures.add(pool.submit(() -> task.run(idx)));
        }
        RuntimeException failure = null;
        for (ForkJoinTask<?> f : futures) {
            try {
                f.join();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
