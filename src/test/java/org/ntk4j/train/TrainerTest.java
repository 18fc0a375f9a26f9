package org.ntk4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.ntk4j.finite.Mlp;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;

class TrainerTest {

    private static final int N = 6;
    private static final int D = 3;
    private static final int K = 2;

    static DMatrixRMaj data(int rows, int cols, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = r.nextDouble(-1, 1);
        }
        return m;
    }

    /**
     * An independent GD on MSE written with EJML matrix products, one layer at a time:
     * H_{l+1} = c_w A_l W_lᵀ + c_b 1 b_lᵀ; G = (F − Y)/(n k); ∂W_l = c_w Δᵀ A_l; Δ ← c_w Δ W_l ⊙ φ'(H_l).
     */
    static DMatrixRMaj referenceGd(Network net, Mlp start, DMatrixRMaj x, DMatrixRMaj y, double eta, int steps,
            boolean standard) {
        int depth = start.depth();
        DMatrixRMaj[] w = new DMatrixRMaj[depth + 1];
        double[][] b = new double[depth + 1][];
        double[] cw = new double[depth + 1];
        double[] cb = new double[depth + 1];
        List<org.ntk4j.kernel.Dense> dense = net.layers().stream().filter(l -> l instanceof org.ntk4j.kernel.Dense)
                .map(l -> (org.ntk4j.kernel.Dense) l).toList();
        for (int l = 0; l <= depth; l++) {
            w[l] = start.weight(l);
            b[l] = start.bias(l);
            cw[l] = standard ? 1 : dense.get(l).wStd() / Math.sqrt(start.width(l));
            cb[l] = standard ? 1 : dense.get(l).bStd();
        }
        List<org.ntk4j.kernel.Activation> acts = net.layers().stream().filter(l -> l instanceof org.ntk4j.kernel.Activation)
                .map(l -> (org.ntk4j.kernel.Activation) l).toList();
        int n = x.numRows;
        DMatrixRMaj out = null;
        for (int t = 0; t <= steps; t++) {
            DMatrixRMaj[] a = new DMatrixRMaj[depth + 1];
            DMatrixRMaj[] h = new DMatrixRMaj[depth + 2];
            a[0] = x;
            for (int l = 0; l <= depth; l++) {
                DMatrixRMaj z = new DMatrixRMaj(n, w[l].numRows);
                CommonOps_DDRM.multTransB(cw[l], a[l], w[l], z);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < z.numCols; j++) {
                        z.add(i, j, cb[l] * b[l][j]);
                    }
                }
                h[l + 1] = z;
                if (l < depth) {
                    DMatrixRMaj act = z.copy();
                    for (int i = 0; i < act.data.length; i++) {
                        act.data[i] = acts.get(l).apply(act.data[i]);
                    }
                    a[l + 1] = act;
                }
            }
            out = h[depth + 1];
            if (t == steps) {
                break;
            }
            DMatrixRMaj delta = new DMatrixRMaj(n, K);
            CommonOps_DDRM.subtract(out, y, delta);
            CommonOps_DDRM.scale(1.0 / (n * K), delta);
            for (int l = depth; l >= 0; l--) {
                DMatrixRMaj gw = new DMatrixRMaj(w[l].numRows, w[l].numCols);
                CommonOps_DDRM.multTransA(cw[l], delta, a[l], gw);
                double[] gb = new double[b[l].length];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < gb.length; j++) {
                        gb[j] += cb[l] * delta.get(i, j);
                    }
                }
                DMatrixRMaj next = null;
                if (l > 0) {
                    next = new DMatrixRMaj(n, w[l].numCols);
                    CommonOps_DDRM.mult(cw[l], delta, w[l], next);
                    for (int i = 0; i < next.data.length; i++) {
                        next.data[i] *= acts.get(l - 1).derivative(h[l].data[i]);
                    }
                }
                CommonOps_DDRM.addEquals(w[l], -eta, gw);
                for (int j = 0; j < gb.length; j++) {
                    b[l][j] -= eta * gb[j];
                }
                delta = next;
            }
        }
        return out;
    }

    /**
     * Tolerance: both sides compute the same sums in different orders, so each step's gradient
     * differs by about (fan-in ≤ 5) · ε ≈ 1e-15 relative; with η = 0.5 on these tiny networks GD is
     * stable (the loss falls monotonically, checked below), so the differences add up roughly
     * linearly over 100 steps to ~1e-13, far below 1e-9; a wrong sign, scale or missing term shows
     * at O(η) = O(1e-1).
     */
    @Test
    void gdOnMseMatchesAnIndependentImplementation() {
        for (String act : new String[] {"relu", "erf"}) {
            for (Parameterization p : Parameterization.values()) {
                Network net = Stax.parse("dense," + act + ",dense," + act + ",dense", 1.4, 0.3);
                Mlp start = Trainer.initialise(net, new Mlp.Shape(D, 5, K), 11, p);
                DMatrixRMaj x = data(N, D, 1);
                DMatrixRMaj y = data(N, K, 2);
                TrainConfig c = new TrainConfig(p, Loss.MSE, Optimizer.GD, 0.5, 0, 1, 100, 0, null);
                TrainResult r = Trainer.train(start, x, y, null, null, c, Trainer.reportSteps(100, 10));
                DMatrixRMaj ref = referenceGd(net, start, x, y, 0.5, 100, p == Parameterization.STANDARD);
                double diff = 0;
                double norm = 0;
                for (int i = 0; i < ref.data.length; i++) {
                    diff = Math.max(diff, Math.abs(ref.data[i] - r.trainOutput().data[i]));
                    norm = Math.max(norm, Math.abs(ref.data[i]));
                }
                assertTrue(diff <= 1e-9 * norm, act + " " + p + ": max difference " + diff + " vs scale " + norm);
                List<Checkpoint> rep = r.report();
                assertEquals(100, rep.get(rep.size() - 1).step());
                assertTrue(rep.get(rep.size() - 1).trainLoss() < rep.get(0).trainLoss(), act + " " + p + ": " + rep);
                assertEquals(0.0, rep.get(0).weightChange());
            }
        }
    }

    @Test
    void sgdIsAPureFunctionOfTheSeed() {
        Network net = Stax.parse("dense,erf,dense", 1.2, 0.1);
        Mlp start = Trainer.initialise(net, new Mlp.Shape(D, 8, K), 3, Parameterization.NTK);
        DMatrixRMaj x = data(10, D, 4);
        DMatrixRMaj y = data(10, K, 5);
        TrainConfig c = new TrainConfig(Parameterization.NTK, Loss.MSE, Optimizer.SGD, 0.3, 0, 3, 40, 99, null);
        TrainResult a = Trainer.train(start, x, y, null, null, c, new int[] {40});
        TrainResult b = Trainer.train(start, x, y, null, null, c, new int[] {40});
        assertArrayEquals(a.trainOutput().data, b.trainOutput().data);
        TrainConfig other = new TrainConfig(Parameterization.NTK, Loss.MSE, Optimizer.SGD, 0.3, 0, 3, 40, 100, null);
        TrainResult d = Trainer.train(start, x, y, null, null, other, new int[] {40});
        assertTrue(!java.util.Arrays.equals(a.trainOutput().data, d.trainOutput().data), "another seed, other batches");
        // batches are B distinct indices
        int[] rows = Batches.draw(99, 7, 10, 3);
        assertEquals(3, java.util.Arrays.stream(rows).distinct().filter(i -> i >= 0 && i < 10).count());
        // a batch of all n is full-batch GD (same sums, permuted rows only reorder the accumulation)
        TrainConfig all = new TrainConfig(Parameterization.NTK, Loss.MSE, Optimizer.SGD, 0.3, 0, 10, 40, 1, null);
        TrainResult s = Trainer.train(start, x, y, null, null, all, new int[] {40});
        TrainResult g = Trainer.train(start, x, y, null, null,
                new TrainConfig(Parameterization.NTK, Loss.MSE, Optimizer.GD, 0.3, 0, 1, 40, 1, null), new int[] {40});
        // reordering n = 10 summands changes each gradient entry by ≤ 10 ε relative; 40 stable steps
        for (int i = 0; i < g.trainOutput().data.length; i++) {
            assertEquals(g.trainOutput().data[i], s.trainOutput().data[i], 1e-11);
        }
    }

    /**
     * Momentum against its recurrence on a network whose gradient is known in closed form: a linear
     * readout (depth 0) f = c W x + c_b b, where heavy ball v ← μ v + g, θ ← θ − η v is replayed here
     * with the gradient written out by hand. Same operations in the same order up to the gradient
     * sums (≤ n = 4 terms), so 1e-12 relative covers 30 steps.
     */
    @Test
    void momentumFollowsTheHeavyBallRecurrence() {
        Network net = Stax.parse("dense", 1.0, 0.5);
        Mlp start = Trainer.initialise(net, new Mlp.Shape(2, 1, 1), 8, Parameterization.NTK);
        DMatrixRMaj x = data(4, 2, 6);
        DMatrixRMaj y = data(4, 1, 7);
        double eta = 0.4;
        double mu = 0.8;
        int steps = 30;
        TrainConfig c = new TrainConfig(Parameterization.NTK, Loss.MSE, Optimizer.MOMENTUM, eta, mu, 1, steps, 0, null);
        TrainResult r = Trainer.train(start, x, y, null, null, c, new int[0]);
        double cw = 1.0 / Math.sqrt(2);
        double cb = 0.5;
        double[] th = {start.weight(0).data[0], start.weight(0).data[1], start.bias(0)[0]};
        double[] v = new double[3];
        for (int t = 0; t < steps; t++) {
            double[] g = new double[3];
            for (int i = 0; i < 4; i++) {
                double f = cw * (th[0] * x.get(i, 0) + th[1] * x.get(i, 1)) + cb * th[2];
                double e = (f - y.get(i, 0)) / 4;
                g[0] += e * cw * x.get(i, 0);
                g[1] += e * cw * x.get(i, 1);
                g[2] += e * cb;
            }
            for (int j = 0; j < 3; j++) {
                v[j] = mu * v[j] + g[j];
                th[j] -= eta * v[j];
            }
        }
        double[] w = r.params().weight(0).data;
        assertEquals(th[0], w[0], 1e-12 * Math.abs(th[0]));
        assertEquals(th[1], w[1], 1e-12 * Math.abs(th[1]));
        assertEquals(th[2], r.params().bias(0)[0], 1e-12 * Math.abs(th[2]));
    }

    @Test
    void divergenceNamesTheStep() {
        Network net = Stax.parse("dense,relu,dense", 2, 0.1);
        Mlp start = Trainer.initialise(net, new Mlp.Shape(D, 8, K), 1, Parameterization.STANDARD);
        DMatrixRMaj x = data(N, D, 1);
        DMatrixRMaj y = data(N, K, 2);
        TrainConfig c = new TrainConfig(Parameterization.STANDARD, Loss.MSE, Optimizer.GD, 1e6, 0, 1, 50, 0, null);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.train(start, x, y, null, null, c, new int[0]));
        assertTrue(e.getMessage().startsWith("training diverged at step " + e.step() + ":"), e.getMessage());
        assertTrue(e.step() > 0 && e.step() <= 50, e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    /** Cross-entropy with α: the gradient of (1/n) Σ −log softmax against central differences. */
    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        double[] u = {0.3, -1.2, 2.0, 0.5, 0.1, -0.4};
        double[] y = {0, 0, 1, 1, 0, 0};
        double[] g = new double[6];
        Loss.CROSS_ENTROPY.evaluate(u, y, 2, 3, g);
        for (int i = 0; i < 6; i++) {
            double h = 1e-5;
            double[] up = u.clone();
            double[] dn = u.clone();
            up[i] += h;
            dn[i] -= h;
            double fd = (Loss.CROSS_ENTROPY.evaluate(up, y, 2, 3, null) - Loss.CROSS_ENTROPY.evaluate(dn, y, 2, 3, null)) / (2 * h);
            // central difference: truncation h² |L'''|/6 ≤ 1e-10, rounding ε/h ≈ 2e-11
            assertEquals(fd, g[i], 1e-9);
        }
    }

    /**
     * The linearised network under GD on MSE follows the discrete linear dynamics on the train
     * points, f_{t+1} = f_t − (η/N) Θ₀ (f_t − Y), i.e. f_T = f₀ + (I − (I − ηΘ₀/N)^T)(Y − f₀), with Θ₀
     * the empirical NTK at θ₀ (computed here by the library's explicit-Jacobian reference, code
     * independent of the trainer's JVP/VJP). Tolerance as for the GD test: both sides differ by
     * summation order only (≈ 1e-15 per step), over 100 contracting steps ≪ 1e-9.
     */
    @Test
    void linearisedGdFollowsTheLinearDynamics() {
        Network net = Stax.parse("dense,erf,dense,erf,dense", 1.3, 0.2);
        Mlp start = Trainer.initialise(net, new Mlp.Shape(D, 6, K), 21, Parameterization.NTK);
        DMatrixRMaj x = data(5, D, 9);
        DMatrixRMaj y = data(5, K, 10);
        double eta = 0.8;
        int steps = 100;
        TrainConfig c = new TrainConfig(Parameterization.NTK, Loss.MSE, Optimizer.GD, eta, 0, 1, steps, 0, null)
                .withLinearize(true);
        TrainResult r = Trainer.train(start, x, y, null, null, c, new int[0]);
        org.ntk4j.finite.FullNtk theta = org.ntk4j.finite.EmpiricalNtk.builder()
                .method(org.ntk4j.finite.EmpiricalNtk.Method.JACOBIAN).build().full(start, x);
        int nk = 5 * K;
        double[] f = start.apply(x).data;
        for (int t = 0; t < steps; t++) {
            double[] next = f.clone();
            for (int i = 0; i < 5; i++) {
                for (int a = 0; a < K; a++) {
                    double s = 0;
                    for (int j = 0; j < 5; j++) {
                        for (int b = 0; b < K; b++) {
                            s += theta.get(i, j, a, b) * (f[j * K + b] - y.get(j, b));
                        }
                    }
                    next[i * K + a] -= eta / nk * s;
                }
            }
            f = next;
        }
        double scale = 0;
        for (double v : f) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < f.length; i++) {
            assertEquals(f[i], r.trainOutput().data[i], 1e-9 * scale, "entry " + i);
        }
        // and it is not the nonlinear network: finite width, erf, 100 steps differ well above 1e-9
        TrainResult nonlinear = Trainer.train(start, x, y, null, null, c.withLinearize(false), new int[0]);
        double diff = 0;
        for (int i = 0; i < f.length; i++) {
            diff = Math.max(diff, Math.abs(nonlinear.trainOutput().data[i] - f[i]));
        }
        assertTrue(diff > 1e-6 * scale, "linearised and nonlinear agree to " + diff);
    }
}
