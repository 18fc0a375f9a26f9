package org.ntk4j.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ntk4j.simd.Simd;

/**
 * The environment a run was measured in, recorded with every report: JDK, vector species length,
 * CPU model, processor count, git commit, run settings. Stored as a flat JSON object of strings.
 */
public record Env(Map<String, String> fields) {

    /** Describes this JVM and machine; {@code settings} names how the suite was run. */
    public static Env collect(Path repo, String settings) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        m.put("vectorSpeciesDoubles", Integer.toString(Simd.lanes()));
        m.put("cpuModel", cpuModel());
        m.put("availableProcessors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("maxHeap", (Runtime.getRuntime().maxMemory() >> 20) + " MiB (runner JVM)");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("gitCommit", git(repo, "rev-parse", "HEAD"));
        m.put("gitDirty", git(repo, "status", "--porcelain").isEmpty() ? "no" : "yes (uncommitted changes)");
        m.put("date", Instant.now().toString());
        m.put("settings", settings);
        return new Env(m);
    }

    /** Reads env.json; IllegalArgumentException when malformed. */
    public static Env read(Path file) throws IOException {
        Object o = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (!(o instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": not an env object");
        }
        Map<String, String> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
        return new Env(m);
    }

    /** This environment as JSON. */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\n");
        int i = 0;
        for (var e : fields.entrySet()) {
            b.append("  ").append(Json.quote(e.getKey())).append(": ").append(Json.quote(e.getValue()))
                    .append(++i < fields.size() ? ",\n" : "\n");
        }
        return b.append("}\n").toString();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through to the architecture
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }

    /** Output of a local git command in repo, or "unknown" (no git, not a repository). */
    private static String git(Path repo, String... args) {
        try {
            String[] cmd = new String[args.length + 3];
            cmd[0] = "git";
            cmd[1] = "-C";
            cmd[2] = repo.toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "unknown";
            }
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
