package org.ntk4j.math;

/**
 * Published coefficients of Sun's fdlibm 5.3 (1993): {@code e_asin.c}/{@code e_acos.c},
 * {@code e_exp.c} and {@code s_erf.c}. Only the numbers are taken; the code that uses them is
 * ntk4j's own. Each decimal literal was checked against the hexadecimal bit pattern that fdlibm
 * prints next to it (shown here as {@code 0xHHHHHHHH_LLLLLLLL}).
 *
 * <p>Shared by {@link VectorMath} and {@link ScalarMath} so the two twins cannot drift apart.
 * They are compile-time constants: javac folds them into the callers as literals.
 */
public final class FdlibmConstants {

    private FdlibmConstants() {
    }

    // ---- pi/2 and pi as a head (the double nearest) plus a tail ---------------------------------
    public static final double PIO2_HI = 1.57079632679489655800e+00;  // 0x3FF921FB_54442D18 = Math.PI / 2
    public static final double PIO2_LO = 6.12323399573676603587e-17;  // 0x3C91A626_33145C07
    public static final double PI_HI = 3.14159265358979311600e+00;    // 0x400921FB_54442D18 = Math.PI

    // ---- ln 2 split: LN2_HI has 32 significant bits, so k * LN2_HI is exact for |k| < 2^21 ---------
    public static final double LN2_HI = 6.93147180369123816490e-01;  // 0x3FE62E42_FEE00000
    public static final double LN2_LO = 1.90821492927058770002e-10;  // 0x3DEA39EF_35793C76
    public static final double INV_LN2 = 1.44269504088896338700e+00; // 0x3FF71547_652B82FE

    // ---- erf (s_erf.c) ----------------------------------------------------------------------------
    /** ln(2 / sqrt(pi)) = 0.12078223763524522234551844578... as a head and a tail (not fdlibm's). */
    public static final double LN_TWO_OVER_SQRT_PI_HI = 0x1.eeb95b094c191p-4;
    public static final double LN_TWO_OVER_SQRT_PI_LO = 0x1.346863f58b075p-58;
    /** Piece boundaries on |x|: 27/32, 5/4, 1/0.35 (rounded), 6. */
    public static final double ERF_SMALL = 0.84375;
    public static final double ERF_MID = 1.25;
    public static final double ERF_TAIL = 1 / 0.35;
    public static final double ERF_ONE = 6.0;

    /** erf(x) = x + x * PP(x^2) / QQ(x^2) on |x| < 0.84375, |error| < 2^-57.9. */
    public static final double PP0 = 1.28379167095512558561e-01;   // 0x3FC06EBA_8214DB68
    public static final double PP1 = -3.25042107247001499370e-01;  // 0xBFD4CD7D_691CB913
    public static final double PP2 = -2.84817495755985104766e-02;  // 0xBF9D2A51_DBD7194F
    public static final double PP3 = -5.77027029648944159157e-03;  // 0xBF77A291_236668E4
    public static final double PP4 = -2.37630166566501626084e-05;  // 0xBEF8EAD6_120016AC
    public static final double QQ1 = 3.97917223959155352819e-01;   // 0x3FD97779_CDDADC09
    public static final double QQ2 = 6.50222499887672944485e-02;   // 0x3FB0A54C_5536CEBA
    public static final double QQ3 = 5.08130628187576562776e-03;   // 0x3F74D022_C4D36B0F
    public static final double QQ4 = 1.32494738004321644526e-04;   // 0x3F215DC9_221C1A10
    public static final double QQ5 = -3.96022827877536812320e-06;  // 0xBED09C43_42A26120

