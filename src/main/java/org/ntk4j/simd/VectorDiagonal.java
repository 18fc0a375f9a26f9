package org.ntk4j.simd;

/**
 * The diagonal (k12 = k11 = k22) of each op of {@link VectorKernelOps}, in plain Java with the
 * same IEEE operations in the same order, so a diagonal entry has the bits the tile kernels give
 * two equal inputs. Exact operations (add, multiply, divide, sqrt) give the same bits in scalar
 * and vector code; the only function off the trivial point arccos(1) = 0 is erf's arcsine, taken
 * from {@link VectorMath}'s array form.
 */
final class VectorDiagonal {

    private static final double INV_TWO_PI = 1 / (2 * Math.PI);

    private VectorDiagonal() {
    }

    /** Op p on entries [in, in + n) of k/t (factors q, r at the same index) into [out, out + n). */
    static void op(RecursionProgram pr, int p, int n, double[] k, double[] t, double[] q, double[] r,
                   int in, int out, double[] scratchA, double[] scratchB) {
        switch (pr.op(p)) {
            case RecursionProgram.DENSE -> {
                double w2 = pr.p0(p);
                double b2 = pr.p1(p);
                for (int i = 0; i < n; i++) {
                    k[out + i] = k[in + i] * w2 + b2;
                    t[out + i] = t[in + i] * w2 + k[out + i];
                }
            }
            case RecursionProgram.LINEAR -> {
                double a2 = pr.p0(p) * pr.p0(p);
                for (int i = 0; i < n; i++) {
                    k[out + i] = k[in + i] * a2;
                    t[out + i] = t[in + i] * a2;
                }
            }
            case RecursionProgram.AB_RELU -> {
                double a = pr.p0(p);
                double b = pr.p1(p);
                double ab = a * b;
                double reluScale = VectorKernelOps.reluScale(a, b);
                // c = 1, θ = arccos 1 = +0, sin θ = sqrt((1 − 1)(1 + 1)) = 0, as in the tile kernel
                double c = 1.0;
                double theta = 0.0;
                double piMinus = -theta + Math.PI;
                double sin = Math.sqrt((-c + 1) * (c + 1));
                double tdot = piMinus * VectorKernelOps.sameSign(a, b) + theta * VectorKernelOps.oppositeSign(a, b);
                for (int i = 0; i < n; i++) {
                    double s = q[in + i] * q[in + i] * reluScale;
                    double kin = k[in + i];
                    k[out + i] = s * (sin + piMinus * c) + kin * ab;
                    t[out + i] = tdot * t[in + i];
                }
            }
            case RecursionProgram.STEP -> {
                double value = (-0.0 + Math.PI) * INV_TWO_PI;
                for (int i = 0; i < n; i++) {
                    k[out + i] = value;
                    t[out + i] = 0.0;
                }
            }
            case RecursionProgram.ERF -> {
                for (int i = 0; i < n; i++) {
                    double uu = r[in + i] * (2 * r[in + i]);
                    double bound = q[in + i] * q[in + i];
                    double x = k[in + i] * uu;
                    scratchA[i] = Math.copySign(Math.min(Math.abs(x), bound), x); // as the tile clamps
                }
                VectorMath.asin(scratchA, scratchB, n);
                for (int i = 0; i < n; i++) {
                    k[out + i] = scratchB[i] * (2 / Math.PI);
                    double kv = k[in + i];
                    double gap = Math.max(kv * kv - kv * kv, 0.0);
                    double dd = Math.fma(gap, 4, Math.fma(kv + kv, 2, 1));
                    t[out + i] = 4 / Math.PI / Math.sqrt(dd) * t[in + i];
                }
            }
            default -> throw new AssertionError(pr.op(p));
        }
    }
}
