package org.ntk4j.kernel;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.exec.Workers;
import org.ntk4j.kernel.ConvNet.Act;
import org.ntk4j.kernel.ConvNet.AvgPool;
import org.ntk4j.kernel.ConvNet.Conv;
import org.ntk4j.kernel.ConvNet.Padding;
import org.ntk4j.kernel.ConvNet.Readout;
import org.ntk4j.kernel.ConvNet.Stage;

/**
 * NNGP and NTK of a {@link ConvNet} on NHWC images (scalar reference). Three exact paths:
 * <ul>
 *   <li>{@link Path#DIAGONAL}: flatten without pooling carries only K(p, p), O(H·W) per pair;</li>
 *   <li>{@link Path#OFFSET}: gap over stride-1 convs, split into the independent problems of one
 *       offset δ = p' − p each (K(p, p + δ) on the grid), O(H·W) memory per pair;</li>
 *   <li>{@link Path#GENERIC}: the full (H·W)² covariance, needed when a pool sits between convs.</li>
 * </ul>
 * Every entry is computed by the same operations in the same order wherever it sits, so the bits
 * do not depend on the thread count. An input covariance is x[p]·x'[p'] / C, Θ starts at 0.
 */
public final class ConvKernels {

    /** Which recursion computes the spatial part. */
    public enum Path { AUTO, DIAGONAL, OFFSET, GENERIC }

    /** The two kernels. */
    public record Result(DMatrixRMaj nngp, DMatrixRMaj ntk) {
    }

