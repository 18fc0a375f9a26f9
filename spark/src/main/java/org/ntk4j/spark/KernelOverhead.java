package org.ntk4j.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import org.ntk4j.simd.Simd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/ntk4j spark-overhead}: the train-kernel phase on Spark (tiles computed and cached,
 * as {@link KernelRegression} does) against the single-process kernel ({@link KernelEngine} on as
 * many threads as the master has cores, allocating its outputs as the CLI does), alternating in one
 * JVM so both see the same machine; wall and process CPU time of each, the context start timed
 * separately. Prints one JSON object.
 */
@Command(name = "spark-overhead", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times the Spark train-kernel phase against the single-process kernel, alternating.")
public final class KernelOverhead implements Callable<Integer> {

    @Option(names = "--x", paramLabel = "X.npy", description = "Inputs, n x d (or --fashion-mnist).")
    String x;

    @Option(names = "--fashion-mnist", arity = "0..1", fallbackValue = "default", paramLabel = "DIR",
            description = "Fashion-MNIST training images instead of --x.")
    String fashionMnist;

    @Option(names = "--train", defaultValue = "16000", paramLabel = "N", description = "Fashion-MNIST images (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--net", defaultValue = "dense,relu,dense,relu,dense,relu,dense", paramLabel = "SPEC",
            description = "The network (default: ${DEFAULT-VALUE}).")
    String net;

    @Option(names = "--tile", defaultValue = "2048", paramLabel = "B", description = "Rows per tile (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--reps", defaultValue = "3", paramLabel = "R", description = "Repetitions of each (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--master", defaultValue = "local[2]", paramLabel = "URL", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cl = new CommandLine(new KernelOverhead());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("ntk4j-spark: " + Errors.oneLine(e));
            return 2;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if ((x == null) == (fashionMnist == null)) {
            throw new IllegalArgumentException("give --x or --fashion-mnist");
        }
        if (reps < 1) {
            throw new IllegalArgumentException("--reps must be >= 1, got " + reps);
        }
        Network network = Stax.parse(net);
        DMatrixRMaj xs = x != null ? NpyFs.read(x, new Configuration()) : FashionMnistInput.load(fashionMnist, train, 1).train().x();
        int n = xs.numRows;
        long c0 = System.nanoTime();
        SparkConf conf = new SparkConf().setMaster(master).setAppName("ntk4j kernel overhead")
                .set("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            double contextStart = (System.nanoTime() - c0) / 1e9;
            int threads = sc.defaultParallelism();
            KernelEngine engine = KernelEngine.builder().threads(threads).build();
            TileGrid grid = TileGrid.symmetric(n, Math.min(tile, n));
            RowSource rows = RowSource.broadcast(sc, xs);
            MemoryPlan.of(sc, grid, xs.numCols).require();
            List<Double> single = new ArrayList<>();
            List<Double> spark = new ArrayList<>();
            List<Double> singleCpu = new ArrayList<>();
            List<Double> sparkCpu = new ArrayList<>();
            List<Double> singleGc = new ArrayList<>();
            List<Double> sparkGc = new ArrayList<>();
            for (int rep = 0; rep < reps; rep++) {
                long s0 = System.nanoTime();
                double cpu0 = processCpu();
                double gc0 = gcSeconds();
                engine.compute(network, xs); // fresh outputs, as the CLI's kernel phase allocates them
                single.add((System.nanoTime() - s0) / 1e9);
                singleCpu.add(processCpu() - cpu0);
                singleGc.add(gcSeconds() - gc0);
                long p0 = System.nanoTime();
                double cpu1 = processCpu();
                double gc1 = gcSeconds();
                sc.setJobDescription("ntk4j: train kernel, " + grid.tileCount() + " tiles (overhead check " + (rep + 1) + ")");
                JavaRDD<TileData> tiles = TiledKernels.tiles(sc, network, rows, null, grid, Simd.Impl.AUTO)
                        .persist(StorageLevel.MEMORY_ONLY());
                long count = tiles.count();
                spark.add((System.nanoTime() - p0) / 1e9);
                sparkCpu.add(processCpu() - cpu1);
                sparkGc.add(gcSeconds() - gc1);
                if (count != grid.tileCount()) {
                    throw new IllegalStateException(count + " tiles for " + grid.tileCount());
                }
                tiles.unpersist(true);
            }
            double ms = median(single);
            double mp = median(spark);
            r.put("n", n);
            r.put("d", xs.numCols);
            r.put("network", network.toString());
            r.put("master", master);
            r.put("threads", threads);
            r.put("tile", grid.size());
            r.put("tiles", grid.tileCount());
            r.put("context_start_s", contextStart);
            r.put("single_process_s", single);
            r.put("spark_s", spark);
            r.put("single_process_cpu_s", singleCpu);
            r.put("spark_cpu_s", sparkCpu);
            r.put("single_process_gc_s", singleGc);
            r.put("spark_gc_s", sparkGc);
            r.put("single_process_median_s", ms);
            r.put("spark_median_s", mp);
            r.put("overhead", mp / ms - 1);
            r.put("cpu_overhead", median(sparkCpu) / median(singleCpu) - 1);
            r.put("cpu", cpuModel());
        }
        System.out.print(Json.write(r));
        System.out.printf(Locale.ROOT, "spark-overhead: n = %d, %d tiles of %d: Spark %.2f s vs single process %.2f s"
                + " (medians of %d): overhead %+.1f %% wall, %+.1f %% CPU time; context start %.2f s (excluded)%n", n, grid(r),
                tile, (Double) r.get("spark_median_s"), (Double) r.get("single_process_median_s"), reps,
                100 * (Double) r.get("overhead"), 100 * (Double) r.get("cpu_overhead"), (Double) r.get("context_start_s"));
        return 0;
    }

    private static long grid(Map<String, Object> r) {
        return (Long) r.get("tiles");
    }

    /** CPU seconds this process has used, all threads (the machine may be shared: wall time is not work). */
    static double processCpu() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    static double gcSeconds() {
        long ms = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms / 1e3;
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no model name
        }
        return System.getProperty("os.arch");
    }
}
