package org.ntk4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class PreprocessTest {

    @Test
    void aConstantImageBecomesTheZeroRow() {
        byte[] px = new byte[2 * 4];
        java.util.Arrays.fill(px, (byte) 200);
        px[4] = 0;
        px[5] = (byte) 255;
        DMatrixRMaj x = Preprocess.images(new Idx.Array(new int[] {2, 2, 2}, px));
        assertArrayEquals(new double[4], java.util.Arrays.copyOf(x.data, 4), 0.0);
        // image 2: values 0, 1, 200/255, 200/255; centred and scaled to norm 2 = sqrt(4)
        double[] v = {0, 1, 200 / 255.0, 200 / 255.0};
        double mean = (v[0] + v[1] + v[2] + v[3]) / 4;
        double ss = 0;
        for (double e : v) {
            ss += (e - mean) * (e - mean);
        }
        for (int j = 0; j < 4; j++) {
            org.junit.jupiter.api.Assertions.assertEquals((v[j] - mean) * 2 / Math.sqrt(ss), x.data[4 + j], 1e-15);
        }
    }

    @Test
    void targetsAreOneHotMinusATenth() {
        DMatrixRMaj y = Preprocess.oneHotMinusTenth(new int[] {2, 0}, 3);
        assertArrayEquals(new double[] {-0.1, -0.1, 0.9, 0.9, -0.1, -0.1}, y.data, 0.0);
        assertThrows(IllegalArgumentException.class, () -> Preprocess.oneHotMinusTenth(new int[] {3}, 3));
        assertThrows(IllegalArgumentException.class, () -> Preprocess.oneHotMinusTenth(new int[] {0}, 1));
    }
}
