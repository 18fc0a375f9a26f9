package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Csv;
import org.ntk4j.io.Npy;

/** The predict command end to end on synthetic data, and its bad-input cases. */
class PredictCommandTest {

    @TempDir
    Path dir;

    private Path xTrain;
    private Path yTrain;
    private Path xTest;
    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private DMatrixRMaj xt;
    private DMatrixRMaj yt;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** y = sin(2 x₀) + x₁²/2 on the sphere of radius √d: smooth, so kernel regression learns it. */
    private static DMatrixRMaj[] data(int n, long seed) {
        Random r = new Random(seed);
        int d = 3;
        DMatrixRMaj xs = new DMatrixRMaj(n, d);
        DMatrixRMaj ys = new DMatrixRMaj(n, 2);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                xs.set(i, j, r.nextGaussian());
                s += xs.get(i, j) * xs.get(i, j);
            }
            for (int j = 0; j < d; j++) {
                xs.set(i, j, xs.get(i, j) * Math.sqrt(d / s));
            }
            ys.set(i, 0, Math.sin(2 * xs.get(i, 0)) + 0.5 * xs.get(i, 1) * xs.get(i, 1));
            ys.set(i, 1, xs.get(i, 2));
        }
        return new DMatrixRMaj[] {xs, ys};
    }

    @BeforeEach
    void write() throws IOException {
        DMatrixRMaj[] train = data(400, 1);
        DMatrixRMaj[] test = data(50, 2);
        x = train[0];
        y = train[1];
        xt = test[0];
        yt = test[1];
        xTrain = dir.resolve("x.npy");
        yTrain = dir.resolve("y.csv");
        xTest = dir.resolve("xt.npy");
        Npy.write(xTrain, x);
        Csv.write(yTrain, y);
        Npy.write(xTest, xt);
    }

    private static double rmse(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.numRows * a.numCols; i++) {
            s += (a.data[i] - b.data[i]) * (a.data[i] - b.data[i]);
        }
        return Math.sqrt(s / (a.numRows * a.numCols));
    }

    @Test
    void learnsASmoothFunctionWithEitherKernel() throws IOException {
        for (String kernel : new String[] {"nngp", "ntk"}) {
            Path out = dir.resolve(kernel + ".npy");
            CliRun r = run("predict", "--train-x", xTrain.toString(), "--train-y", yTrain.toString(), "--test-x",
                    xTest.toString(), "--out", out.toString(), "--kernel", kernel, "--depth", "2", "--w-std", "1.5",
                    "--b-std", "0.1", "--diag-reg", "1e-4");
            assertEquals(0, r.code(), r.err());
            DMatrixRMaj p = Npy.readMatrix(out);
            assertEquals(50, p.numRows);
            assertEquals(2, p.numCols);
            // targets have RMS about 0.8; 400 points on the 2-sphere fit them to within a tenth
            assertTrue(rmse(p, yt) < 0.1, kernel + " rmse " + rmse(p, yt));
        }
    }

    @Test
    void predictingTheTrainingPointsReproducesTheTargets() throws IOException {
        Path out = dir.resolve("p.npy");
        CliRun r = run("predict", "--train-x", xTrain.toString(), "--train-y", yTrain.toString(), "--test-x",
                xTrain.toString(), "--out", out.toString(), "--diag-reg", "0", "--depth", "1");
        assertEquals(0, r.code(), r.err());
        // K K⁻¹ Y = Y up to κ n u; the NTK of 400 points on a sphere has κ below 1e6
        assertTrue(rmse(Npy.readMatrix(out), y) < 1e-6, "" + rmse(Npy.readMatrix(out), y));
    }

    @Test
    void aFiniteTimeSitsBetweenZeroAndTheLimit() throws IOException {
        Path early = dir.resolve("early.npy");
        Path late = dir.resolve("late.npy");
        Path limit = dir.resolve("limit.npy");
        String[] common = {"predict", "--train-x", xTrain.toString(), "--train-y", yTrain.toString(), "--test-x",
            xTest.toString(), "--depth", "1", "--diag-reg", "1e-4"};
        assertEquals(0, run(concat(common, "--out", early.toString(), "--time", "0")).code());
        assertEquals(0, run(concat(common, "--out", late.toString(), "--time", "1e12")).code());
        assertEquals(0, run(concat(common, "--out", limit.toString())).code());
        assertEquals(0, rmse(Npy.readMatrix(early), new DMatrixRMaj(50, 2)), 0.0);
        // e^{−ηλ_min t/N} vanishes at t = 1e12 for λ_min ≥ 1e-4 · mean diagonal: the eigen and Cholesky
        // paths then agree to κ n u
        assertTrue(rmse(Npy.readMatrix(late), Npy.readMatrix(limit)) < 1e-6);
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void badInputIsOneLineExitTwoAndNoFile() throws IOException {
        Path out = dir.resolve("p.npy");
        Path shortY = dir.resolve("short.npy");
        Npy.write(shortY, new DMatrixRMaj(3, 2));
        Path nanY = dir.resolve("nan.npy");
        DMatrixRMaj bad = y.copy();
        bad.data[5] = Double.NaN;
        Npy.write(nanY, bad);
        Path wide = dir.resolve("wide.npy");
        Npy.write(wide, new DMatrixRMaj(5, 4));
        String[][] cases = {
            {"--train-y", shortY.toString()},
            {"--train-y", nanY.toString()},
            {"--test-x", wide.toString()},
            {"--kernel", "rbf"},
            {"--kernel", "nngp", "--time", "10"},
            {"--train-x", dir.resolve("missing.npy").toString()},
            {"--learning-rate", "0", "--time", "1"},
            {"--threads", "0"},
        };
        for (String[] c : cases) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("predict", "--train-x",
                    xTrain.toString(), "--train-y", yTrain.toString(), "--test-x", xTest.toString(), "--out", out.toString()));
            for (int i = 0; i < c.length; i += 2) {
                int at = args.indexOf(c[i]);
                if (at >= 0) {
                    args.set(at + 1, c[i + 1]);
                } else {
                    args.add(c[i]);
                    args.add(c[i + 1]);
                }
            }
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().startsWith("predict: error: ") && r.err().strip().lines().count() == 1,
                    String.join(" ", c) + ": " + r.err());
            assertFalse(Files.exists(out), String.join(" ", c));
        }
    }
}
