package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.Gens;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NtkIoException;
import org.quicktheories.generators.Generate;

/**
 * Bad files through the command line: a non-finite value anywhere, a truncated or corrupted
 * .npy, mismatched widths. Always exit 2, one line on stderr naming the problem, no stack trace,
 * and no output file left behind.
 */
class BadFileProperties {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    Path write(String name, DMatrixRMaj m) {
        try {
            Path p = dir.resolve(name);
            Npy.write(p, m);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void assertRefused(Run r, String... fragments) {
        assertEquals(Main.BAD_INPUT, r.code(), "exit code; stderr: " + r.err());
        String err = r.err().strip();
        assertFalse(err.isEmpty() || err.contains("\n"), "one line on stderr: " + r.err());
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertTrue(err.startsWith("kernel: error: "), "prefixed with the command: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "'" + f + "' in: " + err);
        }
        assertFalse(Files.exists(dir.resolve("K.npy")) || Files.exists(dir.resolve("T.npy")), "an output file was left");
    }

    String[] args(Path x1, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("kernel", "--x1", x1.toString(), "--depth", "2",
                "--nngp-out", dir.resolve("K.npy").toString(), "--ntk-out", dir.resolve("T.npy").toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void aNonFiniteValueAnywhereInAnInputFileExitsTwoWithOneLine() {
        Gens.qt(40).forAll(Gens.inputs(8, 6), Gens.between(0, 1000), Generate.pick(List.of(Double.NaN,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)), Generate.booleans())
                .checkAssert((x, pos, bad, second) -> {
                    DMatrixRMaj m = x.toEjml();
                    int at = pos % m.getNumElements();
                    m.data[at] = bad;
                    Path good = write("good.npy", x.toEjml());
                    Path poisoned = write("bad.npy", m);
                    Run r = second ? run(args(good, "--x2", poisoned.toString())) : run(args(poisoned));
                    assertRefused(r, second ? "x2" : "x1", "row " + at / m.numCols, "column " + at % m.numCols);
                });
    }

    /** Every proper prefix of a valid file is refused (never read as a shorter array). */
    @Test
    void aTruncatedNpyFileIsRefused() {
        Gens.qt(60).forAll(Gens.inputs(6, 5), Gens.between(0, 10_000)).checkAssert((x, cut) -> {
            try {
                Path p = write("x.npy", x.toEjml());
                byte[] all = Files.readAllBytes(p);
                int keep = cut % all.length;
                Path t = dir.resolve("t.npy");
                Files.write(t, java.util.Arrays.copyOf(all, keep));
                try {
                    Npy.readMatrix(t);
                    throw new AssertionError("a " + keep + "-byte prefix of " + all.length + " was read");
                } catch (NtkIoException e) {
                    assertTrue(e.getMessage().contains("t.npy") && !e.getMessage().contains("\n"), e.getMessage());
                }
                assertRefused(run(args(t)), "t.npy");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A byte of the header replaced by any other value: either the file still parses to the same
     * shape (a change in padding or spacing) or it is refused with an {@link NtkIoException};
     * never another exception, never a different array read silently.
     */
    @Test
    void aCorruptedNpyHeaderIsRefusedOrHarmless() {
        Gens.qt(200).forAll(Gens.inputs(4, 4), Gens.between(0, 127), Gens.between(1, 255)).checkAssert((x, at, delta) -> {
            try {
                Path p = write("x.npy", x.toEjml());
                byte[] all = Files.readAllBytes(p);
                all[at] = (byte) (all[at] + delta);
                Path c = dir.resolve("c.npy");
                Files.write(c, all);
                try {
                    DMatrixRMaj m = Npy.readMatrix(c);
                    assertEquals(x.rows(), m.numRows, "rows of a silently accepted corrupted file (byte " + at + ")");
                    assertEquals(x.cols(), m.numCols, "columns of a silently accepted corrupted file (byte " + at + ")");
                } catch (NtkIoException e) {
                    assertTrue(e.getMessage().contains("c.npy") && !e.getMessage().contains("\n"), e.getMessage());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void inputFilesOfDifferentWidthsExitTwoNamingBothShapes() {
        Gens.qt(40).forAll(Gens.inputs(5, 6), Gens.inputs(5, 6)).assuming((a, b) -> a.cols() != b.cols())
                .checkAssert((a, b) -> {
                    Path p1 = write("a.npy", a.toEjml());
                    Path p2 = write("b.npy", b.toEjml());
                    assertRefused(run(args(p1, "--x2", p2.toString())), "different dimensions",
                            a.rows() + " x " + a.cols(), b.rows() + " x " + b.cols());
                });
    }
}
