package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.ConvKernels.Images;
import org.ntk4j.kernel.ConvKernels.Path;
import org.ntk4j.kernel.ConvKernels.Result;

/**
 * The conv kernels against an independent reference written here: the joint covariance of the
 * two images stacked, a (2·H·W)² matrix, mapped by explicit linear operators (a conv is
 * Σ_d S_d K S_dᵀ with 0/1 shift matrices S_d, a pool P K Pᵀ) and elementwise activations that
 * read their variances off the joint matrix's own diagonal. It shares no code with the engine's
 * three paths but the activations' scalar maps.
 *
 * <p>Tolerances. Each entry is the same real number computed by sums of at most Q²·(H·W)² terms
 * in two orders; with n ≤ 6 layers and ≤ 25·64² = 1e5 terms per sum the rounding difference is
 * below n·1e5·ε·(Σ|terms|) ≈ 7e-11 of the scale √(K11 K22) (every term is bounded by it by
 * Cauchy–Schwarz), so 1e-10 relative to that scale. The NTK's Ṫ for ReLU is an arccosine, whose
 * derivative is unbounded at θ = 0: a covariance rounded by δ moves θ by √(2δ) there, so the
 * diagonal entries may differ by √(2·7e-11)/π ≈ 4e-6 · Θ in the worst case; away from exactly
 * equal inputs it is bounded by the stated 2e-8 as long as the inputs are not near-parallel,
 * which random Gaussian images of ≥ 4 pixels are not (we compare the off-diagonal block x1 vs x2
 * of distinct images, and the diagonal where both paths see k12 = k11 = k22 bit for bit).
 */
class ConvReferenceTest {

    static Images images(int n, int h, int w, int c, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n * h * w * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return new Images(d, n, h, w, c);
    }

    /** The joint covariance reference; returns {K, Θ} of the readout tail, cross entry of x[i] vs y[j]. */
    static double[] reference(ConvNet net, Images x, int i, Images y, int j) {
        int h = x.h();
        int w = x.w();
        int c = x.c();
        int m = h * w;
        double[] z = new double[2 * m * c];
        System.arraycopy(x.data(), i * m * c, z, 0, m * c);
        System.arraycopy(y.data(), j * m * c, z, m * c, m * c);
        DMatrixRMaj k = new DMatrixRMaj(2 * m, 2 * m);
        for (int p = 0; p < 2 * m; p++) {
            for (int q = 0; q < 2 * m; q++) {
                double s = 0;
                for (int ch = 0; ch < c; ch++) {
                    s += z[p * c + ch] * z[q * c + ch];
                }
                k.set(p, q, s / c);
            }
        }
        DMatrixRMaj t = new DMatrixRMaj(2 * m, 2 * m);
        for (ConvNet.Stage st : net.stages()) {
            if (st instanceof ConvNet.Conv cv) {
                int oh = cv.padding() == ConvNet.Padding.VALID ? h - cv.q() + 1 : h;
                int ow = cv.padding() == ConvNet.Padding.VALID ? w - cv.q() + 1 : w;
                DMatrixRMaj nk = new DMatrixRMaj(2 * oh * ow, 2 * oh * ow);
                DMatrixRMaj nt = new DMatrixRMaj(2 * oh * ow, 2 * oh * ow);
                for (int di = 0; di < cv.q(); di++) {
                    for (int dj = 0; dj < cv.q(); dj++) {
                        DMatrixRMaj s = new DMatrixRMaj(2 * oh * ow, 2 * h * w);
                        for (int img = 0; img < 2; img++) {
                            for (int oi = 0; oi < oh; oi++) {
                                for (int oj = 0; oj < ow; oj++) {
                                    int si = shift(oi, di, cv, h);
                                    int sj = shift(oj, dj, cv, w);
                                    if (si >= 0 && sj >= 0) {
                                        s.set(img * oh * ow + oi * ow + oj, img * h * w + si * w + sj, 1);
                                    }
                                }
                            }
                        }
                        CommonOps_DDRM.addEquals(nk, sandwich(s, k));
                        CommonOps_DDRM.addEquals(nt, sandwich(s, t));
                    }
                }
                double scale = cv.wStd() * cv.wStd() / (cv.q() * cv.q());
                CommonOps_DDRM.scale(scale, nk);
                CommonOps_DDRM.scale(scale, nt);
                CommonOps_DDRM.add(nk, cv.bStd() * cv.bStd(), nk);
                CommonOps_DDRM.addEquals(nt, nk);
                k = nk;
                t = nt;
                h = oh;
                w = ow;
            } else if (st instanceof ConvNet.AvgPool pool) {
                int pw = pool.window();
                int oh = h / pw;
                int ow = w / pw;
                DMatrixRMaj s = new DMatrixRMaj(2 * oh * ow, 2 * h * w);
                for (int img = 0; img < 2; img++) {
                    for (int oi = 0; oi < oh * pw; oi++) {
                        for (int oj = 0; oj < ow * pw; oj++) {
                            s.set(img * oh * ow + (oi / pw) * ow + oj / pw, img * h * w + oi * w + oj, 1.0 / (pw * pw));
                        }
                    }
                }
                k = sandwich(s, k);
                t = sandwich(s, t);
                h = oh;
                w = ow;
            } else if (st instanceof ConvNet.Act act) {
                DMatrixRMaj nk = new DMatrixRMaj(k.numRows, k.numCols);
                for (int p = 0; p < k.numRows; p++) {
                    for (int q = 0; q < k.numCols; q++) {
                        double k12 = k.get(p, q);
                        double k11 = k.get(p, p);
                        double k22 = k.get(q, q);
                        nk.set(p, q, act.phi().nngp(k12, k11, k22));
                        t.set(p, q, act.phi().tdot(k12, k11, k22) * t.get(p, q));
                    }
                }
                k = nk;
            }
        }
        int mm = h * w;
        double[] kr = new double[3]; // x-x, y-y, x-y
        double[] tr = new double[3];
        for (int p = 0; p < mm; p++) {
            for (int q = 0; q < mm; q++) {
                if (net.readout() == ConvNet.Readout.FLATTEN && p != q) {
                    continue;
                }
                kr[0] += k.get(p, q);
                kr[1] += k.get(mm + p, mm + q);
                kr[2] += k.get(p, mm + q);
                tr[2] += t.get(p, mm + q);
            }
        }
        double norm = net.readout() == ConvNet.Readout.FLATTEN ? mm : (double) mm * mm;
        double k1 = kr[0] / norm;
        double k2 = kr[1] / norm;
        double kk = kr[2] / norm;
        double tt = tr[2] / norm;
        for (Layer l : net.tail().layers()) {
            if (l instanceof Dense d) {
                double w2 = d.wStd() * d.wStd();
                double b2 = d.bStd() * d.bStd();
                kk = w2 * kk + b2;
                tt = w2 * tt + kk;
                k1 = w2 * k1 + b2;
                k2 = w2 * k2 + b2;
            } else if (l instanceof Activation a) {
                tt *= a.tdot(kk, k1, k2);
                kk = a.nngp(kk, k1, k2);
                k1 = a.nngp(k1, k1, k1);
                k2 = a.nngp(k2, k2, k2);
            }
        }
        return new double[] {kk, tt, k1, k2};
    }

