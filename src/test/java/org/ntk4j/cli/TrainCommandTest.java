package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;

class TrainCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, int rows, int cols, long seed) throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = r.nextDouble(-1, 1);
        }
        Path p = dir.resolve(name);
        Npy.write(p, m);
        return p;
    }

    private List<String> base(Path x, Path y) {
        return new java.util.ArrayList<>(List.of("train", "--x-train", x.toString(), "--y-train", y.toString(),
                "--depth", "2", "--activation", "erf", "--width", "16"));
    }

    @Test
    void trainsWritesOutputsReportAndParameters() throws IOException {
        Path x = write("x.npy", 8, 3, 1);
        Path y = write("y.npy", 8, 2, 2);
        Path xt = write("xt.npy", 5, 3, 3);
        Path yt = write("yt.npy", 5, 2, 4);
        Path out = dir.resolve("f.npy");
        Path rep = dir.resolve("r.json");
        List<String> args = base(x, y);
        args.addAll(List.of("--x-test", xt.toString(), "--y-test", yt.toString(), "--seed", "5", "--steps", "50",
                "--lr", "0.5", "--out", out.toString(), "--report", rep.toString(), "--params-out", dir.resolve("p").toString()));
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        DMatrixRMaj f = Npy.readMatrix(out);
        assertEquals(5, f.numRows);
        assertEquals(2, f.numCols);
        String json = Files.readString(rep);
        assertTrue(json.startsWith("{\"steps\": 50, \"checkpoints\": [") && json.contains("\"step\": 0,")
                && json.contains("\"step\": 50,") && json.contains("\"test_loss\": ") && json.contains("\"weight_change\": 0.0"), json);
        assertTrue(Files.exists(dir.resolve("p/W2.npy")));
        // zero steps from the saved parameters: the outputs are those of the trained network
        List<String> again = base(x, y);
        Path out2 = dir.resolve("g.npy");
        again.addAll(List.of("--x-test", xt.toString(), "--params-in", dir.resolve("p").toString(), "--steps", "0",
                "--out", out2.toString()));
        assertEquals(0, CliRun.of(again).code());
        assertArrayEquals(f.data, Npy.readMatrix(out2).data);
    }

    @Test
    void crossEntropyTakesClassLabels() throws IOException {
        Path x = write("x.npy", 6, 2, 1);
        DMatrixRMaj labels = new DMatrixRMaj(6, 1, true, 0, 1, 2, 0, 1, 2);
        Path y = dir.resolve("labels.npy");
        Npy.write(y, labels);
        Path out = dir.resolve("logits.npy");
        List<String> args = base(x, y);
        args.addAll(List.of("--seed", "1", "--steps", "20", "--loss", "cross-entropy", "--optimizer", "sgd", "--batch", "3",
                "--out", out.toString()));
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        assertEquals(3, Npy.readMatrix(out).numCols);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws IOException {
        Path x = write("x.npy", 8, 3, 1);
        Path y = write("y.npy", 8, 2, 2);
        Path out = dir.resolve("f.npy");
        List<String> diverge = base(x, y);
        diverge.addAll(List.of("--seed", "1", "--steps", "100", "--lr", "1e8", "--out", out.toString(),
                "--parameterization", "standard"));
        String err = CliRun.of(diverge).badInput();
        assertTrue(err.startsWith("train: error: training diverged at step "), err);
        assertFalse(Files.exists(out));
        DMatrixRMaj nan = new DMatrixRMaj(8, 2);
        nan.data[3] = Double.NaN;
        Path yn = dir.resolve("nan.npy");
        Npy.write(yn, nan);
        List<String> bad = base(x, yn);
        bad.addAll(List.of("--seed", "1", "--steps", "1"));
        assertTrue(CliRun.of(bad).badInput().contains("NaN"));
        List<String> shape = base(x, write("short.npy", 7, 2, 3));
        shape.addAll(List.of("--seed", "1", "--steps", "1"));
        assertTrue(CliRun.of(shape).badInput().contains("needs 8 x 2"));
        List<String> both = base(x, y);
        both.addAll(List.of("--steps", "1"));
        assertTrue(CliRun.of(both).badInput().contains("exactly one of --seed and --params-in"));
    }
}
