package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.Stax;

/**
 * The vector implementation divides the Gram by d without a division instruction
 * ({@link VectorKernelOps#inputScale}); the scaling must still be the division, bit for bit,
 * whenever the quotient is a normal number, in the pass of its own and folded into a first layer.
 */
class InputScaleTest {

    private static final KernelOps VECTOR = Simd.ops(Simd.Impl.VECTOR);

    /** Divisors that stress the reciprocal: small, powers of two and their neighbours, large. */
    private static int divisor(SplittableRandom rnd, int i) {
        return switch (i % 4) {
            case 0 -> 1 + rnd.nextInt(1000);
            case 1 -> (1 << rnd.nextInt(31)) + (rnd.nextInt(3) - 1);
            case 2 -> 1 + rnd.nextInt(Integer.MAX_VALUE - 1);
            default -> 3 * (1 + rnd.nextInt(100_000));
        };
    }

    /** Log-uniform magnitude over the normal range, either sign; every 4th a small integer. */
    private static double numerator(SplittableRandom rnd, int i) {
        if (i % 4 == 3) {
            return rnd.nextInt(-1_000_000, 1_000_000);
        }
        double x = Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(-990, 1000));
        return rnd.nextBoolean() ? x : -x;
    }

    @Test
    void aNormalQuotientIsTheCorrectlyRoundedDivision() {
        SplittableRandom rnd = new SplittableRandom(20261126);
        int checked = 0;
        for (int i = 0; i < 2_000_000; i++) {
            int d = Math.max(1, divisor(rnd, i));
            double x = numerator(rnd, i / 4);
            double exact = x / d;
            if (Math.abs(exact) < Double.MIN_NORMAL && exact != 0) {
                continue;
            }
            double got = VectorKernelOps.inputScale(x, d, 1.0 / d);
            if (Double.doubleToRawLongBits(got) != Double.doubleToRawLongBits(exact)) {
                throw new AssertionError(x + " / " + d + " = " + exact + ", inputScale gave " + got);
            }
            checked++;
        }
        assertTrue(checked > 1_900_000, "too few normal quotients: " + checked);
    }

    /**
     * Below 2^-1022 the quotient's grid is fixed (2^-1074) and the theorem's relative bounds no
     * longer hold; the residual is still exact, so the result stays within one grid step.
     */
    @Test
    void aSubnormalQuotientIsWithinOneUnitOfTheDivision() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            int d = 1 + rnd.nextInt(100_000);
            double x = rnd.nextDouble(-1, 1) * Double.MIN_NORMAL * d;
            double got = VectorKernelOps.inputScale(x, d, 1.0 / d);
            double err = Math.abs(got - x / d) / Double.MIN_VALUE;
            assertTrue(err <= 1, x + " / " + d + ": " + x / d + " vs " + got);
        }
    }

    /**
     * recursion(program, d, G) equals recursion(program, 1, G / d) bit for bit (x / 1 is x in the
     * scaling's three operations): for a fused first layer with the readout folded in (ReLU and
     * erf, depth 1 and 2) and for a program whose scaling runs as a pass of its own.
     */
    @Test
    void scalingInsideTheKernelIsTheDivisionBeforeIt() {
        Recursion[] programs = {
            Recursion.of(Stax.serial(Stax.dense(1.5, Math.sqrt(0.05)), Stax.abRelu(0, 1), Stax.dense(Math.sqrt(1.5), Math.sqrt(0.1)))),
            Recursion.of(Stax.serial(Stax.dense(1.5, Math.sqrt(0.05)), Stax.erf(), Stax.dense(Math.sqrt(1.5), Math.sqrt(0.1)))),
            Recursion.of(Stax.serial(Stax.dense(1.5, Math.sqrt(0.05)), Stax.erf(), Stax.dense(Math.sqrt(1.5), Math.sqrt(0.1)), Stax.erf(), Stax.dense(1, 0))),
            Recursion.of(Stax.serial(Stax.dense(1.5, Math.sqrt(0.05)), Stax.abRelu(-0.2, 1), Stax.dense(Math.sqrt(2), 0), Stax.abRelu(0, 1), Stax.dense(1, 0))),
            Recursion.of(Stax.serial(Stax.dense(1.5, Math.sqrt(0.05)), Stax.dense(Math.sqrt(1.5), Math.sqrt(0.1)), Stax.abRelu(0, 1), Stax.dense(1, 0))),
        };
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 13; // a tail of 5 lanes after a full vector
        for (Recursion pr : programs) {
            for (int trial = 0; trial < 20; trial++) {
                int d = 1 + rnd.nextInt(5000);
                double[] x = new double[n * 3];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextGaussian() * Math.scalb(1.0, rnd.nextInt(-20, 20));
                }
                double[] gram = new double[n * n];
                VECTOR.gram(x, 0, n, x, 0, n, 3, gram, 0, n);
                double[] dots = new double[n];
                double[] scaledGram = new double[n * n];
                double[] scaledDots = new double[n];
                for (int i = 0; i < n; i++) {
                    dots[i] = gram[i * n + i];
                    scaledDots[i] = dots[i] / d;
                }
                for (int i = 0; i < n * n; i++) {
                    scaledGram[i] = gram[i] / d;
                }
                double[][] direct = run(pr, d, gram, dots, n);
                double[][] divided = run(pr, 1, scaledGram, scaledDots, n);
                assertArrayEquals(divided[0], direct[0], 0.0, pr + ", d = " + d + ": NNGP");
                assertArrayEquals(divided[1], direct[1], 0.0, pr + ", d = " + d + ": NTK");
                for (int i = 0; i < n * n; i++) {
                    assertTrue(Double.isFinite(direct[0][i]) && Double.isFinite(direct[1][i]), pr + ": entry " + i);
                }
            }
        }
    }

    private static double[][] run(Recursion pr, int d, double[] gram, double[] dots, int n) {
        DiagonalTables diag = VECTOR.diagonals(pr, dots, n, d);
        double[] k = gram.clone();
        double[] t = new double[n * n];
        java.util.Arrays.fill(t, Double.NaN); // the output buffer's old contents must not leak in
        VECTOR.recursion(pr, d, k, t, 0, n, n, n, diag, 0, diag, 0);
        return new double[][] {k, t};
    }
}