    private static int shift(int o, int d, ConvNet.Conv cv, int n) {
        int r = cv.q() / 2;
        return switch (cv.padding()) {
            case VALID -> o + d;
            case SAME -> o + d - r >= 0 && o + d - r < n ? o + d - r : -1;
            case CIRCULAR -> ((o + d - r) % n + n) % n;
        };
    }

    private static DMatrixRMaj sandwich(DMatrixRMaj s, DMatrixRMaj k) {
        DMatrixRMaj sk = new DMatrixRMaj(s.numRows, k.numCols);
        CommonOps_DDRM.mult(s, k, sk);
        DMatrixRMaj out = new DMatrixRMaj(s.numRows, s.numRows);
        CommonOps_DDRM.multTransB(sk, s, out);
        return out;
    }

    static void check(String spec, int h, int w, int c) {
        ConvNet net = ConvNet.parse(spec, 1.3, 0.2);
        Images x = images(2, h, w, c, spec.hashCode() + h);
        Images y = images(2, h, w, c, spec.hashCode() + 7L * w);
        for (Path path : new Path[] {Path.AUTO, Path.GENERIC}) {
            Result r = ConvKernels.compute(net, x, y, path, 2);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    double[] ref = reference(net, x, i, y, j);
                    double scale = Math.sqrt(ref[2] * ref[3]);
                    String what = spec + " " + h + "x" + w + " " + path + " (" + i + "," + j + ")";
                    assertEquals(ref[0], r.nngp().get(i, j), 1e-10 * scale, "NNGP " + what);
                    assertEquals(ref[1], r.ntk().get(i, j), 2e-8 * Math.abs(ref[1]) + 1e-10 * scale, "NTK " + what);
                }
            }
        }
    }

    @Test
    void everyPaddingFilterAndReadoutMatchesTheReference() {
        for (String pad : new String[] {"same", "valid", "circular"}) {
            for (int q : new int[] {1, 3, 5}) {
                for (String readout : new String[] {"flatten", "gap"}) {
                    String conv = "conv(" + q + "," + pad + ")";
                    boolean big = pad.equals("valid") && q == 5;
                    String second = big ? "conv(3,valid)" : conv;
                    int size = big ? 8 : 6;
                    check(conv + ",relu," + second + ",erf," + readout + ",dense", size, size - 1, 2);
                }
            }
        }
    }

    @Test
    void poolsBetweenConvsMatchTheReference() {
        check("conv(3),relu,avgpool(2),conv(3,valid),relu,flatten,dense", 8, 8, 1);
        check("conv(3,circular),gelu,avgpool(2),conv(1),relu,gap,dense,relu,dense", 7, 6, 3);
        check("conv(5,same,1.5,0.1),relu,avgpool(3),gap,dense", 8, 7, 2);
    }

    @Test
    void wrongSpecsGiveOneLineErrors() {
        ConvNet net = ConvNet.parse("conv(5,valid),relu,flatten,dense", 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvKernels.compute(net, images(1, 4, 4, 1, 1), null, Path.AUTO, 1));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvNet.parse("conv(3),relu,dense", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ConvNet.parse("conv(3,round),relu,flatten,dense", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ConvNet.parse("conv(2),relu,flatten,dense", 1, 0));
        ConvNet pool = ConvNet.parse("conv(3),relu,avgpool(5),flatten,dense", 1, 0.1);
        e = assertThrows(IllegalArgumentException.class, () -> ConvKernels.compute(pool, images(1, 4, 4, 1, 1), null, Path.AUTO, 1));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        for (String m : new String[] {e.getMessage()}) {
            assertTrue(!m.contains("\n"), m);
        }
    }

    @Test
    void specsPrintBackToEqualNetworks() {
        ConvNet net = ConvNet.parse("conv(3),relu,conv(3,circular),relu,avgpool(2),gap,dense,relu,dense", 1.2, 0.1);
        assertEquals(net, ConvNet.parse(net.toString(), 7, 7));
        assertTrue(ConvNet.isConvolutional("conv(3),relu,flatten,dense"));
        assertTrue(!ConvNet.isConvolutional("dense,relu,dense"));
    }
}