    /** n images of h × w × c, row-major (n, H, W, C). */
    public record Images(double[] data, int n, int h, int w, int c) {
        public Images {
            if (n < 1 || h < 1 || w < 1 || c < 1 || (long) n * h * w * c != data.length) {
                throw new IllegalArgumentException("images must be (n, H, W, C) with all sizes >= 1, got " + n + " x " + h + " x "
                        + w + " x " + c + " for " + data.length + " values");
            }
            for (double v : data) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the images hold a non-finite value (" + v + ")");
                }
            }
        }
    }

    private final ConvNet net;
    private final Path path;
    private final int h;
    private final int w;
    private final int c;
    private final int[] sizes;

    private ConvKernels(ConvNet net, Path path, int h, int w, int c) {
        this.net = net;
        this.h = h;
        this.w = w;
        this.c = c;
        this.sizes = net.sizes(h, w);
        this.path = resolve(net, path);
    }

    /** The path AUTO picks for net. */
    public static Path resolve(ConvNet net, Path requested) {
        boolean circular = false;
        boolean other = false;
        for (Stage s : net.stages()) {
            if (s instanceof Conv cv) {
                circular |= cv.padding() == Padding.CIRCULAR;
                other |= cv.padding() != Padding.CIRCULAR;
            }
        }
        boolean offsetOk = !net.hasPool() && !(circular && other);
        Path auto = net.hasPool() ? Path.GENERIC : net.readout() == Readout.FLATTEN ? Path.DIAGONAL : offsetOk ? Path.OFFSET : Path.GENERIC;
        Path p = requested == Path.AUTO ? auto : requested;
        if (p == Path.DIAGONAL && (net.hasPool() || net.readout() != Readout.FLATTEN)) {
            throw new IllegalArgumentException("the diagonal path needs a flatten readout and no pool");
        }
        if (p == Path.OFFSET && !offsetOk) {
            throw new IllegalArgumentException("the offset path needs stride-1 convs without pools and one kind of padding when circular");
        }
        return p;
    }

    /**
     * NNGP and NTK between the images of x1 and x2 (x2 null: x1 against itself).
     *
     * @throws IllegalArgumentException for images of different shapes, a spec that does not fit
     *                                  them, or a zero variance under an activation that needs an angle
     */
    public static Result compute(ConvNet net, Images x1, Images x2, Path path, int threads) {
        Images y = x2 == null ? x1 : x2;
        if (y.h() != x1.h() || y.w() != x1.w() || y.c() != x1.c()) {
            throw new IllegalArgumentException("x1 images are " + x1.h() + " x " + x1.w() + " x " + x1.c() + ", x2 images "
                    + y.h() + " x " + y.w() + " x " + y.c());
        }
        ConvKernels eng = new ConvKernels(net, path, x1.h(), x1.w(), x1.c());
        Workers workers = threads == 1 ? Workers.SINGLE : new Workers(threads);
        Self[] s1 = eng.selves(x1, workers);
        Self[] s2 = x2 == null ? s1 : eng.selves(y, workers);
        int n1 = x1.n();
        int n2 = y.n();
        DMatrixRMaj k = new DMatrixRMaj(n1, n2);
        DMatrixRMaj t = new DMatrixRMaj(n1, n2);
        workers.forEach(n1, i -> {
            for (int j = x2 == null ? i : 0; j < n2; j++) {
                double[] kt = eng.entry(x1.data(), i, s1[i], y.data(), j, s2[j]);
                k.data[i * n2 + j] = kt[0];
                t.data[i * n2 + j] = kt[1];
                if (x2 == null) {
                    k.data[j * n2 + i] = kt[0];
                    t.data[j * n2 + i] = kt[1];
                }
            }
        });
        for (int i = 0; i < k.data.length; i++) {
            if (!Double.isFinite(k.data[i]) || !Double.isFinite(t.data[i])) {
                throw new IllegalArgumentException("the kernel is not finite at (" + i / n2 + ", " + i % n2 + ") (inputs or w-std too large?)");
            }
        }
        return new Result(k, t);
    }

    /** Per image: the variance map before each activation, and the readout of the image with itself. */
    private record Self(List<double[]> diag, double k, double t) {
    }

    private Self[] selves(Images x, Workers workers) {
        Self[] out = new Self[x.n()];
        workers.forEach(x.n(), i -> {
            List<double[]> diag = path == Path.GENERIC ? genericDiag(x.data(), i) : diagonal(x.data(), i, x.data(), i, null, null, true).d;
            for (int s = 0, a = 0; s < net.stages().size(); s++) {
                if (net.stages().get(s) instanceof Act act && act.phi().needsAngle()) {
                    for (double v : diag.get(a)) {
                        if (!(v > 0)) {
                            throw new IllegalArgumentException("image " + i + " has a zero variance at a position before layer " + (s + 1)
                                    + " (" + act.describe() + "): give the conv before it a b-std > 0");
                        }
                    }
                }
                if (net.stages().get(s) instanceof Act) {
                    a++;
                }
            }
            Self tmp = new Self(diag, 0, 0);
            double[] r = spatial(x.data(), i, tmp, x.data(), i, tmp);
            out[i] = new Self(diag, r[0], r[1]);
        });
        return out;
    }

    private double[] spatial(double[] x, int i, Self sx, double[] y, int j, Self sy) {
        return switch (path) {
            case DIAGONAL -> {
                Diag d = diagonal(x, i, y, j, sx.diag(), sy.diag(), false);
                yield new double[] {d.k, d.t};
            }
            case OFFSET -> offsets(x, i, sx.diag(), y, j, sy.diag());
            default -> ConvGeneric.pair(net, sizes, c, x, i, sx.diag(), y, j, sy.diag());
        };
    }

    private double[] entry(double[] x, int i, Self sx, double[] y, int j, Self sy) {
        double[] r = spatial(x, i, sx, y, j, sy);
        return tail(net.tail(), r[0], r[1], sx.k(), sy.k());
    }

    /** The fully-connected tail on the scalar readout: dense K ← w²K + b², Θ ← w²Θ + K; activation K ← E φφ, Θ ← Ṫ Θ. */
    static double[] tail(Network tail, double k, double t, double k1, double k2) {
        for (Layer l : tail.layers()) {
            if (l instanceof Dense d) {
                double w2 = d.wStd() * d.wStd();
                double b2 = d.bStd() * d.bStd();
                k = w2 * k + b2;
                t = w2 * t + k;
                k1 = w2 * k1 + b2;
                k2 = w2 * k2 + b2;
            } else if (l instanceof Activation a) {
                t = a.tdot(k, k1, k2) * t;
                k = a.nngp(k, k1, k2);
                k1 = a.nngp(k1, k1, k1);
                k2 = a.nngp(k2, k2, k2);
            }
        }
        return new double[] {k, t};
    }

    /** Source index of output index o under filter tap d (0 ≤ d < q) on an axis of n inputs; −1 when it falls in the zero padding. */
    static int source(int o, int d, int q, Padding pad, int n) {
        return switch (pad) {
            case VALID -> o + d;
            case SAME -> {
                int s = o + d - q / 2;
                yield s < 0 || s >= n ? -1 : s;
            }
            case CIRCULAR -> Math.floorMod(o + d - q / 2, n);
        };
    }

    private static final class Diag {
        double k;
        double t;
        List<double[]> d = new ArrayList<>();
    }

    /** The diagonal path: K(p, p), Θ(p, p) only. self: record each pre-activation map (and use it as its own variance). */
    private Diag diagonal(double[] x, int i, double[] y, int j, List<double[]> dx, List<double[]> dy, boolean self) {
        int hh = h;
        int ww = w;
        double[] k = new double[hh * ww];
        double[] t = new double[hh * ww];
        int xo = i * h * w * c;
        int yo = j * h * w * c;
        for (int p = 0; p < hh * ww; p++) {
            double s = 0;
            for (int ch = 0; ch < c; ch++) {
                s += x[xo + p * c + ch] * y[yo + p * c + ch];
            }
            k[p] = s / c;
        }
        Diag out = new Diag();
        int a = 0;
        for (int si = 0; si < net.stages().size(); si++) {
            Stage st = net.stages().get(si);
            int oh = sizes[2 * si + 2];
            int ow = sizes[2 * si + 3];
            if (st instanceof Conv cv) {
                double[] nk = new double[oh * ow];
                double[] nt = new double[oh * ow];
                double scale = cv.wStd() * cv.wStd() / ((double) cv.q() * cv.q());
                double b2 = cv.bStd() * cv.bStd();
                for (int oi = 0; oi < oh; oi++) {
                    for (int oj = 0; oj < ow; oj++) {
                        double sk = 0;
                        double stt = 0;
                        for (int di = 0; di < cv.q(); di++) {
                            int si2 = source(oi, di, cv.q(), cv.padding(), hh);
                            if (si2 < 0) {
                                continue;
                            }
                            for (int dj = 0; dj < cv.q(); dj++) {
                                int sj = source(oj, dj, cv.q(), cv.padding(), ww);
                                if (sj >= 0) {
                                    sk += k[si2 * ww + sj];
                                    stt += t[si2 * ww + sj];
                                }
                            }
                        }
                        double kk = scale * sk + b2;
                        nk[oi * ow + oj] = kk;
                        nt[oi * ow + oj] = kk + scale * stt;
                    }
                }
                k = nk;
                t = nt;
            } else if (st instanceof Act act) {
                double[] v1 = self ? k.clone() : dx.get(a);
                double[] v2 = self ? v1 : dy.get(a);
                if (self) {
                    out.d.add(v1);
                }
                a++;
                for (int p = 0; p < k.length; p++) {
                    t[p] = act.phi().tdot(k[p], v1[p], v2[p]) * t[p];
                    k[p] = act.phi().nngp(k[p], v1[p], v2[p]);
                }
            } else if (st instanceof AvgPool) {
                throw new IllegalStateException("the diagonal path has no pools");
            }
            hh = oh;
            ww = ow;
        }
        double sk = 0;
        double stt = 0;
        for (int p = 0; p < k.length; p++) {
            sk += k[p];
            stt += t[p];
        }
        out.k = sk / k.length;
        out.t = stt / k.length;
        return out;
    }

    private List<double[]> genericDiag(double[] x, int i) {
        return ConvGeneric.selfDiagonals(net, sizes, c, x, i);
    }

    /** The offset path: for each δ, K(p, p + δ) and Θ(p, p + δ) on the grid; the gap readout sums them all. */
    private double[] offsets(double[] x, int i, List<double[]> dx, double[] y, int j, List<double[]> dy) {
        int hf = sizes[sizes.length - 2];
        int wf = sizes[sizes.length - 1];
        boolean circular = net.stages().get(0) instanceof Conv cv && cv.padding() == Padding.CIRCULAR;
        int a0 = circular ? 0 : -(hf - 1);
        int b0 = circular ? 0 : -(wf - 1);
        double[] k = new double[h * w];
        double[] t = new double[h * w];
        double[] nk = new double[h * w];
        double[] nt = new double[h * w];
        double sk = 0;
        double stt = 0;
        for (int da = a0; da < hf; da++) {
            for (int db = b0; db < wf; db++) {
                double[][] r = ConvOffset.one(net, sizes, c, x, i, dx, y, j, dy, da, db, circular, k, t, nk, nt);
                int n = hf * wf;
                for (int p = 0; p < n; p++) {
                    int pi = p / wf;
                    int pj = p % wf;
                    if (circular || (pi + da >= 0 && pi + da < hf && pj + db >= 0 && pj + db < wf)) {
                        sk += r[0][p];
                        stt += r[1][p];
                    }
                }
            }
        }
        double n2 = (double) hf * wf * hf * wf;
        return new double[] {sk / n2, stt / n2};
    }
}
