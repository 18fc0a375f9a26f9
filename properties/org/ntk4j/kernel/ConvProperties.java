package org.ntk4j.kernel;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.ntk4j.kernel.ConvKernels.Images;
import org.ntk4j.kernel.ConvKernels.Path;
import org.ntk4j.kernel.ConvKernels.Result;
import org.ntk4j.simd.Simd;

/**
 * Properties of the conv kernels over random stacks, paddings, filter sizes and images.
 *
 * <p>Tolerance between two paths: both compute the same sums of at most Q²·(H·W)² terms per
 * entry in different orders; with ≤ 6 layers and ≤ 25·36² terms the rounding difference stays
 * below 6·3.3e4·ε ≈ 4e-11 of the Cauchy–Schwarz scale √(K_ii K_jj) bounding every term, so
 * 1e-10·scale for the NNGP; the NTK adds ReLU's Ṫ = 1 − θ/π whose θ = arccos moves by √(2δ) for a
 * covariance moved by δ near θ = 0 (equal images: the diagonal entries), √(2·4e-11)/π ≈ 3e-6 · Θ,
 * so 1e-5 relative on the NTK here (the reference test bounds distinct images at 2e-8).
 */
class ConvProperties {

    static Images images(int n, int h, int w, int c, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n * h * w * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return new Images(d, n, h, w, c);
    }