    /** erf(x) = ERX + PA(s) / QA(s), s = |x| - 1, on 0.84375 <= |x| < 1.25, |error| < 2^-59.06. */
    public static final double ERX = 8.45062911510467529297e-01;   // 0x3FEB0AC1_60000000
    public static final double PA0 = -2.36211856075265944077e-03;  // 0xBF6359B8_BEF77538
    public static final double PA1 = 4.14856118683748331666e-01;   // 0x3FDA8D00_AD92B34D
    public static final double PA2 = -3.72207876035701323847e-01;  // 0xBFD7D240_FBB8C3F1
    public static final double PA3 = 3.18346619901161753674e-01;   // 0x3FD45FCA_805120E4
    public static final double PA4 = -1.10894694282396677476e-01;  // 0xBFBC6398_3D3E28EC
    public static final double PA5 = 3.54783043256182359371e-02;   // 0x3FA22A36_599795EB
    public static final double PA6 = -2.16637559486879084300e-03;  // 0xBF61BF38_0A96073F
    public static final double QA1 = 1.06420880400844228286e-01;   // 0x3FBB3E66_18EEE323
    public static final double QA2 = 5.40397917702171048937e-01;   // 0x3FE14AF0_92EB6F33
    public static final double QA3 = 7.18286544141962662868e-02;   // 0x3FB2635C_D99FE9A7
    public static final double QA4 = 1.26171219808761642112e-01;   // 0x3FC02660_E763351F
    public static final double QA5 = 1.36370839120290507362e-02;   // 0x3F8BEDC2_6B51DD1C
    public static final double QA6 = 1.19844998467991074170e-02;   // 0x3F888B54_5735151D

    /**
     * erfc(x) = exp(-x^2 - 0.5625 + RA(s) / SA(s)) / x, s = 1 / x^2, on 1.25 <= x < 1/0.35,
     * |error| < 2^-62.57.
     */
    public static final double RA0 = -9.86494403484714822705e-03; // 0xBF843412_600D6435
    public static final double RA1 = -6.93858572707181764372e-01; // 0xBFE63416_E4BA7360
    public static final double RA2 = -1.05586262253232909814e+01; // 0xC0251E04_41B0E726
    public static final double RA3 = -6.23753324503260060396e+01; // 0xC04F300A_E4CBA38D
    public static final double RA4 = -1.62396669462573470355e+02; // 0xC0644CB1_84282266
    public static final double RA5 = -1.84605092906711035994e+02; // 0xC067135C_EBCCABB2
    public static final double RA6 = -8.12874355063065934246e+01; // 0xC0545265_57E4D2F2
    public static final double RA7 = -9.81432934416914548592e+00; // 0xC023A0EF_C69AC25C
    public static final double SA1 = 1.96512716674392571292e+01;  // 0x4033A6B9_BD707687
    public static final double SA2 = 1.37657754143519042600e+02;  // 0x4061350C_526AE721
    public static final double SA3 = 4.34565877475229228821e+02;  // 0x407B290D_D58A1A71
    public static final double SA4 = 6.45387271733267880336e+02;  // 0x40842B19_21EC2868
    public static final double SA5 = 4.29008140027567833386e+02;  // 0x407AD021_57700314
    public static final double SA6 = 1.08635005541779435134e+02;  // 0x405B28A3_EE48AE2C
    public static final double SA7 = 6.57024977031928170135e+00;  // 0x401A47EF_8E484A93
    public static final double SA8 = -6.04244152148580987438e-02; // 0xBFAEEFF2_EE749A62

    /** The same form with RB / SB on 1/0.35 <= x < 28, |error| < 2^-61.52. */
    public static final double RB0 = -9.86494292470009928597e-03; // 0xBF843412_39E86F4A
    public static final double RB1 = -7.99283237680523006574e-01; // 0xBFE993BA_70C285DE
    public static final double RB2 = -1.77579549177547519889e+01; // 0xC031C209_555F995A
    public static final double RB3 = -1.60636384855821916062e+02; // 0xC064145D_43C5ED98
    public static final double RB4 = -6.37566443368389627722e+02; // 0xC083EC88_1375F228
    public static final double RB5 = -1.02509513161107724954e+03; // 0xC0900461_6A2E5992
    public static final double RB6 = -4.83519191608651397019e+02; // 0xC07E384E_9BDC383F
    public static final double SB1 = 3.03380607434824582924e+01;  // 0x403E568B_261D5190
    public static final double SB2 = 3.25792512996573918826e+02;  // 0x40745CAE_221B9F0A
    public static final double SB3 = 1.53672958608443695994e+03;  // 0x409802EB_189D5118
    public static final double SB4 = 3.19985821950859553908e+03;  // 0x40A8FFB7_688C246A
    public static final double SB5 = 2.55305040643316442583e+03;  // 0x40A3F219_CEDF3BE6
    public static final double SB6 = 4.74528541206955367215e+02;  // 0x407DA874_E79FE763
    public static final double SB7 = -2.24409524465858183362e+01; // 0xC03670E2_42712D62
}
