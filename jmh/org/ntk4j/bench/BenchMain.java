package org.ntk4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.ntk4j.bench.report.BenchResult;
import org.ntk4j.bench.report.Env;
import org.ntk4j.bench.report.RegressionCheck;
import org.ntk4j.bench.report.ReportFiles;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH suite (or rebuilds a report from a results file), writes results.json, env.json,
 * report.html and report.md, and optionally checks the run against a baseline. Exit codes: 0 ok,
 * 1 a benchmark failed or the check found a regression, 2 bad usage or unreadable input.
 */
public final class BenchMain {

    static final String USAGE = String.join("\n",
            "Usage: ntk4j bench [--quick | --smoke] [--filter REGEX] [--param NAME=V1,V2]... [--out DIR]",
            "                   [--report-from RESULTS.json] [--check BASELINE.json]",
            "                   [--ratio-tolerance F] [--abs-tolerance F] [--ignore-lock] [--list]",
            "Runs the JMH benchmarks and writes DIR/results.json (JMH JSON), env.json, report.html, report.md.",
            "  --quick             the whole suite in a few minutes: 1 fork, short iterations, pruned grids",
            "  --smoke             every benchmark once at its smallest size, no fork (proves the suite runs)",
            "                      (default: the full grids, 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement)",
            "  --filter REGEX      only benchmarks whose name (package.Class.method) matches REGEX",
            "  --param N=V1,V2     override a @Param grid (repeatable), e.g. --param n=4096; Class.N=... for one",
            "                      class only, e.g. --param EntkBench.n=8",
            "  --out DIR           output directory (default bench-out/<date-time>)",
            "  --report-from FILE  do not run: rebuild the report from an existing JMH JSON file",
            "                      (written beside it unless --out is given)",
            "  --check FILE        compare with a baseline JMH JSON file; exit 1 naming each regression:",
            "                      ratios within the run (speed-ups, eNTK cost ratios, fraction of peak) must",
            "                      keep the tolerance; absolute times count only beyond 3 error bars",
            "  --ratio-tolerance F a run keeps at least F of each baseline ratio (default 0.8)",
            "  --abs-tolerance F   allowed absolute slow-down beyond the error bars (default 1.0 = 2x)",
            "  --ignore-lock       run even while another JMH run holds its lock (/tmp/jmh.lock); the times then",
            "                      share the CPUs with it (--smoke always does: it checks, it does not time)",
            "  --list              list the selected benchmarks and their grids, run nothing");

