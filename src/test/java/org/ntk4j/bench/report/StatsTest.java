package org.ntk4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianAndQuartilesOfSmallSamples() {
        assertEquals(3, Stats.median(new double[] {5, 1, 3}));
        assertEquals(2.5, Stats.median(new double[] {4, 1, 2, 3}));
        // Type-7 quartiles of 1..5 are 2 and 4: half the IQR is 1.
        assertEquals(1, Stats.halfIqr(new double[] {5, 4, 3, 2, 1}));
        assertEquals(0, Stats.halfIqr(new double[] {7}));
        assertEquals(1.75, Stats.quantile(new double[] {1, 2, 3, 4}, 0.25));
    }

    @Test
    void fitRecoversAnExactPowerLaw() {
        double[] x = {256, 1024, 4096, 16384};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3e-9 * Math.pow(x[i], 2.5);
        }
        Stats.Fit f = Stats.logLogFit(x, y);
        // Exact data: only the rounding of pow and log remains, ~1e-15 relative per point.
        assertEquals(2.5, f.slope(), 1e-12);
        assertEquals(1, f.r2(), 1e-12);
        assertEquals(y[2], f.at(x[2]), 1e-9 * y[2]);
    }

    @Test
    void fitAveragesOutSymmetricNoise() {
        double[] x = {1, 2, 4, 8, 16, 32};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            // ±10 % alternating multiplicative noise on t = x²: in log space ±0.095, symmetric
            // around the line except for the odd count at the ends, so the slope moves < 0.05.
            y[i] = x[i] * x[i] * (i % 2 == 0 ? 1.1 : 1 / 1.1);
        }
        Stats.Fit f = Stats.logLogFit(x, y);
        assertEquals(2, f.slope(), 0.05);
    }

    @Test
    void fitRejectsDegenerateData() {
        assertThrows(IllegalArgumentException.class, () -> Stats.logLogFit(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Stats.logLogFit(new double[] {2, 2}, new double[] {1, 3}));
        assertThrows(IllegalArgumentException.class, () -> Stats.logLogFit(new double[] {1, 2}, new double[] {0, 3}));
    }
}
