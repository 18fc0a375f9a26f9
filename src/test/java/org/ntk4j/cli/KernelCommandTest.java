package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Stax;

/** The kernel command end to end, and every bad-input case: exit 2, one line, no output file. */
class KernelCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path npy(String name, double[][] rows) throws IOException {
        Path p = dir.resolve(name);
        Npy.write(p, new DMatrixRMaj(rows));
        return p;
    }

    private List<String> args(Path x1, String... more) {
        List<String> a = new ArrayList<>(List.of("kernel", "--x1", x1.toString(), "--depth", "2",
                "--nngp-out", dir.resolve("K.npy").toString(), "--ntk-out", dir.resolve("T.npy").toString()));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void writesTheKernelsOfTheLibrary() throws IOException {
        double[][] rows = {{1, 2, 3}, {-1, 0.5, 2}, {0, 1, 0}};
        Path x1 = npy("x1.npy", rows);
        CliRun r = run(args(x1, "--w-std", "1.5", "--b-std", "0.1", "--activation", "erf").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 x 3") && r.out().contains("threads"), r.out());
        Kernels k = Stax.mlp(2, Stax.erf(), 1.5, 0.1).kernels(new DMatrixRMaj(rows));
        DMatrixRMaj kk = Npy.readMatrix(dir.resolve("K.npy"));
        DMatrixRMaj tt = Npy.readMatrix(dir.resolve("T.npy"));
        for (int i = 0; i < 9; i++) {
            assertEquals(k.nngp().data[i], kk.data[i], 0.0);
            assertEquals(k.ntk().data[i], tt.data[i], 0.0);
        }
    }

    @Test
    void scalarAndVectorAreSelectable() throws IOException {
        Path x1 = npy("x1.npy", new double[][] {{1, 2}, {3, 4}});
        for (String impl : new String[] {"scalar", "vector"}) {
            CliRun r = run(args(x1, "--impl", impl, "--threads", "1").toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("impl " + impl), r.out());
        }
    }

    private void assertBadInput(String expect, String... argv) {
        CliRun r = run(argv);
        assertEquals(2, r.code(), "exit code for: " + String.join(" ", argv) + "\n" + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertTrue(err.toLowerCase().contains(expect.toLowerCase()), "'" + expect + "' in: " + err);
        assertFalse(Files.exists(dir.resolve("K.npy")), "no output file");
        assertFalse(Files.exists(dir.resolve("T.npy")), "no output file");
    }

    @Test
    void badInputGetsOneLineAndExitTwo() throws IOException {
        Path good = npy("good.npy", new double[][] {{1, 2, 3}, {4, 5, 6}});
        Path nan = npy("nan.npy", new double[][] {{1, 2, 3}, {4, Double.NaN, 6}});
        Path inf = npy("inf.npy", new double[][] {{1, 2, Double.POSITIVE_INFINITY}});
        Path narrow = npy("narrow.npy", new double[][] {{1, 2}});
        Path zero = npy("zero.npy", new double[][] {{1, 2, 3}, {0, 0, 0}});
        Path garbage = dir.resolve("garbage.npy");
        Files.writeString(garbage, "this is not an npy file");
        assertBadInput("no such file", args(dir.resolve("missing.npy")).toArray(String[]::new));
        assertBadInput("garbage.npy", args(garbage).toArray(String[]::new));
        assertBadInput("NaN", args(nan).toArray(String[]::new));
        assertBadInput("Infinity", args(inf).toArray(String[]::new));
        assertBadInput("different dimensions", args(good, "--x2", narrow.toString()).toArray(String[]::new));
        assertBadInput("w-std", args(good, "--w-std", "-1").toArray(String[]::new));
        assertBadInput("b-std", args(good, "--b-std", "NaN").toArray(String[]::new));
        assertBadInput("depth", "kernel", "--x1", good.toString(), "--depth", "-1",
                "--nngp-out", dir.resolve("K.npy").toString());
        assertBadInput("angle is undefined", args(zero).toArray(String[]::new));
        assertBadInput("unknown activation", args(good, "--activation", "tnah").toArray(String[]::new));
        assertBadInput("not both", args(good, "--net", "dense,relu,dense").toArray(String[]::new));
        assertBadInput("layer 2 'relu(1)': relu takes no arguments", "kernel", "--x1", good.toString(), "--net",
                "dense, relu(1), dense", "--nngp-out", dir.resolve("K.npy").toString());
        assertBadInput("the last layer must be dense", "kernel", "--x1", good.toString(), "--net", "dense,erf",
                "--nngp-out", dir.resolve("K.npy").toString());
        assertBadInput("does not exist", "kernel", "--x1", good.toString(), "--depth", "1",
                "--nngp-out", dir.resolve("no/such/dir/K.npy").toString());
    }

    @Test
    void tooLargeForMemoryIsRefusedUpFront() throws IOException {
        double[][] rows = new double[60_000][1];
        for (double[] r : rows) {
            r[0] = 1;
        }
        Path big = npy("big.npy", rows);
        assertBadInput("kernel", args(big).toArray(String[]::new));
    }

    @Test
    void helpDocumentsEveryOption() {
        CliRun r = run("kernel", "--help");
        assertEquals(0, r.code());
        for (String opt : new String[] {"--x1", "--x2", "--net", "--depth", "--activation", "--w-std", "--b-std",
                "--impl", "--threads", "--nngp-out", "--ntk-out"}) {
            assertTrue(r.out().contains(opt), opt);
        }
    }
}
