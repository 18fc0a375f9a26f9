package org.ntk4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.finite.Mlp;
import org.ntk4j.kernel.Network;

/**
 * Trains a finite MLP (Dense, φ, ..., Dense) by gradient descent, SGD or heavy-ball momentum on
 * MSE or cross-entropy, in the NTK or the standard parameterisation; see {@link TrainConfig} and
 * docs/training.md. One step is θ ← θ − η ∇L (momentum: through its velocity). Runs on the calling
 * thread in a fixed order, so a seed gives the same bits whatever else runs.
 */
public final class Trainer {

    private Trainer() {
    }

    /**
     * Freshly drawn initial parameters θ₀ for parameterisation p: the N(0, 1) draws of
     * {@link Mlp#init} as they are (NTK) or scaled by σ_w/√n_l and σ_b (standard).
     */
    public static Mlp initialise(Network net, Mlp.Shape shape, long seed, Parameterization p) {
        Mlp draws = Mlp.init(net, shape, seed);
        if (p == Parameterization.NTK) {
            return draws;
        }
        List<DMatrixRMaj> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        List<org.ntk4j.kernel.Dense> dense = net.layers().stream()
                .filter(l -> l instanceof org.ntk4j.kernel.Dense).map(l -> (org.ntk4j.kernel.Dense) l).toList();
        for (int l = 0; l <= draws.depth(); l++) {
            DMatrixRMaj wl = draws.weight(l);
            double s = p.weightInitScale(dense.get(l).wStd(), draws.width(l));
            for (int i = 0; i < wl.data.length; i++) {
                wl.data[i] *= s;
            }
            double[] bl = draws.bias(l);
            double sb = p.biasInitScale(dense.get(l).bStd());
            for (int i = 0; i < bl.length; i++) {
                bl[i] *= sb;
            }
            w.add(wl);
            b.add(bl);
        }
        return Mlp.of(net, w, b);
    }

    /** Steps 0, T and about {@code points} log-spaced steps between, each once, ascending. */
    public static int[] reportSteps(int steps, int points) {
        TreeSet<Integer> s = new TreeSet<>();
        s.add(0);
        s.add(steps);
        for (int i = 0; i <= points && steps > 0; i++) {
            s.add((int) Math.round(Math.pow(steps, (double) i / Math.max(1, points))));
        }
        return s.stream().mapToInt(Integer::intValue).filter(v -> v <= steps).toArray();
    }

