package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.finite.EmpiricalNtk;
import org.ntk4j.finite.Initializer;
import org.ntk4j.finite.MonteCarlo;
import org.ntk4j.finite.Mlp;
import org.ntk4j.finite.Params;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyArray;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;

/** The entk and mc commands end to end, and their bad-input cases: exit 2, one line, no file. */
class FiniteCommandsTest {

    @TempDir
    Path dir;

    private static CliRun run(List<String> args) {
        return CliRun.of(args);
    }

    private Path x1() throws IOException {
        Path p = dir.resolve("x1.npy");
        Npy.write(p, new DMatrixRMaj(new double[][] {{1, 2, 3}, {-1, 0.5, 2}, {0, 1, 0}, {0.3, -0.2, 0.9}}));
        return p;
    }

    private List<String> entk(Path x1, String... more) {
        List<String> a = new ArrayList<>(List.of("entk", "--x1", x1.toString(), "--depth", "2", "--outputs", "3",
                "--activation", "erf", "--w-std", "1.5", "--b-std", "0.1", "--out", dir.resolve("E.npy").toString()));
        a.addAll(List.of(more));
        return a;
    }

    private final Network net = Stax.mlp(2, Stax.erf(), 1.5, 0.1);

    @Test
    void entkFullWithParamsOutAndCompareMatchesTheLibrary() throws IOException {
        Path x1 = x1();
        Path params = dir.resolve("params");
        CliRun r = run(entk(x1, "--width", "20", "--seed", "5", "--mode", "full", "--compare", "--params-out", params.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(4, 4, 3, 3)") && r.out().contains("LOGITS vs FULL: relative Frobenius error"), r.out());
        NpyArray e = Npy.read(dir.resolve("E.npy"));
        assertArrayEquals(new int[] {4, 4, 3, 3}, e.shape());
        Mlp mlp = Mlp.init(net, new Mlp.Shape(3, 20, 3), 5);
        DMatrixRMaj x = Npy.readMatrix(x1);
        assertArrayEquals(EmpiricalNtk.defaults().full(mlp, x).data(), e.data(), 0.0, "same seed, same bits");
        Mlp saved = Params.load(net, params);
        assertArrayEquals(mlp.weight(1).data, saved.weight(1).data, 0.0);
        double err = EmpiricalNtk.defaults().full(mlp, x).relativeErrorOf(EmpiricalNtk.defaults().logits(mlp, x));
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "%.6g", err)), r.out() + " vs " + err);
    }

    @Test
    void entkLogitsFromLoadedParamsWithJacobianMethodAndX2() throws IOException {
        Path x1 = x1();
        Path params = dir.resolve("p");
        Mlp mlp = Mlp.init(net, new Mlp.Shape(3, 7, 3), 11);
        Params.save(mlp, params);
        Path x2 = dir.resolve("x2.csv");
        Files.writeString(x2, "0.5,0.5,0.5\n-1,2,0\n");
        CliRun r = run(entk(x1, "--params-in", params.toString(), "--mode", "logits", "--method", "jacobian",
                "--x2", x2.toString()));
        assertEquals(0, r.code(), r.err());
        DMatrixRMaj got = Npy.readMatrix(dir.resolve("E.npy"));
        DMatrixRMaj want = EmpiricalNtk.defaults().logits(mlp, Npy.readMatrix(x1),
                new DMatrixRMaj(new double[][] {{0.5, 0.5, 0.5}, {-1, 2, 0}}));
        assertEquals(4, got.numRows);
        assertEquals(2, got.numCols);
        for (int i = 0; i < 8; i++) {
            // jacobian vs structured: round-off of a sum of P ≈ 130 terms, 1e-13 relative is ample
            assertEquals(want.data[i], got.data[i], 1e-13 * Math.abs(want.data[i]) + 1e-15);
        }
    }

    /** args with the value of option opt replaced. */
    private static List<String> with(List<String> args, String opt, String value) {
        args.set(args.indexOf(opt) + 1, value);
        return args;
    }

    private void assertRefused(List<String> args, String... fragments) {
        CliRun r = run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in " + r.err());
        }
        assertFalse(Files.exists(dir.resolve("E.npy")), "no output file");
        assertFalse(Files.exists(dir.resolve("K.npy")), "no output file");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary file left");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void entkBadInputs() throws IOException {
        Path x1 = x1();
        assertRefused(entk(x1, "--width", "4"), "exactly one of --seed and --params-in");
        assertRefused(entk(x1, "--seed", "1"), "missing --width");
        assertRefused(entk(x1, "--width", "4", "--seed", "1", "--mode", "diag"), "'diag' is not one of full, logits, trace");
        assertRefused(entk(x1, "--width", "4", "--seed", "1", "--method", "magic"), "'magic' is not one of structured, jacobian");
        assertRefused(entk(x1, "--width", "0", "--seed", "1"), "--width must be >= 1");
        assertRefused(entk(x1, "--width", "4", "--seed", "1", "--w-std", "-1"), "w-std");
        assertRefused(with(entk(x1, "--width", "4", "--seed", "1"), "--activation", "tnah"), "unknown activation 'tnah'");
        List<String> csvFull = entk(x1, "--width", "4", "--seed", "1", "--mode", "full");
        csvFull.set(csvFull.indexOf("--out") + 1, dir.resolve("E.csv").toString());
        assertRefused(csvFull, "must be a .npy file");
        assertRefused(with(entk(x1, "--width", "4", "--seed", "1"), "--out", dir.resolve("no/such/E.npy").toString()), "does not exist");
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, new DMatrixRMaj(new double[][] {{1, Double.NaN, 0}}));
        assertRefused(entk(nan, "--width", "4", "--seed", "1"), "x1 row 0, column 1 is NaN");
        Path wide = dir.resolve("wide.npy");
        Npy.write(wide, new DMatrixRMaj(2, 5));
        assertRefused(entk(x1, "--width", "4", "--seed", "1", "--x2", wide.toString()), "x2 is 2 x 5");
        // loaded parameters inconsistent with the options
        Path params = dir.resolve("p");
        Params.save(Mlp.init(net, new Mlp.Shape(3, 6, 2), 1), params);
        assertRefused(entk(x1, "--params-in", params.toString()), "--params-in has 2 outputs", "--outputs is 3");
        List<String> deeper = with(entk(x1, "--params-in", params.toString()), "--outputs", "2");
        deeper.set(deeper.indexOf("--depth") + 1, "3");
        assertRefused(deeper, "3 hidden layers needs 4", "got 3");
        assertRefused(with(entk(x1, "--params-in", params.toString(), "--width", "5"), "--outputs", "2"),
                "has 6 units but --width is 5");
        assertRefused(entk(x1, "--params-in", dir.resolve("none").toString()), "no such directory");
        Files.writeString(dir.resolve("afile"), "x");
        assertRefused(entk(x1, "--width", "4", "--seed", "1", "--params-out", dir.resolve("afile").toString()), "not a writable directory");
        Files.delete(dir.resolve("afile"));
    }

    @Test
    void entkRefusesATooLargeFullKernelUpFront() throws IOException {
        Path big = dir.resolve("big.npy");
        Npy.write(big, new DMatrixRMaj(3000, 1));
        List<String> a = entk(big, "--width", "2", "--seed", "1", "--mode", "full");
        a.set(a.indexOf("--outputs") + 1, "100");
        assertRefused(a, "FULL eNTK of shape (3000, 3000, 100, 100)", "GiB");
        // --compare needs the full kernel too
        List<String> c = entk(big, "--width", "2", "--seed", "1", "--mode", "logits", "--compare");
        c.set(c.indexOf("--outputs") + 1, "100");
        assertRefused(c, "FULL eNTK");
    }

    private List<String> mc(Path x1, String... more) {
        List<String> a = new ArrayList<>(List.of("mc", "--x1", x1.toString(), "--depth", "1", "--width", "16",
                "--outputs", "2", "--samples", "5", "--seed", "3", "--activation", "relu", "--b-std", "0.2",
                "--nngp-out", dir.resolve("K.npy").toString(), "--ntk-out", dir.resolve("T.npy").toString()));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void mcWritesTheLibraryEstimate() throws IOException {
        Path x1 = x1();
        CliRun r = run(mc(x1, "--threads", "2"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5 samples") && r.out().contains("4 x 4"), r.out());
        MonteCarlo.Estimate e = MonteCarlo.builder(Stax.mlp(1, Stax.relu(), 1.0, 0.2), new MonteCarlo.Config(16, 2, 5, 3))
                .threads(1).build().estimate(Npy.readMatrix(x1));
        assertArrayEquals(e.nngp().data, Npy.readMatrix(dir.resolve("K.npy")).data, 0.0);
        assertArrayEquals(e.ntk().data, Npy.readMatrix(dir.resolve("T.npy")).data, 0.0);
        assertTrue(Initializer.sampleSeed(3, 0) != 3, "samples do not reuse the master seed");
    }

    @Test
    void mcBadInputs() throws IOException {
        Path x1 = x1();
        List<String> noOut = new ArrayList<>(List.of("mc", "--x1", x1.toString(), "--depth", "1", "--width", "4",
                "--outputs", "1", "--samples", "2", "--seed", "1"));
        assertRefused(noOut, "nothing to write");
        assertRefused(with(mc(x1), "--samples", "0"), "--samples must be >= 1");
        List<String> noWidth = mc(x1);
        int w = noWidth.indexOf("--width");
        noWidth.remove(w);
        noWidth.remove(w);
        assertRefused(noWidth, "missing --width");
        assertRefused(mc(x1, "--threads", "0"), "--threads must be >= 1");
        assertRefused(mc(dir.resolve("missing.npy")), "missing.npy");
        List<String> same = mc(x1);
        same.set(same.indexOf("--ntk-out") + 1, dir.resolve("K.npy").toString());
        assertRefused(same, "same file");
    }
}
