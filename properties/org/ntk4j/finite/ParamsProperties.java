package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.Gens;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NtkIoException;
import org.quicktheories.core.Gen;

/**
 * Parameters through .npy files: save then load gives every bit back, and a file whose shape does
 * not fit its neighbours is refused with a message that names it.
 */
class ParamsProperties {

    @TempDir
    Path tmp;

    private final AtomicInteger dirs = new AtomicInteger();

    private Path freshDir() {
        return tmp.resolve("p" + dirs.incrementAndGet());
    }

    @Test
    void saveThenLoadGivesEveryBitBack() {
        Gens.qt(60).forAll(FiniteGens.nets(3, 8, 20, 4)).checkAssert(net -> {
            Mlp mlp = net.mlp();
            Path dir = freshDir();
            try {
                Params.save(mlp, dir);
                Mlp back = Params.load(net.spec().network(), dir);
                for (int l = 0; l <= net.depth(); l++) {
                    assertTrue(org.ntk4j.Numerics.sameBits(mlp.weight(l), back.weight(l)), "W" + l);
                    assertTrue(org.ntk4j.Numerics.sameBits(new DMatrixRMaj(mlp.bias(l)), new DMatrixRMaj(back.bias(l))), "b" + l);
                }
                DMatrixRMaj x = new DMatrixRMaj(3, net.inputDim());
                Initializer.normals(net.seed(), 0, 1, x.data, 0, x.data.length);
                assertArrayEquals(mlp.apply(x).data, back.apply(x).data, 0.0, "same parameters, same outputs");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Which file to spoil and how. */
    enum Damage {
        /** W_l with one row more or fewer: b_l (and W_{l+1}) no longer fit. */
        W_ROWS,
        /** W_l (l ≥ 1) with one column more or fewer: W_{l−1} no longer fits. */
        W_COLS,
        /** b_l one longer or shorter. */
        B_LENGTH,
        /** W_l written 1-D. */
        W_RANK,
        /** b_l written 2-D. */
        B_RANK
    }

    record Spoiled(FiniteGens.Net net, Damage damage, int layer, int delta) {
    }

    static Gen<Spoiled> spoiled() {
        return FiniteGens.nets(3, 8, 20, 4).flatMap(net -> org.quicktheories.generators.Generate.enumValues(Damage.class)
                .zip(Gens.between(0, net.depth()), org.quicktheories.generators.Generate.pick(java.util.List.of(-1, 1)),
                        (dmg, l, delta) -> new Spoiled(net, dmg, l, delta)))
                .assuming(s -> s.damage() != Damage.W_COLS || s.layer() >= 1)   // W0's columns are the free input dim
                .assuming(s -> s.delta() > 0 || size(s) > 1);                   // keep at least one unit
    }

    private static int size(Spoiled s) {
        int[] w = s.net().widths();
        return switch (s.damage()) {
            case W_ROWS, B_LENGTH -> w[s.layer() + 1];
            case W_COLS -> w[s.layer()];
            default -> 2;
        };
    }

    @Test
    void aFileWhoseShapeDoesNotFitIsRefusedByName() {
        Gens.qt(100).forAll(spoiled()).checkAssert(s -> {
            Path dir = freshDir();
            int l = s.layer();
            int[] w = s.net().widths();
            try {
                Params.save(s.net().mlp(), dir);
                Path wf = dir.resolve("W" + l + ".npy");
                Path bf = dir.resolve("b" + l + ".npy");
                switch (s.damage()) {
                    case W_ROWS -> Npy.write(wf, new DMatrixRMaj(w[l + 1] + s.delta(), w[l]));
                    case W_COLS -> Npy.write(wf, new DMatrixRMaj(w[l + 1], w[l] + s.delta()));
                    case B_LENGTH -> Npy.write(bf, new double[w[l + 1] + s.delta()]);
                    case W_RANK -> Npy.write(wf, new int[] {w[l + 1] * w[l]}, new double[w[l + 1] * w[l]]);
                    case B_RANK -> Npy.write(bf, new int[] {w[l + 1], 1}, new double[w[l + 1]]);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = (s.damage() == Damage.B_LENGTH || s.damage() == Damage.B_RANK ? "b" : "W") + l;
            Exception e = null;
            try {
                Params.load(s.net().spec().network(), dir);
            } catch (NtkIoException | IllegalArgumentException ex) {
                e = ex;
            } catch (IOException ex) {
                throw new AssertionError("a shape error is an NtkIoException or IllegalArgumentException", ex);
            }
            assertTrue(e != null, s + ": loaded although " + name + " does not fit");
            String m = e.getMessage();
            assertTrue(m.matches("(?s).*\\b" + name + "\\b.*"), s + ": the message does not name " + name + ": " + m);
            assertTrue(!m.contains("\n"), "one line: " + m);
        });
    }
}
