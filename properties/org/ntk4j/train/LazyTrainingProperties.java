package org.ntk4j.train;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.finite.Mlp;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;

/**
 * Lee et al. 2019 in the NTK parameterisation: training moves the weights by ‖θ_T − θ₀‖ = O(1)
 * while ‖θ₀‖ grows like the square root of the parameter count (∝ width for depth 2), so the
 * relative weight change falls like width^−1 and certainly at a log-log slope ≤ −0.3 (the
 * issue's bound, from the O(width^−1/2) rate, with room for noise at small widths).
 */
class LazyTrainingProperties {

    private static final int[] WIDTHS = {64, 128, 256, 512, 1024};

    /**
     * Well inside GD's stable range: η λ_max(Θ)/N &lt; 2 with λ_max ≤ tr Θ ≈ n Θ(x, x) ≈ 4 · 3 for
     * these unit-variance inputs, N = n = 4; a larger η can enter the catapult phase (Lewkowycz et al.
     * 2020), where the weights move by O(1) relative at any width and the law does not hold.
     */
    private static final double LR = 0.3;

    /** Few points and steps keep the widest (10^6 weights) run to about a second. */
    private static final int POINTS = 4;
    private static final int STEPS = 10;

    @Test
    void relativeWeightChangeFallsWithWidth() {
        qt().withFixedSeed(16).withExamples(2).forAll(longs().all()).checkAssert(seed -> {
            Network net = Stax.parse("dense,relu,dense,relu,dense", 1.4, 0.1);
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            DMatrixRMaj x = new DMatrixRMaj(POINTS, 4);
            DMatrixRMaj y = new DMatrixRMaj(POINTS, 1);
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = r.nextGaussian();
            }
            for (int i = 0; i < y.data.length; i++) {
                y.data[i] = r.nextGaussian();
            }
            TrainConfig c = new TrainConfig(Parameterization.NTK, Loss.MSE, Optimizer.GD, LR, 0, 1, STEPS, 0, null);
            double[] lx = new double[WIDTHS.length];
            double[] ly = new double[WIDTHS.length];
            for (int i = 0; i < WIDTHS.length; i++) {
                Mlp start = Trainer.initialise(net, new Mlp.Shape(4, WIDTHS[i], 1), seed, Parameterization.NTK);
                TrainResult t = Trainer.train(start, x, y, null, null, c, new int[] {0, STEPS});
                double change = t.report().get(1).weightChange();
                if (!(change > 0) || t.report().get(1).trainLoss() >= t.report().get(0).trainLoss()) {
                    throw new AssertionError("width " + WIDTHS[i] + ": training did not move: " + t.report());
                }
                lx[i] = Math.log(WIDTHS[i]);
                ly[i] = Math.log(change);
            }
            double slope = slope(lx, ly);
            if (slope > -0.3) {
                throw new AssertionError("seed " + seed + ": log-log slope " + slope + " of the weight change > -0.3: "
                        + java.util.Arrays.toString(ly));
            }
            System.out.printf(java.util.Locale.ROOT, "relative weight change slope %.3f (seed %d)%n", slope, seed);
        });
    }

    /** Least-squares slope of y against x. */
    static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
