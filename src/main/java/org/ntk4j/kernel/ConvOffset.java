package org.ntk4j.kernel;

import java.util.List;
import org.ntk4j.kernel.ConvNet.Act;
import org.ntk4j.kernel.ConvNet.Conv;
import org.ntk4j.kernel.ConvNet.Stage;

/**
 * One offset problem of the {@link ConvKernels.Path#OFFSET} path. For stride-1 convs the
 * covariance at (p, p + δ) after a conv only reads covariances at (s, s + δ): K'(p, p + δ) =
 * W²/Q² Σ_d K(p + d, p + δ + d) + B², and an activation maps each entry with the variances at p
 * and p + δ. So each δ is an independent recursion on arrays of H·W entries (entry p holds
 * K(p, p + δ), unused where p + δ leaves the grid; under circular padding p + δ wraps).
 */
final class ConvOffset {

    private ConvOffset() {
    }

    /** Runs offset (da, db) through the stages in the four buffers; returns the final {K, Θ} arrays (final grid, row-major). */
    static double[][] one(ConvNet net, int[] sizes, int c, double[] x, int i, List<double[]> dx, double[] y, int j,
            List<double[]> dy, int da, int db, boolean circular, double[] k, double[] t, double[] nk, double[] nt) {
        int hh = sizes[0];
        int ww = sizes[1];
        int xo = i * hh * ww * c;
        int yo = j * hh * ww * c;
        for (int pi = 0; pi < hh; pi++) {
            for (int pj = 0; pj < ww; pj++) {
                int p = pi * ww + pj;
                int q = partner(pi, da, hh, circular) * ww;
                int qj = partner(pj, db, ww, circular);
                k[p] = 0;
                t[p] = 0;
                if (q >= 0 && qj >= 0) {
                    q += qj;
                    double s = 0;
                    for (int ch = 0; ch < c; ch++) {
                        s += x[xo + p * c + ch] * y[yo + q * c + ch];
                    }
                    k[p] = s / c;
                }
            }
        }
        int a = 0;
        for (int si = 0; si < net.stages().size(); si++) {
            Stage st = net.stages().get(si);
            int oh = sizes[2 * si + 2];
            int ow = sizes[2 * si + 3];
            if (st instanceof Conv cv) {
                double scale = cv.wStd() * cv.wStd() / ((double) cv.q() * cv.q());
                double b2 = cv.bStd() * cv.bStd();
                int q = cv.q();
                for (int oi = 0; oi < oh; oi++) {
                    int pi = partner(oi, da, oh, circular);
                    for (int oj = 0; oj < ow; oj++) {
                        int pj = partner(oj, db, ow, circular);
                        int o = oi * ow + oj;
                        if (pi < 0 || pj < 0) {
                            nk[o] = 0;
                            nt[o] = 0;
                            continue;
                        }
                        double sk = 0;
                        double stt = 0;
                        for (int di = 0; di < q; di++) {
                            int s1 = ConvKernels.source(oi, di, q, cv.padding(), hh);
                            if (s1 < 0 || ConvKernels.source(pi, di, q, cv.padding(), hh) < 0) {
                                continue;
                            }
                            for (int dj = 0; dj < q; dj++) {
                                int s2 = ConvKernels.source(oj, dj, q, cv.padding(), ww);
                                if (s2 >= 0 && ConvKernels.source(pj, dj, q, cv.padding(), ww) >= 0) {
                                    sk += k[s1 * ww + s2];
                                    stt += t[s1 * ww + s2];
                                }
                            }
                        }
                        double kk = scale * sk + b2;
                        nk[o] = kk;
                        nt[o] = kk + scale * stt;
                    }
                }
                double[] sw = k;
                k = nk;
                nk = sw;
                sw = t;
                t = nt;
                nt = sw;
            } else if (st instanceof Act act) {
                double[] v1 = dx.get(a);
                double[] v2 = dy.get(a);
                a++;
                for (int pi = 0; pi < hh; pi++) {
                    int qi = partner(pi, da, hh, circular);
                    for (int pj = 0; pj < ww; pj++) {
                        int qj = partner(pj, db, ww, circular);
                        if (qi < 0 || qj < 0) {
                            continue;
                        }
                        int p = pi * ww + pj;
                        double k22 = v2[qi * ww + qj];
                        t[p] = act.phi().tdot(k[p], v1[p], k22) * t[p];
                        k[p] = act.phi().nngp(k[p], v1[p], k22);
                    }
                }
            }
            hh = oh;
            ww = ow;
        }
        return new double[][] {k, t};
    }

    /** o + d on an axis of n, wrapped when circular; −1 outside. */
    private static int partner(int o, int d, int n, boolean circular) {
        if (circular) {
            return Math.floorMod(o + d, n);
        }
        int s = o + d;
        return s < 0 || s >= n ? -1 : s;
    }
}