    static String stack(int depth, int q, String pad, String readout, long seed) {
        String[] acts = {"relu", "erf", "gelu", "leaky-relu(0.2)"};
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < depth; l++) {
            sb.append("conv(").append(q).append(',').append(pad).append("),").append(acts[(int) Math.floorMod(seed + l, 4L)]).append(',');
        }
        return sb.append(readout).append(",dense").toString();
    }

    static void close(Result a, Result b, String what) {
        int n = a.nngp().numRows;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double scale = Math.sqrt(a.nngp().get(i, i) * a.nngp().get(j, j));
                double tscale = Math.sqrt(a.ntk().get(i, i) * a.ntk().get(j, j));
                if (Math.abs(a.nngp().get(i, j) - b.nngp().get(i, j)) > 1e-10 * scale
                        || Math.abs(a.ntk().get(i, j) - b.ntk().get(i, j)) > 1e-5 * tscale) {
                    throw new AssertionError(what + " at (" + i + "," + j + "): " + a.nngp().get(i, j) + " vs " + b.nngp().get(i, j)
                            + ", NTK " + a.ntk().get(i, j) + " vs " + b.ntk().get(i, j));
                }
            }
        }
    }

    @Test
    void offsetAndDiagonalPathsEqualTheGenericPathAndIgnoreThreads() {
        String[] pads = {"same", "valid", "circular"};
        Gens.qt(25).forAll(integers().between(0, 8), integers().between(0, 5), integers().between(2, 6), longs().all())
                .checkAssert((shape, pr, size, seed) -> {
                    int depth = shape / 3 + 1;
                    int q = 2 * (shape % 3) + 1;
                    String pad = pads[pr % 3];
                    if (pad.equals("valid") && size - depth * (q - 1) < 1) {
                        pad = "same";
                    }
                    String readout = pr < 3 ? "gap" : "flatten";
                    String spec = stack(depth, q, pad, readout, seed);
                    ConvNet net = ConvNet.parse(spec, 1.4, 0.3);
                    Images x = images(3, size, size, 2, seed);
                    Result fast = ConvKernels.compute(net, x, null, Path.AUTO, 1);
                    Result generic = ConvKernels.compute(net, x, null, Path.GENERIC, 2);
                    close(fast, generic, spec + " on " + size + "x" + size);
                    Result two = ConvKernels.compute(net, x, null, Path.AUTO, 2);
                    if (!Arrays.equals(fast.nngp().data, two.nngp().data) || !Arrays.equals(fast.ntk().data, two.ntk().data)) {
                        throw new AssertionError(spec + ": the thread count changed bits");
                    }
                });
    }

    @Test
    void oneByOneImageWithConv1IsTheFullyConnectedNetwork() {
        Gens.qt(20).forAll(integers().between(1, 6), longs().all()).checkAssert((c, seed) -> {
            Images x = images(4, 1, 1, c, seed);
            ConvNet conv = ConvNet.parse("conv(1,same,1.3,0.4),relu,conv(1,valid,0.9,0.2),erf,flatten,dense(1.1,0.1)", 1, 0);
            Network fc = Stax.parse("dense(1.3,0.4),relu,dense(0.9,0.2),erf,dense(1.1,0.1)");
            Result r = ConvKernels.compute(conv, x, null, Path.AUTO, 1);
            Kernels k = KernelEngine.builder().impl(Simd.Impl.SCALAR).threads(1).build().compute(fc, new DMatrixRMaj(4, c, true, x.data()));
            Result ref = new Result(k.nngp(), k.ntk());
            close(ref, r, "conv(1) on 1x1x" + c);
        });
    }

    @Test
    void circularGapIsShiftInvariant() {
        Gens.qt(15).forAll(integers().between(2, 5), integers().between(0, 4), integers().between(0, 4), longs().all())
                .checkAssert((size, a, b, seed) -> {
                    ConvNet net = ConvNet.parse("conv(3,circular),relu,conv(3,circular),gelu,gap,dense", 1.5, 0.1);
                    Images x = images(3, size, size + 1, 2, seed);
                    double[] s = new double[x.data().length];
                    int m = size * (size + 1) * 2;
                    for (int n = 0; n < 3; n++) {
                        for (int i = 0; i < size; i++) {
                            for (int j = 0; j < size + 1; j++) {
                                for (int ch = 0; ch < 2; ch++) {
                                    int to = n * m + (((i + a) % size) * (size + 1) + (j + b) % (size + 1)) * 2 + ch;
                                    s[to] = x.data()[n * m + (i * (size + 1) + j) * 2 + ch];
                                }
                            }
                        }
                    }
                    Images shifted = new Images(s, 3, size, size + 1, 2);
                    close(ConvKernels.compute(net, x, null, Path.AUTO, 1), ConvKernels.compute(net, shifted, null, Path.AUTO, 1),
                            "shift by (" + a + "," + b + ")");
                });
    }

    /**
     * PSD on 200 images: the smallest eigenvalue may be negative by at most the eigen-solver's
     * backward error plus the kernel's own rounding, n·ε·‖K‖₂ + 1e-10·max K_ii·n (entry errors
     * bounded as above, summed over a row by Gershgorin).
     */
    @Test
    void psdOnTwoHundredImages() {
        for (String readout : new String[] {"flatten", "gap"}) {
            ConvNet net = ConvNet.parse("conv(3),relu,conv(3),relu," + readout + ",dense", 1.4, 0.1);
            Result r = ConvKernels.compute(net, images(200, 4, 4, 1, 5), null, Path.AUTO, 2);
            for (DMatrixRMaj k : new DMatrixRMaj[] {r.nngp(), r.ntk()}) {
                EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(200, false, true);
                if (!eig.decompose(k.copy())) {
                    throw new AssertionError("eigen-decomposition failed");
                }
                double min = Double.POSITIVE_INFINITY;
                double max = 0;
                double diag = 0;
                for (int i = 0; i < 200; i++) {
                    min = Math.min(min, eig.getEigenvalue(i).real);
                    max = Math.max(max, eig.getEigenvalue(i).real);
                    diag = Math.max(diag, k.get(i, i));
                }
                double slack = 200 * Math.ulp(1.0) * max + 1e-10 * diag * 200;
                if (min < -slack) {
                    throw new AssertionError(readout + ": eigenvalue " + min + " below -" + slack);
                }
            }
        }
    }
}