    /** Parsed command line. */
    record Args(Profile profile, Pattern filter, Map<String, String[]> params, Path out, Path reportFrom,
                Path check, double ratioTolerance, double absTolerance, boolean ignoreLock, boolean list) {
    }

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... argv) {
        try {
            if (List.of(argv).contains("--help") || List.of(argv).contains("-h")) {
                out.println(USAGE);
                return 0;
            }
            Args a = parse(argv);
            return a.reportFrom() != null ? fromFile(a, out) : runSuite(a, out, err);
        } catch (IllegalArgumentException | IOException e) {
            err.println("bench: error: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            return 2;
        }
    }

    static Args parse(String[] argv) {
        Profile profile = Profile.FULL;
        Pattern filter = Pattern.compile(".*");
        Map<String, String[]> params = new LinkedHashMap<>();
        Path out = null;
        Path from = null;
        Path check = null;
        double ratioTol = 0.8;
        double absTol = 1.0;
        boolean list = false;
        boolean ignoreLock = false;
        for (int i = 0; i < argv.length; i++) {
            String o = argv[i];
            switch (o) {
                case "--quick", "--smoke" -> {
                    Profile p = o.equals("--quick") ? Profile.QUICK : Profile.SMOKE;
                    if (profile != Profile.FULL && profile != p) {
                        throw new IllegalArgumentException("--quick and --smoke exclude each other");
                    }
                    profile = p;
                }
                case "--list" -> list = true;
                case "--ignore-lock" -> ignoreLock = true;
                case "--filter" -> {
                    try {
                        filter = Pattern.compile(value(argv, ++i, o));
                    } catch (PatternSyntaxException e) {
                        throw new IllegalArgumentException("--filter: bad regular expression: " + e.getDescription());
                    }
                }
                case "--param" -> {
                    String kv = value(argv, ++i, o);
                    int eq = kv.indexOf('=');
                    if (eq <= 0 || eq == kv.length() - 1) {
                        throw new IllegalArgumentException("--param wants NAME=V1,V2,..., got '" + kv + "'");
                    }
                    params.put(kv.substring(0, eq), kv.substring(eq + 1).split(","));
                }
                case "--out" -> out = Path.of(value(argv, ++i, o));
                case "--report-from" -> from = Path.of(value(argv, ++i, o));
                case "--check" -> check = Path.of(value(argv, ++i, o));
                case "--ratio-tolerance" -> ratioTol = number(value(argv, ++i, o), o);
                case "--abs-tolerance" -> absTol = number(value(argv, ++i, o), o);
                default -> throw new IllegalArgumentException("unknown option '" + o + "' (see --help)");
            }
        }
        new RegressionCheck(ratioTol, absTol); // validates the tolerances before any work
        return new Args(profile, filter, params, out, from, check, ratioTol, absTol,
                ignoreLock || profile == Profile.SMOKE, list);
    }

    private static String value(String[] argv, int i, String option) {
        if (i >= argv.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return argv[i];
    }

    private static double number(String s, String option) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a number, got '" + s + "'");
        }
    }

    /** --report-from: rebuild the report (and check) without running anything. */
    private static int fromFile(Args a, PrintStream out) throws IOException {
        List<BenchResult> results = ReportFiles.readResults(a.reportFrom());
        List<BenchResult> baseline = a.check() == null ? null : ReportFiles.readResults(a.check());
        Path dir = a.out() != null ? a.out() : a.reportFrom().toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Env env = ReportFiles.envBeside(a.reportFrom());
        if (env == null) {
            env = Env.collect(repo(), "report rebuilt from " + a.reportFrom() + " (no env.json beside it: this is the"
                    + " environment of the rebuild, not of the run)");
        }
        ReportFiles.writeReport(dir, results, env);
        out.println("bench: report of " + results.size() + " results: " + dir.resolve(ReportFiles.HTML) + ", "
                + dir.resolve(ReportFiles.MARKDOWN));
        return baseline == null ? 0 : check(a, results, baseline, out);
    }

    private static int runSuite(Args a, PrintStream out, PrintStream err) throws IOException {
        List<BenchResult> baseline = a.check() == null ? null : ReportFiles.readResults(a.check());
        Map<String, List<BenchmarkListEntry>> byClass = select(a.filter());
        if (byClass.isEmpty()) {
            throw new IllegalArgumentException("no benchmark matches --filter " + a.filter().pattern());
        }
        Map<String, Map<String, String[]>> grids = new LinkedHashMap<>();
        for (var e : byClass.entrySet()) {
            grids.put(e.getKey(), grid(a, e.getKey(), e.getValue()));
        }
        for (String key : a.params().keySet()) {
            int dot = key.indexOf('.');
            String cls = dot > 0 ? key.substring(0, dot) : null;
            String name = key.substring(dot + 1);
            if (byClass.entrySet().stream().filter(e -> cls == null || simple(e.getKey()).equals(cls))
                    .flatMap(e -> e.getValue().stream()).noneMatch(b -> declared(List.of(b)).containsKey(name))) {
                throw new IllegalArgumentException("--param " + key + ": no selected benchmark"
                        + (cls == null ? "" : " of class " + cls) + " has a parameter '" + name + "'");
            }
        }
        if (a.list()) {
            grids.forEach((cls, g) -> {
                out.println(cls + ": " + byClass.get(cls).stream().map(BenchmarkListEntry::getUsername)
                        .map(s -> s.substring(s.lastIndexOf('.') + 1)).toList());
                g.forEach((k, v) -> out.println("    " + k + " = " + String.join(",", v)));
            });
            return 0;
        }
        Path dir = a.out() != null ? a.out()
                : Path.of("bench-out", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("cannot write to " + dir);
        }
        if (a.ignoreLock()) {
            System.setProperty("jmh.ignoreLock", "true");
        }
        long start = System.nanoTime();
        List<String> jsons = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (var e : byClass.entrySet()) {
            String cls = e.getKey();
            Path tmp = Files.createTempFile(dir, ".jmh-", ".json");
            try {
                ChainedOptionsBuilder ob = new OptionsBuilder().resultFormat(ResultFormatType.JSON).result(tmp.toString())
                        .shouldFailOnError(true).verbosity(a.profile() == Profile.SMOKE ? VerboseMode.SILENT : VerboseMode.NORMAL);
                e.getValue().forEach(b -> ob.include("^" + Pattern.quote(b.getUsername()) + "$"));
                a.profile().timing(ob, simple(cls));
                if (Runtime.version().feature() >= 24) {
                    // JMH uses sun.misc.Unsafe: without this every fork prints four lines of warnings.
                    // Prepended, so the benchmarks' own jvmArgsAppend (Vector API, heap) stay in force.
                    ob.jvmArgsPrepend("--sun-misc-unsafe-memory-access=allow");
                }
                grids.get(cls).forEach(ob::param);
                long t0 = System.nanoTime();
                int n = new Runner(ob.build()).run().size();
                jsons.add(Files.readString(tmp, StandardCharsets.UTF_8));
                err.printf("bench: %s: %d results in %.1f s%n", simple(cls), n, (System.nanoTime() - t0) / 1e9);
            } catch (RunnerException ex) {
                failures.add(simple(cls) + ": " + rootMessage(ex));
                err.println("bench: error: " + simple(cls) + " failed: " + rootMessage(ex));
                if (rootMessage(ex).contains("JMH lock")) {
                    err.println("bench: another JMH run is going on; wait for it, or pass --ignore-lock");
                    break;
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String merged = ReportFiles.mergeJsonArrays(jsons);
        List<BenchResult> results = BenchResult.parseAll(merged);
        ReportFiles.writeText(dir.resolve(ReportFiles.RESULTS), merged);
        String settings = a.profile().name().toLowerCase() + " profile, filter " + a.filter().pattern()
                + (a.params().isEmpty() ? "" : ", params " + paramText(a.params()))
                + String.format(", wall time %.0f s", seconds);
        Env env = Env.collect(repo(), settings);
        ReportFiles.writeText(dir.resolve(ReportFiles.ENV), env.toJson());
        ReportFiles.writeReport(dir, results, env);
        out.printf("bench: %d results from %d benchmark classes in %.0f s: %s, %s%n", results.size(), byClass.size(),
                seconds, dir.resolve(ReportFiles.HTML), dir.resolve(ReportFiles.MARKDOWN));
        int code = failures.isEmpty() ? 0 : 1;
        for (String f : failures) {
            out.println("bench: FAILED " + f);
        }
        if (baseline != null) {
            code = Math.max(code, check(a, results, baseline, out));
        }
        return code;
    }

    private static int check(Args a, List<BenchResult> results, List<BenchResult> baseline, PrintStream out) {
        RegressionCheck.Outcome o = new RegressionCheck(a.ratioTolerance(), a.absTolerance()).compare(results, baseline);
        String head = "bench: check against " + a.check() + " (" + o.ratiosCompared() + " ratios, " + o.timesCompared()
                + " times compared): ";
        if (o.passed()) {
            out.println(head + "passed");
            return 0;
        }
        out.println(head + (o.regressions().isEmpty() ? "FAILED: nothing in common with the baseline"
                : "FAILED, " + o.regressions().size() + " regressions"));
        o.regressions().forEach(r -> out.println("  regressed: " + r));
        return 1;
    }

    /** Benchmarks matching the filter, by class, in JMH's order. */
    private static Map<String, List<BenchmarkListEntry>> select(Pattern filter) {
        SortedSet<BenchmarkListEntry> all = BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), List.of(".*"), List.of());
        Map<String, List<BenchmarkListEntry>> byClass = new LinkedHashMap<>();
        for (BenchmarkListEntry b : all) {
            if (filter.matcher(b.getUsername()).find()) {
                byClass.computeIfAbsent(b.getUserClassQName(), k -> new ArrayList<>()).add(b);
            }
        }
        return byClass;
    }

    private static Map<String, String[]> declared(List<BenchmarkListEntry> entries) {
        Map<String, String[]> d = new TreeMap<>();
        for (BenchmarkListEntry b : entries) {
            Map<String, String[]> p = b.getParams().orElse(null);
            if (p != null) {
                d.putAll(p);
            }
        }
        return d;
    }

    /**
     * The grid a class runs with: declared, then the profile's overrides, then --param; the value
     * {@code catalog} of a parameter becomes every activation of the catalog, by its description.
     */
    private static Map<String, String[]> grid(Args a, String cls, List<BenchmarkListEntry> entries) {
        Map<String, String[]> g = explicitGrid(a, cls, entries);
        g.replaceAll((k, v) -> java.util.Arrays.asList(v).contains("catalog")
                ? org.ntk4j.kernel.Catalog.sampleActivations().stream().map(org.ntk4j.kernel.Layer::describe).toArray(String[]::new)
                : v);
        return g;
    }

    private static Map<String, String[]> explicitGrid(Args a, String cls, List<BenchmarkListEntry> entries) {
        Map<String, String[]> declared = declared(entries);
        Map<String, String[]> g = new TreeMap<>(declared);
        g.putAll(a.profile().overrides(simple(cls), declared));
        a.params().forEach((k, v) -> { // plain names first, so Class.name overrides them
            if (k.indexOf('.') < 0 && declared.containsKey(k)) {
                g.put(k, v);
            }
        });
        a.params().forEach((k, v) -> {
            int dot = k.indexOf('.');
            if (dot > 0 && k.substring(0, dot).equals(simple(cls)) && declared.containsKey(k.substring(dot + 1))) {
                g.put(k.substring(dot + 1), v);
            }
        });
        return g;
    }

    private static String paramText(Map<String, String[]> p) {
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(String.join(",", v)));
        return b.toString();
    }

    private static String simple(String cls) {
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return String.valueOf(c.getMessage() == null ? c : c.getMessage()).replace('\n', ' ');
    }

    private static Path repo() {
        return Path.of(System.getProperty("ntk4j.root", "."));
    }
}
