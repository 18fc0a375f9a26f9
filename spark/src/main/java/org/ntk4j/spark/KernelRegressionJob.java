package org.ntk4j.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.data.FashionMnist;
import org.ntk4j.data.Preprocess;
import org.ntk4j.kernel.Diagonals;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import org.ntk4j.predict.Classification;
import org.ntk4j.simd.Simd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class org.ntk4j.spark.KernelRegressionJob ntk4j-spark.jar ...}: NNGP and
 * NTK kernel regression on Spark, writing DIR/nngp.npy and DIR/ntk.npy (n_test × k posterior
 * means) and DIR/summary.json. A bad input is one line on stderr and exit code 2, before any
 * output is written; CG that misses --tol within --max-iter writes its summary and exits 1.
 */
@Command(name = "spark-regression", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"NNGP and NTK kernel regression on Apache Spark: tiled train kernel cached over the",
                "executors, (K + r I) alpha = Y by preconditioned CG (all classes at once), posterior",
                "means K(X*, X) alpha. Inputs: .npy ('<f8' or '<f4', 2-D) on any Hadoop file system,",
                "or --fashion-mnist."})
public final class KernelRegressionJob implements Callable<Integer> {

    @Option(names = "--train-x", paramLabel = "X.npy", description = "Training inputs, n x d.")
    String trainX;

    @Option(names = "--train-y", paramLabel = "Y.npy", description = "Training targets, n x k (or a vector).")
    String trainY;

    @Option(names = "--test-x", paramLabel = "T.npy", description = "Test inputs, m x d.")
    String testX;

    @Option(names = "--fashion-mnist", arity = "0..1", fallbackValue = "default", paramLabel = "DIR",
            description = "Fashion-MNIST instead of the three files: its IDX files in DIR, or the Debian package"
                    + " dataset-fashion-mnist by default (targets one-hot minus 0.1; accuracy reported).")
    String fashionMnist;