    /**
     * Trains from θ₀ = {@code start}'s parameters (read in c's parameterisation) on (x, y).
     *
     * @param x       n × n_0 train inputs; not modified
     * @param y       n × k targets (MSE) or one-hot rows (cross-entropy), k the network's outputs
     * @param xTest   test inputs, or null
     * @param yTest   test targets, or null (then the test loss is NaN)
     * @param reports the steps at which to record a {@link Checkpoint}, e.g. {@link #reportSteps}
     * @throws TrainingDivergedException when the loss becomes non-finite, naming the step
     */
    public static TrainResult train(Mlp start, DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj xTest, DMatrixRMaj yTest,
            TrainConfig c, int[] reports) {
        int k = start.outputs();
        checkData("x", x, start.inputDim(), "y", y, k, c.loss());
        if (xTest != null) {
            checkFinite("x-test", xTest, start.inputDim());
            if (yTest != null) {
                checkData("x-test", xTest, start.inputDim(), "y-test", yTest, k, c.loss());
            }
        }
        int[] widths = new int[start.depth() + 2];
        for (int l = 0; l < widths.length; l++) {
            widths[l] = start.width(l);
        }
        Model model = new Model(start.network(), widths, c.parameterization());
        double[] theta = new double[model.size];
        for (int l = 0; l <= start.depth(); l++) {
            System.arraycopy(start.weight(l).data, 0, theta, model.wOff[l], widths[l + 1] * widths[l]);
            System.arraycopy(start.bias(l), 0, theta, model.bOff[l], widths[l + 1]);
        }
        double[] theta0 = theta.clone();
        double norm0 = norm(theta0, null);
        int n = x.numRows;
        double alpha = c.alpha() == null ? 1.0 : c.alpha();
        double[] f0 = c.alpha() == null ? null : model.forward(theta0, x.data, n, null, false).out();
        double[] f0Test = c.alpha() == null || xTest == null ? null
                : model.forward(theta0, xTest.data, xTest.numRows, null, false).out();

        TreeSet<Integer> at = new TreeSet<>();
        for (int r : reports) {
            at.add(r);
        }
        List<Checkpoint> report = new ArrayList<>();
        double[] grad = new double[model.size];
        double[] velocity = c.optimizer() == Optimizer.MOMENTUM ? new double[model.size] : null;
        for (int t = 0; t < c.steps(); t++) {
            int[] rows = c.optimizer() == Optimizer.SGD ? Batches.draw(c.seed(), t, n, c.batch()) : null;
            boolean lin = c.linearize();
            Model.Pass pass = model.forward(lin ? theta0 : theta, x.data, n, rows, true);
            int m = pass.m();
            double[] u = scaled(lin ? linear(model, theta, theta0, pass) : pass.out(), f0, rows, alpha, k);
            double[] yb = rows == null ? y.data : gather(y.data, rows, k);
            double[] g = new double[m * k];
            double loss = c.loss().evaluate(u, yb, m, k, g);
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException(t, loss, c.learningRate());
            }
            if (at.contains(t)) {
                double full = rows == null ? loss : trainLoss(model, theta, theta0, lin, x, y, f0, alpha, c.loss());
                report.add(checkpoint(t, full, model, theta, theta0, lin, norm0, xTest, yTest, f0Test, alpha, c.loss()));
            }
            for (int i = 0; i < g.length; i++) {
                g[i] *= alpha;   // ∂L/∂f = α ∂L/∂u
            }
            model.backward(lin ? theta0 : theta, pass, g, grad);   // linearised: the VJP at θ₀
            double eta = c.learningRate();
            if (velocity == null) {
                for (int i = 0; i < theta.length; i++) {
                    theta[i] -= eta * grad[i];
                }
            } else {
                double mu = c.momentum();
                for (int i = 0; i < theta.length; i++) {
                    velocity[i] = mu * velocity[i] + grad[i];
                    theta[i] -= eta * velocity[i];
                }
            }
        }
        double[] out = outputs(model, theta, theta0, c.linearize(), x);
        double[] u = scaled(out, f0, null, alpha, k);
        double finalLoss = c.loss().evaluate(u, y.data, n, k, null);
        if (!Double.isFinite(finalLoss)) {
            throw new TrainingDivergedException(c.steps(), finalLoss, c.learningRate());
        }
        if (at.contains(c.steps())) {
            report.add(checkpoint(c.steps(), finalLoss, model, theta, theta0, c.linearize(), norm0, xTest, yTest, f0Test, alpha, c.loss()));
        }
        DMatrixRMaj testOut = null;
        if (xTest != null) {
            double[] ft = outputs(model, theta, theta0, c.linearize(), xTest);
            testOut = new DMatrixRMaj(xTest.numRows, k, true, scaled(ft, f0Test, null, alpha, k));
        }
        return new TrainResult(toMlp(start.network(), model, theta), new DMatrixRMaj(n, k, true, u), testOut, report);
    }

    private static Checkpoint checkpoint(int t, double trainLoss, Model model, double[] theta, double[] theta0,
            boolean lin, double norm0, DMatrixRMaj xTest, DMatrixRMaj yTest, double[] f0Test, double alpha, Loss loss) {
        double test = yTest == null ? Double.NaN : trainLoss(model, theta, theta0, lin, xTest, yTest, f0Test, alpha, loss);
        return new Checkpoint(t, trainLoss, test, norm(theta, theta0) / norm0);
    }

    private static double trainLoss(Model model, double[] theta, double[] theta0, boolean lin, DMatrixRMaj x,
            DMatrixRMaj y, double[] f0, double alpha, Loss loss) {
        int k = model.outputs();
        double[] out = outputs(model, theta, theta0, lin, x);
        return loss.evaluate(scaled(out, f0, null, alpha, k), y.data, x.numRows, k, null);
    }

    /** f(θ) on the rows of x, or the linearised f(θ₀) + J(θ₀)(θ − θ₀). */
    private static double[] outputs(Model model, double[] theta, double[] theta0, boolean lin, DMatrixRMaj x) {
        if (!lin) {
            return model.forward(theta, x.data, x.numRows, null, false).out();
        }
        return linear(model, theta, theta0, model.forward(theta0, x.data, x.numRows, null, true));
    }

    /** f(θ₀) + J(θ₀)(θ − θ₀) on the inputs of pass0, a pass at θ₀ with slopes: one JVP. */
    private static double[] linear(Model model, double[] theta, double[] theta0, Model.Pass pass0) {
        double[] v = new double[theta.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = theta[i] - theta0[i];
        }
        double[] out = model.jvp(theta0, pass0, v);
        double[] f0 = pass0.out();
        for (int i = 0; i < out.length; i++) {
            out[i] += f0[i];
        }
        return out;
    }

    /** α(f − f₀) on the batch rows, or f itself without an output scale. */
    private static double[] scaled(double[] f, double[] f0, int[] rows, double alpha, int k) {
        if (f0 == null) {
            return f;
        }
        double[] u = new double[f.length];
        for (int i = 0; i < f.length / k; i++) {
            int src = (rows == null ? i : rows[i]) * k;
            for (int j = 0; j < k; j++) {
                u[i * k + j] = alpha * (f[i * k + j] - f0[src + j]);
            }
        }
        return u;
    }

    private static double[] gather(double[] y, int[] rows, int k) {
        double[] out = new double[rows.length * k];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(y, rows[i] * k, out, i * k, k);
        }
        return out;
    }

    /** ‖a − b‖₂ (b null: ‖a‖₂), scaled against overflow-free accumulation of squares in order. */
    private static double norm(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = b == null ? a[i] : a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static Mlp toMlp(Network net, Model model, double[] theta) {
        List<DMatrixRMaj> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        for (int l = 0; l <= model.depth(); l++) {
            int rows = model.widths[l + 1];
            int cols = model.widths[l];
            w.add(new DMatrixRMaj(rows, cols, true, java.util.Arrays.copyOfRange(theta, model.wOff[l], model.wOff[l] + rows * cols)));
            b.add(java.util.Arrays.copyOfRange(theta, model.bOff[l], model.bOff[l] + rows));
        }
        return Mlp.of(net, w, b);
    }

    private static void checkData(String xName, DMatrixRMaj x, int dim, String yName, DMatrixRMaj y, int k, Loss loss) {
        checkFinite(xName, x, dim);
        if (y == null) {
            throw new IllegalArgumentException(yName + " is missing");
        }
        if (y.numRows != x.numRows || y.numCols != k) {
            throw new IllegalArgumentException(yName + " is " + y.numRows + " x " + y.numCols + " but " + xName
                    + " has " + x.numRows + " rows and the network " + k + " outputs: " + yName + " needs "
                    + x.numRows + " x " + k);
        }
        checkFinite(yName, y, k);
        if (loss == Loss.CROSS_ENTROPY) {
            for (int i = 0; i < y.numRows * k; i++) {
                if (y.data[i] < 0) {
                    throw new IllegalArgumentException(yName + " row " + i / k + " has " + y.data[i]
                            + ": cross-entropy targets are probabilities (one-hot rows)");
                }
            }
        }
    }

    private static void checkFinite(String name, DMatrixRMaj x, int cols) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (x.numCols != cols) {
            throw new IllegalArgumentException(name + " is " + x.numRows + " x " + x.numCols + " but needs " + cols
                    + " columns");
        }
        if (x.numRows < 1) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        for (int i = 0; i < x.numRows * cols; i++) {
            if (!Double.isFinite(x.data[i])) {
                throw new IllegalArgumentException(name + " row " + i / cols + ", column " + i % cols + " is "
                        + x.data[i] + ": values must be finite");
            }
        }
    }
}
