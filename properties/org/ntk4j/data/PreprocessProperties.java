package org.ntk4j.data;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Every preprocessed image that is not constant has mean 0 and norm √d. */
class PreprocessProperties {

    @Test
    void centredWithNormSqrtD() {
        qt().withFixedSeed(7).withExamples(300)
                .forAll(integers().between(2, 800), longs().all(), integers().between(0, 255))
                .checkAssert((d, seed, spread) -> {
                    Random r = new Random(seed);
                    byte[] px = new byte[d];
                    int base = r.nextInt(256);
                    for (int j = 0; j < d; j++) {
                        // spread 0 gives constant images, small spreads nearly constant ones
                        px[j] = (byte) Math.max(0, Math.min(255, base + r.nextInt(spread + 1) - spread / 2));
                    }
                    DMatrixRMaj x = Preprocess.images(new Idx.Array(new int[] {1, d}, px));
                    double sum = 0;
                    double ss = 0;
                    boolean constant = true;
                    for (int j = 0; j < d; j++) {
                        sum += x.data[j];
                        ss += x.data[j] * x.data[j];
                        constant &= px[j] == px[0];
                    }
                    if (constant) {
                        if (ss != 0) {
                            throw new AssertionError("a constant image must map to zero, norm² " + ss);
                        }
                        return;
                    }
                    // each entry is within a few ulp of exact and of size ≤ √d: sums err ≤ d·4u·√d
                    double tol = 4 * d * 0x1p-52 * Math.sqrt(d) * Math.sqrt(d);
                    if (Math.abs(sum) > tol || Math.abs(ss - d) > tol) {
                        throw new AssertionError("d " + d + ": sum " + sum + ", norm² " + ss);
                    }
                });
    }
}
