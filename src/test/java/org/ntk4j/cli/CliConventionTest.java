package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/** One convention for every command: exit codes, defaults, choices and help texts. */
class CliConventionTest {

    @TempDir
    Path dir;

    /** A command that fails the way a bug does. */
    @Command(name = "fault")
    static final class Fault implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("an injected fault");
        }
    }

    @Test
    void anInternalErrorExitsOneAndSaysSoWithoutAStackTrace() {
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand("fault", new Fault());
        CliRun r = CliRun.of(cl, "fault");
        assertEquals(Main.INTERNAL_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("fault: internal error (please report): "), r.err());
        assertTrue(r.err().contains("an injected fault"), r.err());
        assertFalse(r.err().contains("\tat "), "a stack trace: " + r.err());
    }

    @Test
    void badInputAndUsageErrorsExitTwo() throws IOException {
        String missing = CliRun.of("kernel", "--x1", dir.resolve("absent.npy").toString(),
                "--nngp-out", dir.resolve("k.npy").toString()).badInput();
        assertTrue(missing.startsWith("kernel: error: ") && missing.contains("absent.npy"), missing);
        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "not an npy file");
        assertTrue(CliRun.of("kernel", "--x1", bad.toString(), "--nngp-out", dir.resolve("k.npy").toString())
                .badInput().startsWith("kernel: error: "));
        assertTrue(CliRun.of("kernel", "--no-such-option").badInput().startsWith("kernel: error: "));
        assertTrue(CliRun.of("entk", "--mode", "sideways", "--x1", "a.npy", "--outputs", "2", "--seed", "1",
                "--width", "4", "--out", "e.npy").badInput().contains("'sideways' is not one of full, logits, trace"));
    }

    /** Every option that several commands share has one default, and its help shows it. */
    @Test
    void sharedOptionsHaveTheSameDefaultInEveryCommand() {
        Map<String, Map<String, String>> defaults = new TreeMap<>();
        CommandLine root = new CommandLine(new Main());
        for (Map.Entry<String, CommandLine> c : root.getSubcommands().entrySet()) {
            for (OptionSpec o : c.getValue().getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                String shown = o.defaultValue() != null ? o.defaultValue() : "(none)";
                defaults.computeIfAbsent(o.longestName(), k -> new TreeMap<>()).put(c.getKey(), shown);
            }
        }
        assertTrue(defaults.get("--w-std").size() >= 5, "the network options are shared: " + defaults.get("--w-std"));
        for (Map.Entry<String, Map<String, String>> e : defaults.entrySet()) {
            Set<String> values = new TreeSet<>(e.getValue().values());
            assertEquals(1, values.size(), e.getKey() + " has different defaults: " + e.getValue());
        }
        String predict = usage(root, "predict");
        String kernel = usage(root, "kernel");
        assertTrue(predict.contains("neural-tangents") && kernel.contains("neural-tangents"),
                "the help says whose defaults these are");
    }

    /**
     * What a user reads: each command's --help, parsed. An option that several commands list shows
     * the same "(default: ...)" text in each (or none in each).
     */
    @Test
    void everyHelpShowsTheSameDefaultForTheSameOption() {
        CommandLine root = new CommandLine(new Main());
        Map<String, Map<String, String>> shown = new TreeMap<>();
        for (String command : root.getSubcommands().keySet()) {
            helpDefaults(usage(root, command)).forEach((option, value) ->
                    shown.computeIfAbsent(option, k -> new TreeMap<>()).put(command, value));
        }
        assertTrue(shown.get("--w-std").get("predict").startsWith("1.0,"), "--w-std's default in the help: " + shown.get("--w-std"));
        assertTrue(shown.get("--b-std").get("fashion-mnist").startsWith("0.0,"), "--b-std's default in the help: " + shown.get("--b-std"));
        assertTrue(shown.get("--w-std").size() >= 5 && shown.containsKey("--impl") && shown.containsKey("--threads"), shown.keySet().toString());
        for (Map.Entry<String, Map<String, String>> e : shown.entrySet()) {
            assertEquals(1, new TreeSet<>(e.getValue().values()).size(),
                    e.getKey() + " shows different defaults: " + e.getValue());
        }
    }

    /** Option name to the default its help text shows ("" for none), from one usage message. */
    static Map<String, String> helpDefaults(String usage) {
        Map<String, String> out = new TreeMap<>();
        String option = null;
        StringBuilder text = new StringBuilder();
        for (String line : (usage + "\n  --end-of-help").split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s+(?:-\\w, )?(--[a-z0-9-]+)").matcher(line);
            if (m.find() || line.isBlank()) {
                if (option != null) {
                    java.util.regex.Matcher d = java.util.regex.Pattern.compile("\\(default: ([^)]*)\\)")
                            .matcher(text.toString().replaceAll("\\s+", " "));
                    out.put(option, d.find() ? d.group(1) : "");
                }
                option = line.isBlank() ? null : m.group(1);
                text.setLength(0);
            }
            if (option != null) {
                text.append(' ').append(line);
            }
        }
        return out;
    }

    @Test
    void choicesComeFromTheCode() {
        CommandLine root = new CommandLine(new Main());
        assertTrue(usage(root, "entk").contains("full, logits, trace"), usage(root, "entk"));
        assertTrue(usage(root, "entk").contains("structured, jacobian"));
        assertTrue(usage(root, "predict").contains("blocked, ejml"));
        assertTrue(usage(root, "predict").contains("nngp, ntk"));
        assertTrue(usage(root, "kernel").contains("auto, vector, scalar") || usage(root, "kernel").contains("auto, scalar, vector"),
                usage(root, "kernel"));
        assertEquals(0, CliRun.of("predict", "--help").code());
    }

    /** Help texts speak of options and formats, never of the library's classes. */
    @Test
    void helpTextsNameNoInternalClass() throws IOException {
        Set<String> classes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("user.dir"), "src", "main", "java"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .forEach(classes::add);
        }
        classes.removeAll(DOMAIN_WORDS);
        CommandLine root = new CommandLine(new Main());
        StringBuilder all = new StringBuilder(root.getUsageMessage());
        root.getSubcommands().keySet().forEach(c -> all.append(usage(root, c)));
        String text = all.toString();
        assertFalse(text.contains("org.ntk4j"), "a package name in the help");
        Set<String> named = new TreeSet<>();
        for (String c : classes) {
            if (text.matches("(?s).*\\b" + c + "\\b.*")) {
                named.add(c);
            }
        }
        assertEquals(Set.of(), named, "the help names these classes");
    }

    /**
     * Class names that are also words a user knows: neural-tangents' layer (Dense), the
     * factorisation (Cholesky) and plain English (Inputs), so the help may use them as words.
     */
    private static final Set<String> DOMAIN_WORDS = Set.of("Cholesky", "Dense", "Inputs");

    private static String usage(CommandLine root, String command) {
        return root.getSubcommands().get(command).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }
}
