package org.ntk4j.simd;

import org.ntk4j.math.FdlibmConstants;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * acos, asin, exp, erf and erf' lane by lane on {@link DoubleVector}s, built only from operations
 * that IEEE 754 defines to the bit: add, sub, mul, fma, div and sqrt (one rounding each), abs, neg,
 * min, max, comparisons, blends, bit reinterpretation and integer arithmetic.
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)} and friends: the JDK evaluates those with
 * intrinsic stubs in compiled code and with {@code Math} in the interpreter, and the two can differ
 * in the last bit, while ntk4j must give the same bits in a cold and in a warm JVM. Every function
 * here gives the same bits in the interpreter, C1 and C2, and its lanes are independent: a lane's
 * result depends neither on the other lanes nor on its position in the vector.
 *
 * <p>Shaped for C2, because every call C2 leaves in place boxes the vectors that cross it
 * (measured 2-5x slower): polynomials are unrolled Horner schemes over {@code static final} vector
 * constants (a loop over a coefficient array defeats the JIT, 5-40x slower; a {@code broadcast} per
 * use costs IR nodes and bytecode that stop C2 inlining, 2.5x slower exp); a function a caller
 * should inline stays under the 325 bytecode bytes C2 inlines at a hot call site; erf, too big for
 * that, is one flat method (see there). Callers: C2 stops inlining calls after about 60 vector
 * operations in one compilation, so call these early in a loop body or keep the body short.
 *
 * <p>Accuracy: within 1 ulp of the true value for {@link #acos} and {@link #asin}, within 2 ulp for
 * {@link #exp}, {@link #erf} on [-6, 6] (exactly ±1 beyond) and {@link #erfDerivative}, as the
 * tests assert (acos and asin within 2 ulp of StrictMath, exp within 3, StrictMath itself within 1;
 * erf and erf' against a BigDecimal reference). The largest errors found: acos 0.595 and asin
 * 0.612 ulp against mpmath on 10^6 points (tools/measure_arc_ulps.py); exp 0.77, erf 0.78,
 * erf' 0.79 ulp against a 200-bit reference on 10^5 points.
 */
final class VectorMath {

    /** The species every vector kernel of ntk4j uses (8 doubles with AVX-512). */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** 1.5 * 2^52: adding it to |y| < 2^51 rounds y to an integer held in the low mantissa bits. */
    private static final double ROUND_SHIFTER = 0x1.8p52;
    private static final long ROUND_SHIFTER_BITS = 0x4338_0000_0000_0000L;
    private static final long EXPONENT_BIAS = 1023;
    static final long SIGN_BIT = 0x8000_0000_0000_0000L;
    /** Keeps sign, exponent and the top 20 mantissa bits: 21 significant bits square exactly. */
    private static final long HIGH_WORD = 0xFFFF_FFFF_0000_0000L;
    /**
     * M - bits(v) is within 5.1 % of 1/v for every normal v > 0 (the "fast reciprocal" guess); two
     * less in the exponent field give 1/(4v).
     */
    private static final long QUARTER_RECIPROCAL_BITS = 0x7FDE_6238_22FC_16E6L - (2L << 52);
    /** exp clamps its argument to ±1000: e^±1000 is already +Inf / 0, and k = x / ln 2 stays small. */
    private static final double EXP_CLAMP = 1000.0;

    static final DoubleVector ZERO = splat(0.0), ONE = splat(1.0), HALF = splat(0.5),
            TWO = splat(2.0), MINUS_ONE = splat(-1.0), MINUS_TWO = splat(-2.0),
            MINUS_9_16 = splat(-0.5625), ROUND_SHIFTER_V = splat(ROUND_SHIFTER),
            MINUS_HALF = splat(-0.5);
    private static final LongVector QUARTER_RECIPROCAL_MAGIC =
            ZERO.reinterpretAsLongs().add(QUARTER_RECIPROCAL_BITS);
    static final DoubleVector PIO2_HI = splat(FdlibmConstants.PIO2_HI),
            PI_HI_V = splat(FdlibmConstants.PI_HI),
            LO_OVER_HI = splat(FdlibmConstants.PIO2_LO / FdlibmConstants.PIO2_HI);
    /**
     * asin(s) = s + s z P(z), z = s^2, 0 <= s <= 1/2: the coefficients of P from the near-minimax
     * fit of tools/fit_asin_poly.py (degree 12; the rounded polynomial is within 2^-59.2 relative).
     */
    private static final DoubleVector AS0 = splat(0.1666666666666676), AS1 = splat(0.07499999999970798),
            AS2 = splat(0.04464285717461363), AS3 = splat(0.030381942707714837),
            AS4 = splat(0.02237221498921828), AS5 = splat(0.017351611990884017),
            AS6 = splat(0.013980820767905992), AS7 = splat(0.01139891073610658),
            AS8 = splat(0.010780259941568079), AS9 = splat(0.00370638465391122),
            AS10 = splat(0.02170750087851979), AS11 = splat(-0.020999133847678077),
            AS12 = splat(0.03262866619167891);
    private static final DoubleVector INV_LN2 = splat(FdlibmConstants.INV_LN2),
            MINUS_LN2_HI = splat(-FdlibmConstants.LN2_HI),
            MINUS_LN2_LO = splat(-FdlibmConstants.LN2_LO);
    /** 1/n!, correctly rounded, for the Taylor polynomial of e^r. */
    private static final DoubleVector INV_FACT_3 = splat(1.6666666666666666e-01),
            INV_FACT_4 = splat(4.1666666666666664e-02), INV_FACT_5 = splat(8.333333333333333e-03),
            INV_FACT_6 = splat(1.388888888888889e-03), INV_FACT_7 = splat(1.984126984126984e-04),
            INV_FACT_8 = splat(2.48015873015873e-05), INV_FACT_9 = splat(2.7557319223985893e-06),
            INV_FACT_10 = splat(2.755731922398589e-07), INV_FACT_11 = splat(2.505210838544172e-08),
            INV_FACT_12 = splat(2.08767569878681e-09), INV_FACT_13 = splat(1.6059043836821613e-10);
    private static final DoubleVector PP0 = splat(FdlibmConstants.PP0),
            PP1 = splat(FdlibmConstants.PP1), PP2 = splat(FdlibmConstants.PP2),
            PP3 = splat(FdlibmConstants.PP3), PP4 = splat(FdlibmConstants.PP4),
            QQ1 = splat(FdlibmConstants.QQ1), QQ2 = splat(FdlibmConstants.QQ2),
            QQ3 = splat(FdlibmConstants.QQ3), QQ4 = splat(FdlibmConstants.QQ4),
            QQ5 = splat(FdlibmConstants.QQ5);
    private static final DoubleVector ERX = splat(FdlibmConstants.ERX),
            PA0 = splat(FdlibmConstants.PA0), PA1 = splat(FdlibmConstants.PA1),
            PA2 = splat(FdlibmConstants.PA2), PA3 = splat(FdlibmConstants.PA3),
            PA4 = splat(FdlibmConstants.PA4), PA5 = splat(FdlibmConstants.PA5),
            PA6 = splat(FdlibmConstants.PA6), QA1 = splat(FdlibmConstants.QA1),
            QA2 = splat(FdlibmConstants.QA2), QA3 = splat(FdlibmConstants.QA3),
            QA4 = splat(FdlibmConstants.QA4), QA5 = splat(FdlibmConstants.QA5),
            QA6 = splat(FdlibmConstants.QA6);
    private static final DoubleVector RA0 = splat(FdlibmConstants.RA0),
            RA1 = splat(FdlibmConstants.RA1), RA2 = splat(FdlibmConstants.RA2),
            RA3 = splat(FdlibmConstants.RA3), RA4 = splat(FdlibmConstants.RA4),
            RA5 = splat(FdlibmConstants.RA5), RA6 = splat(FdlibmConstants.RA6),
            RA7 = splat(FdlibmConstants.RA7), SA1 = splat(FdlibmConstants.SA1),
            SA2 = splat(FdlibmConstants.SA2), SA3 = splat(FdlibmConstants.SA3),
            SA4 = splat(FdlibmConstants.SA4), SA5 = splat(FdlibmConstants.SA5),
            SA6 = splat(FdlibmConstants.SA6), SA7 = splat(FdlibmConstants.SA7),
            SA8 = splat(FdlibmConstants.SA8);
    private static final DoubleVector RB0 = splat(FdlibmConstants.RB0),
            RB1 = splat(FdlibmConstants.RB1), RB2 = splat(FdlibmConstants.RB2),
            RB3 = splat(FdlibmConstants.RB3), RB4 = splat(FdlibmConstants.RB4),
            RB5 = splat(FdlibmConstants.RB5), RB6 = splat(FdlibmConstants.RB6),
            SB1 = splat(FdlibmConstants.SB1), SB2 = splat(FdlibmConstants.SB2),
            SB3 = splat(FdlibmConstants.SB3), SB4 = splat(FdlibmConstants.SB4),
            SB5 = splat(FdlibmConstants.SB5), SB6 = splat(FdlibmConstants.SB6),
            SB7 = splat(FdlibmConstants.SB7);
    private static final DoubleVector LN_TWO_OVER_SQRT_PI_HI =
            splat(FdlibmConstants.LN_TWO_OVER_SQRT_PI_HI),
            LN_TWO_OVER_SQRT_PI_LO = splat(FdlibmConstants.LN_TWO_OVER_SQRT_PI_LO);

    private VectorMath() {
    }

    // ---- acos, asin -----------------------------------------------------------------------------

    /**
     * arccos x, for x in [-1, 1] (callers clamp; outside it gives NaN). acos(1) = +0,
     * acos(-1) = {@code Math.PI} and acos(0) = {@code Math.PI / 2} exactly.
     *
     * @param x the cosines. Not modified.
     * @return angles in [0, pi]
     */
    static DoubleVector acos(DoubleVector x) {
        double[] a = x.toArray();
        arc(a, a, a.length, true);
        return DoubleVector.fromArray(SPECIES, a, 0);
    }

    /**
     * arcsin x, for x in [-1, 1] (callers clamp; outside it gives NaN). Odd to the bit;
     * asin(±1) = ±{@code Math.PI / 2} exactly.
     *
     * @param x the sines. Not modified.
     * @return angles in [-pi/2, pi/2]
     */
    static DoubleVector asin(DoubleVector x) {
        double[] a = x.toArray();
        arc(a, a, a.length, false);
        return DoubleVector.fromArray(SPECIES, a, 0);
    }

    /**
     * out[i] = acos(in[i]) (cosine) or asin(in[i]), as (cHi + cLo) + m asin(s) with s = |x| for
     * |x| &lt; 1/2 and s = sqrt((1 − |x|)/2) elsewhere (so s ≤ 1/2):
     * acos: |x| &lt; 1/2: π/2 − asin x; x ≥ 1/2: 2 asin s; x ≤ −1/2: π − 2 asin s;
     * asin: |x| &lt; 1/2: asin|x|; otherwise π/2 − 2 asin s; then the sign of x.
     * asin(s) is carried as s + t with |t| &lt; s/20 and t = s z P(z) (z = s², P a polynomial: no
     * division); cHi + m s is summed without error (Fast2Sum: |cHi| ≥ |m s| or cHi = 0), so only
     * the last addition rounds at full size. Error budget in ulps of the result: 0.5 for that
     * rounding, under 0.05 each for P (2^-59.2 relative to asin s), for the rounding of t and
     * for the approximate sqrt tail rootLo; measured at most 0.612 (see the class comment).
     *
     * <p>C2 inlines calls only within a node budget per compilation (about 60 vector operations
     * here; past it "NodeCountInliningCutoff"), and a vector that crosses a call it leaves in
     * place is boxed, which made kernels several times slower and allocate hundreds of MB. So the
     * loop calls only {@link #arcTail}, which the fused recursion kernels inline too.
     */
    private static void arc(double[] in, double[] out, int n, boolean cosine) {
        for (int i = 0; i < n; i += SPECIES.length()) {
            VectorMask<Double> lanes = SPECIES.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(SPECIES, in, i, lanes);
            DoubleVector a = x.abs();
            VectorMask<Double> small = a.compare(VectorOperators.LT, 0.5);
            DoubleVector cHi;
            DoubleVector m;
            if (cosine) {
                VectorMask<Double> negative = x.compare(VectorOperators.LT, 0.0);
                cHi = ZERO.blend(PI_HI_V, negative).blend(PIO2_HI, small);
                m = TWO.blend(MINUS_TWO, negative).blend(MINUS_ONE.blend(ONE, negative), small);
            } else {
                cHi = PIO2_HI.blend(ZERO, small);
                m = MINUS_TWO.blend(ONE, small);
            }
            DoubleVector r = arcTail(a, small, cHi, m);
            if (!cosine) { // odd: the sign of x on the magnitude
                r = r.reinterpretAsLongs().lanewise(VectorOperators.XOR, x.reinterpretAsLongs().and(SIGN_BIT))
                        .reinterpretAsDoubles();
            }
            r.intoArray(out, i, lanes);
        }
    }

    /**
     * The part of {@link #arc} shared with the fused recursion kernels: given a = |x|, the mask
     * a &lt; 1/2 and the case's constant cHi and multiplier m, returns (cHi + cLo) + m asin(s).
     * Small enough (about 30 vector operations) that C2 inlines it into those loops.
     */
    static DoubleVector arcTail(DoubleVector a, VectorMask<Double> small, DoubleVector cHi, DoubleVector m) {
        // the tail of 0, pi/2 or pi (pi's head and tail are twice those of pi/2), and the product's
        // rounding (2^-53 relative, about 2^-106 absolute) is far below what reaches the result
        DoubleVector cLo = cHi.mul(LO_OVER_HI);
        DoubleVector zLarge = a.fma(MINUS_HALF, HALF);   // (1 - |x|) / 2, exact for |x| >= 1/2
        DoubleVector root = zLarge.sqrt();
        // root + rootLo = sqrt(zLarge): rootLo = (zLarge - root^2) / (2 root) with the residual
        // exact in an fma and, instead of a division, the bit-pattern guess of 1/(4 root) for
        // q = rootLo / 2: rootLo is below half an ulp of root, so the guess's relative error
        // (below 0.051) and the factor 1 + z / 2 for 1 / sqrt(1 - z) (below 0.03) together cost
        // under 0.05 ulp of the result. At root = 0 (|x| = 1) the guess is finite (about
        // 2^1022) and the residual 0, so q = 0.
        DoubleVector quarterInverse = QUARTER_RECIPROCAL_MAGIC.sub(root.reinterpretAsLongs())
                .reinterpretAsDoubles();
        // q = rootLo / 2, and 0 in lanes that do not take the root
        DoubleVector q = root.neg().fma(root, zLarge).mul(quarterInverse).blend(ZERO, small);
        DoubleVector s = root.blend(a, small);
        // z from zLarge, not from root: the polynomial then need not wait for the sqrt
        DoubleVector z = zLarge.blend(a.mul(a), small);
        // asin(s) = s + s z P(z) on 0 <= s <= 1/2, P of degree 12 (tools/fit_asin_poly.py)
        DoubleVector p = z.fma(AS12, AS11);
        p = z.fma(p, AS10);
        p = z.fma(p, AS9);
        p = z.fma(p, AS8);
        p = z.fma(p, AS7);
        p = z.fma(p, AS6);
        p = z.fma(p, AS5);
        p = z.fma(p, AS4);
        p = z.fma(p, AS3);
        p = z.fma(p, AS2);
        p = z.fma(p, AS1);
        p = z.fma(p, AS0);
        // asin(s + rootLo) - s = s z P + rootLo (1 + z / 2 + ...) = z (s P + q) + 2 q
        DoubleVector t = z.fma(s.fma(p, q), q.add(q));
        DoubleVector ms = m.mul(s);
        DoubleVector head = cHi.add(ms);
        DoubleVector headError = cHi.sub(head).add(ms);
        return head.add(headError.add(m.fma(t, cLo)));
    }

    // ---- exp --------------------------------------------------------------------------------------

    /**
     * e^x for finite x: +Inf above about 709.78, subnormal results rounded once, 0 below about
     * -745.1. x = k ln 2 + r with |r| <= ln 2 / 2, e^r from its Taylor polynomial of degree 13
     * (truncation below 2^-57), times 2^k built from the exponent bits.
     *
     * @param x the exponents. Not modified.
     * @return e^x
     */
    static DoubleVector exp(DoubleVector x) {
        return exp(x, ZERO);
    }

    /** e^(x + xLo) for |xLo| <= ulp(x): xLo joins the rounding error of the reduced argument. */
    private static DoubleVector exp(DoubleVector x, DoubleVector xLo) {
        DoubleVector xc = x.max(-EXP_CLAMP).min(EXP_CLAMP);
        // k = x / ln 2 rounded to nearest, as a double and, from the mantissa bits, as a long
        DoubleVector shifted = xc.fma(INV_LN2, ROUND_SHIFTER_V);
        DoubleVector kd = shifted.sub(ROUND_SHIFTER_V);
        LongVector k = shifted.reinterpretAsLongs().sub(ROUND_SHIFTER_BITS);
        // r + rLo = x + xLo - k ln 2: hi is exact (k LN2_HI is exact, Sterbenz), r rounds once and
        // rLo is that rounding error plus xLo
        DoubleVector hi = kd.fma(MINUS_LN2_HI, xc);
        DoubleVector r = kd.fma(MINUS_LN2_LO, hi);
        DoubleVector rLo = kd.fma(MINUS_LN2_LO, hi.sub(r)).add(xLo);
        // e^(r + rLo) = e^r + rLo e^r to 2^-100 for the |rLo| < 2^-40 that occur; e^r - 1 to
        // 2^-53 is ample for the factor of rLo
        DoubleVector rrp = r.mul(r).mul(expTaylorTail(r));
        DoubleVector expR = r.add(rrp.add(rLo.fma(r.add(rrp), rLo))).add(ONE);
        // 2^k = 2^(k/2) 2^(k - k/2): both factors are normal for |k| <= 1443, so the first product
        // is exact and only the second rounds (once, also into the subnormals) or overflows
        LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        LongVector k2 = k.sub(k1);
        DoubleVector scale1 = k1.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        DoubleVector scale2 = k2.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        return expR.mul(scale1).mul(scale2);
    }

    /**
     * (e^r - 1 - r) / r^2 = 1/2! + r/3! + ... + r^11/13! for |r| <= 0.35 (truncation below 2^-57);
     * its own method to keep exp under C2's 325-byte limit for inlining at hot call sites.
     */
    private static DoubleVector expTaylorTail(DoubleVector r) {
        DoubleVector p = r.fma(INV_FACT_13, INV_FACT_12);
        p = r.fma(p, INV_FACT_11);
        p = r.fma(p, INV_FACT_10);
        p = r.fma(p, INV_FACT_9);
        p = r.fma(p, INV_FACT_8);
        p = r.fma(p, INV_FACT_7);
        p = r.fma(p, INV_FACT_6);
        p = r.fma(p, INV_FACT_5);
        p = r.fma(p, INV_FACT_4);
        p = r.fma(p, INV_FACT_3);
        return r.fma(p, HALF);
    }

    // ---- erf --------------------------------------------------------------------------------------

    /**
     * The error function erf x = 2/sqrt(pi) int_0^x e^(-t^2) dt, after fdlibm's piecewise scheme on
     * |x|: a rational function of x^2 below 0.84375, of |x| - 1 below 1.25, 1 - erfc with
     * erfc(x) = e^(-x^2 - 0.5625 + R(1/x^2)/S(1/x^2)) / x below 6 (two coefficient sets split at
     * 1/0.35), and 1 from 6 on. Every piece is computed for the whole vector when any lane needs it
     * and selected with masks. Odd to the bit; erf(±0) = ±0.
     *
     * <p>One flat method on purpose: erf needs about 140 vector operations, and C2 stops inlining
     * helper methods after about 60 in one compilation (its node-count cutoff); every call it then
     * leaves in place boxes the vectors, which measured 2.6x slower. The exponential is therefore
     * spelled out here once more, identical to {@link #exp(DoubleVector, DoubleVector)}.
     *
     * @param x any doubles. Not modified.
     * @return erf x, in [-1, 1]
     */
    static DoubleVector erf(DoubleVector x) {
        DoubleVector a = x.abs();
        VectorMask<Double> belowSmall = a.compare(VectorOperators.LT, FdlibmConstants.ERF_SMALL);
        VectorMask<Double> belowMid = a.compare(VectorOperators.LT, FdlibmConstants.ERF_MID);
        VectorMask<Double> belowOne = a.compare(VectorOperators.LT, FdlibmConstants.ERF_ONE);
        VectorMask<Double> nearOne = belowMid.andNot(belowSmall);
        VectorMask<Double> tail = belowOne.andNot(belowMid);
        // a NaN lane keeps a (NaN); every other lane is overwritten by exactly one piece
        DoubleVector r = a.blend(ONE, a.compare(VectorOperators.GE, FdlibmConstants.ERF_ONE));

        if (belowSmall.anyTrue()) {
            // erf a = a + a PP(z) / QQ(z), z = a^2; the fma keeps subnormal a exact
            DoubleVector z = a.mul(a);
            DoubleVector p = z.fma(PP4, PP3);
            p = z.fma(p, PP2);
            p = z.fma(p, PP1);
            p = z.fma(p, PP0);
            DoubleVector q = z.fma(QQ5, QQ4);
            q = z.fma(q, QQ3);
            q = z.fma(q, QQ2);
            q = z.fma(q, QQ1);
            q = z.fma(q, ONE);
            r = r.blend(a.fma(p.div(q), a), belowSmall);
        }
        if (nearOne.anyTrue()) {
            // erf a = ERX + PA(s) / QA(s), s = a - 1
            DoubleVector s = a.sub(ONE);
            DoubleVector p = s.fma(PA6, PA5);
            p = s.fma(p, PA4);
            p = s.fma(p, PA3);
            p = s.fma(p, PA2);
            p = s.fma(p, PA1);
            p = s.fma(p, PA0);
            DoubleVector q = s.fma(QA6, QA5);
            q = s.fma(q, QA4);
            q = s.fma(q, QA3);
            q = s.fma(q, QA2);
            q = s.fma(q, QA1);
            q = s.fma(q, ONE);
            r = r.blend(p.div(q).add(ERX), nearOne);
        }
        if (tail.anyTrue()) {
            // erf a = 1 - erfc a, erfc a = e^(-a^2 - 0.5625 + R(s) / S(s)) / a, s = 1 / a^2, with
            // R, S = RA, SA below 1/0.35 and RB, SB above
            DoubleVector s = ONE.div(a.mul(a));
            VectorMask<Double> tailA = a.compare(VectorOperators.LT, FdlibmConstants.ERF_TAIL);
            VectorMask<Double> tailB = tail.andNot(tailA);
            DoubleVector ratio = ZERO;
            if (tailA.and(tail).anyTrue()) {
                DoubleVector p = s.fma(RA7, RA6);
                p = s.fma(p, RA5);
                p = s.fma(p, RA4);
                p = s.fma(p, RA3);
                p = s.fma(p, RA2);
                p = s.fma(p, RA1);
                p = s.fma(p, RA0);
                DoubleVector q = s.fma(SA8, SA7);
                q = s.fma(q, SA6);
                q = s.fma(q, SA5);
                q = s.fma(q, SA4);
                q = s.fma(q, SA3);
                q = s.fma(q, SA2);
                q = s.fma(q, SA1);
                q = s.fma(q, ONE);
                ratio = p.div(q);
            }
            if (tailB.anyTrue()) {
                DoubleVector p = s.fma(RB6, RB5);
                p = s.fma(p, RB4);
                p = s.fma(p, RB3);
                p = s.fma(p, RB2);
                p = s.fma(p, RB1);
                p = s.fma(p, RB0);
                DoubleVector q = s.fma(SB7, SB6);
                q = s.fma(q, SB5);
                q = s.fma(q, SB4);
                q = s.fma(q, SB3);
                q = s.fma(q, SB2);
                q = s.fma(q, SB1);
                q = s.fma(q, ONE);
                ratio = ratio.blend(p.div(q), tailB);
            }
            // With z = a cut to 21 significant bits the exponent is big + small, big = -z^2 - 0.5625
            // exact and small = (z - a)(z + a) + R/S; their sum goes to exp as head + exact tail,
            // so the rounding of a^2 (up to 8 ulp of erfc near a = 6) never reaches the result.
            DoubleVector z = a.reinterpretAsLongs().and(HIGH_WORD).reinterpretAsDoubles();
            DoubleVector big = z.neg().fma(z, MINUS_9_16);
            DoubleVector small = z.sub(a).fma(z.add(a), ratio);
            DoubleVector head = big.add(small);
            DoubleVector headError = big.sub(head).add(small);   // Fast2Sum: |big| > 2 > |small|

            // e^(head + headError), exactly as exp(DoubleVector, DoubleVector) computes it
            DoubleVector shifted = head.fma(INV_LN2, ROUND_SHIFTER_V);
            DoubleVector kd = shifted.sub(ROUND_SHIFTER_V);
            LongVector k = shifted.reinterpretAsLongs().sub(ROUND_SHIFTER_BITS);
            DoubleVector hi = kd.fma(MINUS_LN2_HI, head);
            DoubleVector red = kd.fma(MINUS_LN2_LO, hi);
            DoubleVector redLo = kd.fma(MINUS_LN2_LO, hi.sub(red)).add(headError);
            DoubleVector p = red.fma(INV_FACT_13, INV_FACT_12);
            p = red.fma(p, INV_FACT_11);
            p = red.fma(p, INV_FACT_10);
            p = red.fma(p, INV_FACT_9);
            p = red.fma(p, INV_FACT_8);
            p = red.fma(p, INV_FACT_7);
            p = red.fma(p, INV_FACT_6);
            p = red.fma(p, INV_FACT_5);
            p = red.fma(p, INV_FACT_4);
            p = red.fma(p, INV_FACT_3);
            p = red.fma(p, HALF);
            DoubleVector rrp = red.mul(red).mul(p);
            DoubleVector expRed = red.add(rrp.add(redLo.fma(red.add(rrp), redLo))).add(ONE);
            // head is in [-37, -2]: 2^k is a normal double, no split needed
            DoubleVector scale = k.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles();
            r = r.blend(ONE.sub(expRed.mul(scale).div(a)), tail);
        }
        // the sign of x, flipped into the non-negative r (written out: see above)
        LongVector sign = x.reinterpretAsLongs().and(SIGN_BIT);
        return r.reinterpretAsLongs().lanewise(VectorOperators.XOR, sign).reinterpretAsDoubles();
    }

    /**
     * d/dx erf x = 2/sqrt(pi) e^(-x^2) = e^(ln(2/sqrt(pi)) - x^2), for the backward pass of a finite
     * erf network. The exponent goes to exp as a head plus an exact tail (x^2 split by an fma, the
     * constant in two parts, the sum by TwoSum), so neither the rounding of x^2 (up to 2^-44 for
     * |x| near 27) nor that of 2/sqrt(pi) reaches the result.
     *
     * @param x any doubles. Not modified.
     * @return erf'(x)
     */
    static DoubleVector erfDerivative(DoubleVector x) {
        // even in x; past |x| = 40 the result is 0 anyway, and the clamp keeps sqLo finite
        DoubleVector a = x.abs().min(40.0);
        DoubleVector sq = a.mul(a);
        DoubleVector sqLo = a.fma(a, sq.neg());
        DoubleVector c = LN_TWO_OVER_SQRT_PI_HI;
        DoubleVector head = c.sub(sq);
        DoubleVector back = head.sub(c);
        DoubleVector headError = c.sub(head.sub(back)).sub(sq.add(back));
        return exp(head, headError.add(LN_TWO_OVER_SQRT_PI_LO.sub(sqLo)));
    }

    // ---- array entry points ----------------------------------------------------------------------
    // The tail runs the same vector function on a partial vector (masked load and store, the
    // unused lanes compute f(0) and are dropped) instead of a scalar loop: lanes are independent,
    // so an element gets the same bits wherever it sits in the array. The loops are written
    // out because a shared loop taking the function as a lambda would be megamorphic, and the JIT
    // would box the vectors.

    /**
     * out[i] = acos(in[i]) for i < n.
     *
     * @param in the cosines, in [-1, 1]. Not modified.
     * @param out the angles. Modified.
     * @param n how many elements
     */
    static void acos(double[] in, double[] out, int n) {
        checkSizes(in, out, n);
        arc(in, out, n, true);
    }

    /**
     * out[i] = asin(in[i]) for i < n.
     *
     * @param in the sines, in [-1, 1]. Not modified.
     * @param out the angles. Modified.
     * @param n how many elements
     */
    static void asin(double[] in, double[] out, int n) {
        checkSizes(in, out, n);
        arc(in, out, n, false);
    }

    /**
     * out[i] = e^in[i] for i < n.
     *
     * @param in the exponents. Not modified.
     * @param out the powers. Modified.
     * @param n how many elements
     */
    static void exp(double[] in, double[] out, int n) {
        checkSizes(in, out, n);
        // one call site under a mask, not a main loop plus a tail: a second inlined copy of the
        // function would double the compiled size and push C2 past its inlining budget
        for (int i = 0; i < n; i += SPECIES.length()) {
            VectorMask<Double> m = SPECIES.indexInRange(i, n);
            exp(DoubleVector.fromArray(SPECIES, in, i, m)).intoArray(out, i, m);
        }
    }

    /**
     * out[i] = erf(in[i]) for i < n.
     *
     * @param in the arguments. Not modified.
     * @param out the values. Modified.
     * @param n how many elements
     */
    static void erf(double[] in, double[] out, int n) {
        checkSizes(in, out, n);
        // one call site under a mask, not a main loop plus a tail: a second inlined copy of the
        // function would double the compiled size and push C2 past its inlining budget
        for (int i = 0; i < n; i += SPECIES.length()) {
            VectorMask<Double> m = SPECIES.indexInRange(i, n);
            erf(DoubleVector.fromArray(SPECIES, in, i, m)).intoArray(out, i, m);
        }
    }

    private static void checkSizes(double[] in, double[] out, int n) {
        if (n < 0 || n > in.length || n > out.length) {
            throw new IllegalArgumentException("n = " + n + " must be in [0, min(in.length = "
                    + in.length + ", out.length = " + out.length + ")]");
        }
    }

    private static DoubleVector splat(double v) {
        return DoubleVector.broadcast(SPECIES, v);
    }

}