    @Option(names = "--train", defaultValue = "8000", paramLabel = "N", description = "Fashion-MNIST training images (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "2000", paramLabel = "M", description = "Fashion-MNIST test images (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--net", paramLabel = "SPEC", description = "The network in the --net grammar, e.g. \"dense,relu,dense\""
            + " (default with --fashion-mnist: dense,relu,dense,relu,dense,relu,dense).")
    String net;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (any Hadoop file system).")
    String out;

    @Option(names = "--tile", defaultValue = "2048", paramLabel = "B", description = "Rows per tile (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--rank", defaultValue = "200", paramLabel = "R", description = "Preconditioner rank, 0 for none (default: ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--preconditioner", defaultValue = "nystrom", paramLabel = "P",
            description = "pivoted-cholesky or nystrom (default: ${DEFAULT-VALUE}).")
    String preconditioner;

    @Option(names = "--tol", defaultValue = "1e-8", paramLabel = "T",
            description = "Stop when every column's relative residual |y - (K + r I) a| / |y| <= T (default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--max-iter", defaultValue = "5000", paramLabel = "N", description = "CG iteration limit (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--diag-reg", defaultValue = "1e-6", paramLabel = "R",
            description = "r = R x mean diagonal added to the train kernels, as the single-machine path (default: ${DEFAULT-VALUE}).")
    double diagReg;

    @Option(names = "--tiles-out", paramLabel = "DIR", description = "Also write the train and test/train tiles (.npy + manifest.json) here.")
    String tilesOut;

    @Option(names = "--compare", description = "Also run the single-machine path (kernels + Cholesky) on the driver and report agreement.")
    boolean compare;

    @Option(names = "--broadcast-limit", defaultValue = "512", paramLabel = "MIB",
            description = "Inputs up to this size are broadcast, larger ones read per block from the file (default: ${DEFAULT-VALUE}).")
    long broadcastLimitMib;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
            description = "Partitions the CG products read the cached tiles through (default 0: 4 x default parallelism).")
    int partitions;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2] (spark-submit sets it otherwise).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
    List<String> conf = new ArrayList<>();

    @Option(names = "--impl", defaultValue = "auto", paramLabel = "I", description = "auto, vector or scalar kernels (default: ${DEFAULT-VALUE}).")
    String impl;

    private JavaSparkContext given;
    private PrintWriter stdout = new PrintWriter(System.out, true);

    public static void main(String[] args) {
        System.exit(run(args, null, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the job; returns the exit code. With sc null it starts (and stops) its own context.
     */
    public static int run(String[] args, JavaSparkContext sc, PrintWriter out, PrintWriter err) {
        KernelRegressionJob job = new KernelRegressionJob();
        job.given = sc;
        job.stdout = out;
        CommandLine cl = new CommandLine(job);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("ntk4j-spark: " + Errors.oneLine(e));
            err.flush();
            return 2;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("ntk4j-spark: " + e.getMessage() + " (--help lists the options)");
            err.flush();
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Simd.Impl im = switch (impl.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> Simd.Impl.AUTO;
            case "vector" -> Simd.Impl.VECTOR;
            case "scalar" -> Simd.Impl.SCALAR;
            default -> throw new IllegalArgumentException("--impl takes auto, vector or scalar, got '" + impl + "'");
        };
        Preconditioners.Kind kind = Preconditioners.Kind.parse(preconditioner);
        boolean fm = fashionMnist != null;
        if (!fm && (trainX == null || trainY == null || testX == null)) {
            throw new IllegalArgumentException("give --train-x, --train-y and --test-x, or --fashion-mnist");
        }
        if (fm && (trainX != null || trainY != null || testX != null)) {
            throw new IllegalArgumentException("--fashion-mnist replaces --train-x, --train-y and --test-x: give one or the other");
        }
        if (net == null && !fm) {
            throw new IllegalArgumentException("--net is required, e.g. --net \"dense,relu,dense\"");
        }
        Network network = Stax.parse(net != null ? net : "dense,relu,dense,relu,dense,relu,dense");
        KernelRegression.Settings settings = new KernelRegression.Settings(tile, rank, tol, diagReg, kind, maxIter, 64, 42,
                0, partitions, im, tilesOut);
        Configuration hconf = new Configuration();
        NpyFs.Header[] headers = fm ? null : new NpyFs.Header[] {NpyFs.header(trainX, hconf), NpyFs.header(trainY, hconf),
            NpyFs.header(testX, hconf)};
        FashionMnist.Data data = fm ? FashionMnistInput.load(fashionMnist, train, test) : null;
        if (headers != null) {
            Inputs.requireShapes(headers);
        }

        long c0 = System.nanoTime();
        JavaSparkContext sc = given != null ? given : new JavaSparkContext(sparkConf());
        double contextStart = (System.nanoTime() - c0) / 1e9;
        try {
            Configuration fsConf = sc.hadoopConfiguration();
            Inputs.requireOutputDir(out, fsConf);
            long l0 = System.nanoTime();
            DMatrixRMaj xTrain = fm ? data.train().x() : Inputs.readIfSmall(headers[0], broadcastLimitMib, fsConf, compare);
            DMatrixRMaj xTest = fm ? data.test().x() : Inputs.readIfSmall(headers[2], broadcastLimitMib, fsConf, compare);
            DMatrixRMaj y = fm ? Preprocess.oneHotMinusTenth(data.train().labels(), FashionMnist.CLASSES)
                    : Inputs.targets(NpyFs.read(trainY, fsConf), headers[1]);
            // validate at the door with global row numbers (tasks repeat it per block)
            if (xTrain != null) {
                Diagonals.compute(network, xTrain, im, "train-x");
            }
            if (xTest != null) {
                Diagonals.compute(network, xTest, im, "test-x");
            }
            RowSource trainRows = xTrain != null ? RowSource.broadcast(sc, xTrain) : RowSource.file(headers[0], new HadoopConf(fsConf));
            RowSource testRows = xTest != null ? RowSource.broadcast(sc, xTest) : RowSource.file(headers[2], new HadoopConf(fsConf));
            double load = (System.nanoTime() - l0) / 1e9;

            KernelRegression.Outcome o = KernelRegression.run(sc, network, trainRows, y, testRows, settings);
            int k = y.numCols;
            int nTest = testRows.rows();
            Map<String, Object> summary = Summary.of(sc, network, settings, trainRows, testRows, k, o);
            @SuppressWarnings("unchecked")
            Map<String, Object> times = (Map<String, Object>) summary.get("seconds");
            times.put("context_start", contextStart);
            times.put("load", load);
            if (fm) {
                summary.put("data", data.source());
                summary.put("nngp_accuracy", Classification.accuracy(DMatrixRMaj.wrap(nTest, k, o.means()[0]), data.test().labels()));
                summary.put("ntk_accuracy", Classification.accuracy(DMatrixRMaj.wrap(nTest, k, o.means()[1]), data.test().labels()));
            }
            if (compare) {
                summary.put("single_machine", SingleMachine.compare(network, xTrain, y, xTest, diagReg, o, data));
            }
            times.put("total", (System.nanoTime() - start) / 1e9);
            NpyFs.write(out + "/nngp.npy", nTest, k, o.means()[0], fsConf);
            NpyFs.write(out + "/ntk.npy", nTest, k, o.means()[1], fsConf);
            TileFiles.writeText(out + "/summary.json", Json.write(summary), fsConf);
            stdout.println(Summary.line(summary));
            stdout.flush();
            if (!o.cg().converged()[0] || !o.cg().converged()[1]) {
                System.err.printf(Locale.ROOT, "ntk4j-spark: CG did not reach --tol %.1g within --max-iter %d (relative residual"
                        + " NNGP %.3g, NTK %.3g); raise --max-iter or --rank, or --diag-reg%n", tol, maxIter,
                        o.cg().finalResidual(0), o.cg().finalResidual(1));
                return 1;
            }
            return 0;
        } finally {
            if (given == null) {
                sc.stop();
            }
        }
    }

    private SparkConf sparkConf() {
        SparkConf c = new SparkConf().setAppName("ntk4j kernel regression").set("spark.ui.showConsoleProgress", "false");
        if (master != null) {
            c.setMaster(master);
        }
        String m = c.get("spark.master", "local[*]");
        if (!c.contains("spark.master")) {
            c.setMaster(m);
        }
        if (m.startsWith("local")) { // one machine: loopback only, no host name lookup
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        for (String kv : conf) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--conf takes KEY=VALUE, got '" + kv + "'");
            }
            c.set(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return c;
    }
}
