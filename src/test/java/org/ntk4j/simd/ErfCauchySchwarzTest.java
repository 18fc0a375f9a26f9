package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.Stax;
import org.ntk4j.recursion.ArcSineErf;

/**
 * erf's arcsine argument is held to its Cauchy–Schwarz bound |s12| ≤ sqrt(s11 s22): a k12 that
 * rounding pushed past sqrt(k11 k22) must not come out as a correlation above 1 (which the next
 * chaotic layer would amplify), and two equal inputs must keep s12 = s11 exactly.
 */
class ErfCauchySchwarzTest {

    /** A dense op with w² = 1, b² = 0 (k · 1 + 0 = k) before the erf: the Gram entries reach it unchanged. */
    private static final Recursion ERF = Recursion.of(Stax.serial(Stax.dense(1, 0), Stax.erf(), Stax.dense(1, 0)));
    private static final KernelOps[] IMPLS = {Simd.ops(Simd.Impl.SCALAR), Simd.ops(Simd.Impl.VECTOR)};

    /** One erf layer on a 1 x cols tile whose Gram entries are given; returns the new K row. */
    private static double[] erfRow(KernelOps ops, double dot11, double[] dots2, double[] gram) {
        DiagonalTables d1 = ops.diagonals(ERF, new double[] {dot11}, 1, 1);
        DiagonalTables d2 = ops.diagonals(ERF, dots2, dots2.length, 1);
        double[] k = gram.clone();
        ops.recursion(ERF, 1, k, new double[k.length], 0, k.length, 1, k.length, d1, 0, d2, 0);
        return k;
    }

    @Test
    void aGramEntryPastCauchySchwarzGivesTheBoundsCorrelationNotMore() {
        // k11 = 1e6 and k22 = 4e6: sqrt(k11 k22) = 2e6; k12 exceeds it by a relative 1e-9, far
        // more than rounding gives, so the unclamped arcsine would exceed the bound by ~1e-9 / sqrt(1 − s²)
        double[] dots2 = {4e6, 4e6};
        double[] gram = {2e6 * (1 + 1e-9), -2e6 * (1 + 1e-9)};
        double s11 = 2e6 / (1 + 2e6);
        double s22 = 8e6 / (1 + 8e6);
        double kBound = 2 / Math.PI * Math.asin(Math.sqrt(s11 * s22));
        double kDiag1 = 2 / Math.PI * Math.asin(s11);
        double kDiag2 = 2 / Math.PI * Math.asin(s22);
        for (KernelOps ops : IMPLS) {
            double[] k = erfRow(ops, 1e6, dots2, gram);
            // the correlation of the new kernel stays within 1 + 1e-6: the bound's 2^-49 widening
            // moves s by 1.8e-15, and arcsin near s = 1 - 2.5e-7 multiplies that by 1/sqrt(1 − s²) ≈ 1.4e3
            for (int j = 0; j < 2; j++) {
                double corr = Math.abs(k[j]) / Math.sqrt(kDiag1 * kDiag2);
                assertTrue(corr <= 1 + 1e-6, ops.name() + ": correlation " + corr);
                assertEquals(kBound, Math.abs(k[j]), 1e-9 * kBound, ops.name());
            }
            assertEquals(k[0], -k[1], 0.0, ops.name() + ": the clamp is symmetric");
        }
        double unclamped = ArcSineErf.nngp(gram[0], 1e6, 4e6);
        assertTrue(unclamped <= kBound * (1 + 1e-9), "scalar reference clamps: " + unclamped);
    }

    @Test
    void theScalarClampWidensTheBoundNeverNarrowsIt() {
        // clamped from above, s must land at or just above the exact sqrt(s11 s22) (the 2^-49
        // widening exceeds the ~3 ulps of rounding in s), never below it: below would move a true
        // correlation of exactly 1 off 1
        double k11 = 1e6;
        double k22 = 4e6;
        MathContext mc = new MathContext(40);
        BigDecimal exact = new BigDecimal(2).multiply(new BigDecimal(k11).multiply(new BigDecimal(k22)).sqrt(mc))
                .divide(new BigDecimal(1 + 2 * k11).multiply(new BigDecimal(1 + 2 * k22)).sqrt(mc), mc);
        for (double k12 : new double[] {2e6 * (1 + 1e-9), -2e6 * (1 + 1e-12)}) {
            BigDecimal s = new BigDecimal(Math.abs(ArcSineErf.sine(k12, k11, k22)));
            assertTrue(s.compareTo(exact) >= 0, "clamped below the bound: " + s + " < " + exact);
            assertTrue(s.compareTo(exact.multiply(BigDecimal.ONE.add(new BigDecimal(0x1p-46)))) <= 0,
                    "clamped too far above the bound: " + s);
        }
    }

    @Test
    void equalInputsKeepTheirDiagonalValueBitForBit() {
        // equal inputs: s12 = 2k/sqrt(A·A) = 2k/A = s11 exactly; the widened bound must not touch it
        for (double k : new double[] {1e-300, 1e-8, 0.3, 1, 7.5, 1e6, 3e15, 1e200}) {
            for (KernelOps ops : IMPLS) {
                double[] row = erfRow(ops, k, new double[] {k}, new double[] {k});
                DiagonalTables d = ops.diagonals(ERF, new double[] {k}, 1, 1);
                assertEquals(d.nngp(2, 0), row[0], 0.0, ops.name() + " k = " + k);
            }
        }
    }
}
