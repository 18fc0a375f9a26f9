package org.ntk4j.kernel;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.kernel.ConvNet.Act;
import org.ntk4j.kernel.ConvNet.AvgPool;
import org.ntk4j.kernel.ConvNet.Conv;
import org.ntk4j.kernel.ConvNet.Readout;
import org.ntk4j.kernel.ConvNet.Stage;

/**
 * The {@link ConvKernels.Path#GENERIC} path: the full spatial covariance K(p, p') and Θ(p, p') of
 * a pair, (H·W)² entries each, through convs, activations and average pools (the one path that
 * holds with pooling between convs).
 */
final class ConvGeneric {

    private ConvGeneric() {
    }

    /** Readout {K, Θ} of the pair; dx, dy: the variance maps before each activation. */
    static double[] pair(ConvNet net, int[] sizes, int c, double[] x, int i, List<double[]> dx, double[] y, int j, List<double[]> dy) {
        return run(net, sizes, c, x, i, dx, y, j, dy, null);
    }

    /** The variance maps of image i before each activation (the generic recursion of the image with itself). */
    static List<double[]> selfDiagonals(ConvNet net, int[] sizes, int c, double[] x, int i) {
        List<double[]> out = new ArrayList<>();
        run(net, sizes, c, x, i, null, x, i, null, out);
        return out;
    }

    private static double[] run(ConvNet net, int[] sizes, int c, double[] x, int i, List<double[]> dx, double[] y, int j,
            List<double[]> dy, List<double[]> record) {
        int hh = sizes[0];
        int ww = sizes[1];
        int m = hh * ww;
        double[] k = new double[m * m];
        double[] t = new double[m * m];
        int xo = i * m * c;
        int yo = j * m * c;
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++) {
                double s = 0;
                for (int ch = 0; ch < c; ch++) {
                    s += x[xo + p * c + ch] * y[yo + q * c + ch];
                }
                k[p * m + q] = s / c;
            }
        }
        int a = 0;
        for (int si = 0; si < net.stages().size(); si++) {
            Stage st = net.stages().get(si);
            int oh = sizes[2 * si + 2];
            int ow = sizes[2 * si + 3];
            int om = oh * ow;
            if (st instanceof Conv cv) {
                double[] nk = new double[om * om];
                double[] nt = new double[om * om];
                double scale = cv.wStd() * cv.wStd() / ((double) cv.q() * cv.q());
                double b2 = cv.bStd() * cv.bStd();
                int q = cv.q();
                for (int p = 0; p < om; p++) {
                    for (int r = 0; r < om; r++) {
                        double sk = 0;
                        double stt = 0;
                        for (int di = 0; di < q; di++) {
                            int a1 = ConvKernels.source(p / ow, di, q, cv.padding(), hh);
                            int a2 = ConvKernels.source(r / ow, di, q, cv.padding(), hh);
                            if (a1 < 0 || a2 < 0) {
                                continue;
                            }
                            for (int dj = 0; dj < q; dj++) {
                                int b1 = ConvKernels.source(p % ow, dj, q, cv.padding(), ww);
                                int bb = ConvKernels.source(r % ow, dj, q, cv.padding(), ww);
                                if (b1 >= 0 && bb >= 0) {
                                    int e = (a1 * ww + b1) * m + a2 * ww + bb;
                                    sk += k[e];
                                    stt += t[e];
                                }
                            }
                        }
                        double kk = scale * sk + b2;
                        nk[p * om + r] = kk;
                        nt[p * om + r] = kk + scale * stt;
                    }
                }
                k = nk;
                t = nt;
            } else if (st instanceof AvgPool pool) {
                int pw = pool.window();
                double[] nk = new double[om * om];
                double[] nt = new double[om * om];
                double norm = 1.0 / ((double) pw * pw * pw * pw);
                for (int p = 0; p < om; p++) {
                    for (int r = 0; r < om; r++) {
                        double sk = 0;
                        double stt = 0;
                        for (int u = 0; u < pw * pw; u++) {
                            int s1 = ((p / ow) * pw + u / pw) * ww + (p % ow) * pw + u % pw;
                            for (int v = 0; v < pw * pw; v++) {
                                int s2 = ((r / ow) * pw + v / pw) * ww + (r % ow) * pw + v % pw;
                                sk += k[s1 * m + s2];
                                stt += t[s1 * m + s2];
                            }
                        }
                        nk[p * om + r] = norm * sk;
                        nt[p * om + r] = norm * stt;
                    }
                }
                k = nk;
                t = nt;
            } else if (st instanceof Act act) {
                double[] v1;
                double[] v2;
                if (record != null) {
                    v1 = new double[m];
                    for (int p = 0; p < m; p++) {
                        v1[p] = k[p * m + p];
                    }
                    v2 = v1;
                    record.add(v1);
                } else {
                    v1 = dx.get(a);
                    v2 = dy.get(a);
                }
                a++;
                for (int p = 0; p < m; p++) {
                    for (int r = 0; r < m; r++) {
                        int e = p * m + r;
                        t[e] = act.phi().tdot(k[e], v1[p], v2[r]) * t[e];
                        k[e] = act.phi().nngp(k[e], v1[p], v2[r]);
                    }
                }
            }
            hh = oh;
            ww = ow;
            m = om;
        }
        double sk = 0;
        double stt = 0;
        if (net.readout() == Readout.FLATTEN) {
            for (int p = 0; p < m; p++) {
                sk += k[p * m + p];
                stt += t[p * m + p];
            }
            return new double[] {sk / m, stt / m};
        }
        for (int e = 0; e < m * m; e++) {
            sk += k[e];
            stt += t[e];
        }
        return new double[] {sk / ((double) m * m), stt / ((double) m * m)};
    }
}
