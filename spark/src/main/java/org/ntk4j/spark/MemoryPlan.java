package org.ntk4j.spark;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.ntk4j.linalg.MemoryCheck;

/**
 * What the cached train tiles and one tile task need, against what the executors have, checked
 * before any tile is computed. A cached tile holds both kernels, 2 · 8 · b² bytes for b × b; the
 * cache spreads over the executors; a running task also holds its two blocks of rows (2 · 8 · b · d)
 * and its result tile. Spark's unified region, (heap − 300 MiB) · spark.memory.fraction, must hold
 * an executor's share of the cache; the rest of the heap ("user memory") the running tasks' tiles.
 *
 * @param tileBytes     bytes of one full tile of both kernels
 * @param cacheBytes    bytes of all cached tiles
 * @param taskBytes     bytes one running tile task holds
 * @param executors     executors the cache is spread over
 * @param coresPerExec  tasks running at once on one executor
 * @param executorHeap  heap of one executor (bytes)
 * @param unifiedBytes  Spark's unified (execution + storage) region of one executor
 */
public record MemoryPlan(long tileBytes, long cacheBytes, long taskBytes, int executors, int coresPerExec,
                         long executorHeap, long unifiedBytes) {

    /** Spark's reserved system memory per executor (UnifiedMemoryManager). */
    static final long RESERVED = 300L << 20;

    /** The plan for a symmetric train grid with inputs of d columns on this context's executors. */
    public static MemoryPlan of(JavaSparkContext sc, TileGrid grid, int d) {
        SparkConf conf = sc.getConf();
        boolean local = sc.isLocal();
        long heap = local ? Runtime.getRuntime().maxMemory() : conf.getSizeAsBytes("spark.executor.memory", "1g");
        int executors = local ? 1 : Math.max(1, conf.getInt("spark.executor.instances",
                Math.max(1, sc.sc().getExecutorMemoryStatus().size() - 1)));
        int cores = local ? sc.defaultParallelism() : conf.getInt("spark.executor.cores", 1);
        double fraction = conf.getDouble("spark.memory.fraction", 0.6);
        return of(grid, d, executors, cores, heap, fraction);
    }

    /** The plan for explicit executor resources. */
    public static MemoryPlan of(TileGrid grid, int d, int executors, int coresPerExec, long executorHeap, double fraction) {
        long b = grid.size();
        long tile = 2L * 8 * b * b;
        long cache = 2L * 8 * grid.storedEntries();
        long task = tile + 2L * 8 * b * d;
        long unified = (long) (Math.max(0, executorHeap - RESERVED) * fraction);
        return new MemoryPlan(tile, cache, task, executors, coresPerExec, executorHeap, unified);
    }

    /** An executor's share of the cache. */
    public long cachePerExecutor() {
        return (cacheBytes + executors - 1) / executors;
    }

    /**
     * Throws, in one line, when the cache share or the running tasks do not fit.
     *
     * @throws IllegalArgumentException naming the sizes and what to change
     */
    public void require() {
        long user = executorHeap - RESERVED - unifiedBytes;
        if (cachePerExecutor() > unifiedBytes || (long) coresPerExec * taskBytes > user) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the tiles do not fit executor memory: %s of cached tiles over %d executor(s) is %s each, and %d"
                            + " running task(s) of %s each, but an executor has %s of heap (%s for the cache, %s for"
                            + " tasks); use a smaller --tile, more executors or more spark.executor.memory (docs/spark.md)",
                    MemoryCheck.format(cacheBytes), executors, MemoryCheck.format(cachePerExecutor()), coresPerExec,
                    MemoryCheck.format(taskBytes), MemoryCheck.format(executorHeap), MemoryCheck.format(unifiedBytes),
                    MemoryCheck.format(Math.max(0, user))));
        }
    }
}
