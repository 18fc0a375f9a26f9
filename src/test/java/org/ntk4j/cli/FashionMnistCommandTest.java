package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job on the embedded subset, small: accuracy well above chance, outputs, bad input. */
class FashionMnistCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void classifiesTheEmbeddedSubsetWellAboveChance() throws IOException {
        Path json = dir.resolve("r.json");
        CliRun r = run("fashion-mnist", "--data", "embedded", "--train", "1000", "--test", "500", "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("NNGP posterior ([0-9.]+) %, NTK gradient descent \\(t = inf\\) ([0-9.]+) %")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        // chance is 10 %; a 3-layer NNGP on 1000 Fashion-MNIST images reaches about 80 %
        assertTrue(Double.parseDouble(m.group(1)) > 70, r.out());
        assertTrue(Double.parseDouble(m.group(2)) > 70, r.out());
        assertTrue(r.out().contains("time: load") && r.out().contains("memory: peak heap")
                && r.out().contains("environment: JDK"), r.out());
        String j = Files.readString(json);
        assertTrue(j.startsWith("{") && j.contains("\"nngp_accuracy\": 0.") && j.contains("\"kernel_s\": "), j);
    }

    @Test
    void aFiniteTimeGoesThroughTheEigendecomposition() throws IOException {
        Path md = dir.resolve("r.md");
        CliRun early = run("fashion-mnist", "--data", "embedded", "--train", "200", "--test", "100", "--depth", "1",
                "--time", "0", "--out", md.toString());
        assertEquals(0, early.code(), early.err());
        // at t = 0 the NTK predictions are all zero, so argmax picks class 0 everywhere
        assertTrue(early.out().contains("steps at learning rate"), early.out());
        assertTrue(Files.readString(md).contains("| learning_rate |"));
        CliRun late = run("fashion-mnist", "--data", "embedded", "--train", "200", "--test", "100", "--depth", "1",
                "--time", "1e9");
        Matcher m = Pattern.compile("NNGP posterior ([0-9.]+) %, NTK gradient descent \\(t = [^)]*\\) ([0-9.]+) %")
                .matcher(late.out());
        assertTrue(m.find(), late.out());
        assertTrue(Double.parseDouble(m.group(2)) > 50, late.out());
    }

    @Test
    void sweepWritesTableAndPlot() throws IOException {
        Path svg = dir.resolve("s.svg");
        Path json = dir.resolve("s.json");
        CliRun r = run("fashion-mnist", "--data", "embedded", "--sweep", "--sweep-sizes", "100,300,5000",
                "--sweep-depths", "1,2", "--test", "200", "--plot", svg.toString(), "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        // 5000 is capped at the 2000 the embedded subset holds
        assertTrue(r.out().contains("| train | NNGP L=1 | NTK L=1 | NNGP L=2 | NTK L=2 |"), r.out());
        assertTrue(r.out().contains("| 2000 |") && r.out().contains("| 100 |") && !r.out().contains("| 5000 |"), r.out());
        String plot = Files.readString(svg);
        assertTrue(plot.startsWith("<svg") && plot.contains("polyline") && plot.trim().endsWith("</svg>"));
        assertTrue(Files.readString(json).contains("\"rows\": ["));
    }

    @Test
    void badInputIsOneLineExitTwoAndNoFile() {
        Path out = dir.resolve("r.json");
        String[][] cases = {
            {"--train", "0"},
            {"--time", "-1"},
            {"--time", "soon"},
            {"--diag-reg", "-1e-6"},
            {"--depth", "-1"},
            {"--activation", "tnah"},
            {"--solver", "lapack"},
            {"--train", "3000", "--data", "embedded"},
            {"--data", dir.resolve("missing").toString()},
            {"--sweep", "--time", "5"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "fashion-mnist";
            System.arraycopy(c, 0, args, 1, c.length);
            args[c.length + 1] = "--out";
            args[c.length + 2] = out.toString();
            CliRun r = run(args);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith("fashion-mnist: error: ") && r.err().strip().lines().count() == 1,
                    String.join(" ", c) + ": " + r.err());
            assertFalse(Files.exists(out), String.join(" ", c));
        }
        CliRun bad = run("fashion-mnist", "--out", dir.resolve("r.txt").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains(".json or .md"), bad.err());
    }

    /** The prediction digest is the same for 1 and 2 threads, and it sees a one-ulp change. */
    @Test
    void predictionsAreBitIdenticalAcrossThreadCounts() throws IOException {
        String[] digests = new String[2];
        for (int t = 1; t <= 2; t++) {
            Path json = dir.resolve("t" + t + ".json");
            CliRun r = run("fashion-mnist", "--data", "embedded", "--train", "300", "--test", "150", "--depth", "2",
                    "--threads", String.valueOf(t), "--out", json.toString());
            assertEquals(0, r.code(), r.err());
            Matcher m = Pattern.compile("\"predictions_sha256\": \"([0-9a-f]{64})\"").matcher(Files.readString(json));
            assertTrue(m.find());
            digests[t - 1] = m.group(1);
        }
        assertEquals(digests[0], digests[1]);
        org.ejml.data.DMatrixRMaj a = new org.ejml.data.DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
        org.ejml.data.DMatrixRMaj b = a.copy();
        b.data[4] = Math.nextUp(b.data[4]);
        assertEquals(FashionMnistCommand.digest(a), FashionMnistCommand.digest(a.copy()));
        assertFalse(FashionMnistCommand.digest(a).equals(FashionMnistCommand.digest(b)));
    }
}
