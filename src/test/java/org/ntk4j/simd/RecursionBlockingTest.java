package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.Stax;

/**
 * The vector recursion cuts a tile into blocks of rows; every entry must come out with the bits
 * it gets in a narrow tile of its own, whichever block it lands in, with a ragged last block
 * and a masked tail.
 */
class RecursionBlockingTest {

    private static final KernelOps VECTOR = Simd.ops(Simd.Impl.VECTOR);

    @Test
    void aWideTileEqualsItsColumnsComputedSeparately() {
        Recursion[] programs = {
            Recursion.of(Stax.serial(Stax.dense(1.5, Math.sqrt(0.05)), Stax.abRelu(0, 1), Stax.dense(1.5, Math.sqrt(0.05)), Stax.abRelu(0, 1), Stax.dense(1, 0))),
            Recursion.of(Stax.serial(Stax.dense(1.5, Math.sqrt(0.05)), Stax.erf(), Stax.dense(Math.sqrt(1.5), Math.sqrt(0.1)))),
            Recursion.of(Stax.serial(Stax.dense(1.5, Math.sqrt(0.05)), Stax.step(), Stax.dense(1, 0))),
        };
        int rows = 19; // blocks of 8192 / 1301 = 6 rows: three full, one of 1
        int cols = 1301; // 162 full vectors, then a masked tail of 5 lanes
        int dim = 5;
        SplittableRandom rnd = new SplittableRandom(3);
        double[] x1 = new double[rows * dim];
        double[] x2 = new double[cols * dim];
        for (int i = 0; i < x1.length; i++) {
            x1[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < x2.length; i++) {
            x2[i] = rnd.nextGaussian();
        }
        double[] gram = new double[rows * cols];
        VECTOR.gram(x1, 0, rows, x2, 0, cols, dim, gram, 0, cols);
        double[] dots1 = new double[rows];
        double[] dots2 = new double[cols];
        VECTOR.selfDots(x1, 0, rows, dim, dots1, 0);
        VECTOR.selfDots(x2, 0, cols, dim, dots2, 0);
        for (Recursion pr : programs) {
            DiagonalTables d1 = VECTOR.diagonals(pr, dots1, rows, dim);
            DiagonalTables d2 = VECTOR.diagonals(pr, dots2, cols, dim);
            double[] k = gram.clone();
            double[] t = new double[rows * cols];
            VECTOR.recursion(pr, dim, k, t, 0, cols, rows, cols, d1, 0, d2, 0);
            // the same entries as 1-row tiles of 37 columns, each against its slice of the tables
            double[] kn = gram.clone();
            double[] tn = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j0 = 0; j0 < cols; j0 += 37) {
                    int w = Math.min(37, cols - j0);
                    VECTOR.recursion(pr, dim, kn, tn, i * cols + j0, cols, 1, w, d1, i, d2, j0);
                }
            }
            assertArrayEquals(kn, k, 0.0, pr + ": NNGP");
            assertArrayEquals(tn, t, 0.0, pr + ": NTK");
        }
    }
}
