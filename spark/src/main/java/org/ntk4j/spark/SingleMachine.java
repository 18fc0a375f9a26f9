package org.ntk4j.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.data.FashionMnist;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.predict.Classification;
import org.ntk4j.predict.GpPosterior;
import org.ntk4j.linalg.Solver;

/**
 * The single-machine path on the driver (whole kernels, Cholesky, {@link GpPosterior}) beside the
 * Spark result: the relative difference of the posterior means, ‖μ_spark − μ‖_F / ‖μ‖_F and the
 * max-norm form max|μ_spark − μ| / max|μ|, and the fraction of test points with the same argmax.
 */
final class SingleMachine {

    private SingleMachine() {
    }

    static Map<String, Object> compare(Network net, DMatrixRMaj xTrain, DMatrixRMaj y, DMatrixRMaj xTest, double diagReg,
                                       KernelRegression.Outcome o, FashionMnist.Data data) {
        Map<String, Object> m = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Kernels tt = KernelEngine.defaults().compute(net, xTrain);
        double kernel = (System.nanoTime() - t0) / 1e9;
        long s0 = System.nanoTime();
        DMatrixRMaj[] train = {tt.nngp(), tt.ntk()};
        DMatrixRMaj[] alpha = new DMatrixRMaj[2];
        GpPosterior[] gp = new GpPosterior[2];
        for (int s = 0; s < 2; s++) {
            gp[s] = GpPosterior.fit(train[s], y, diagReg, Solver.defaults()); // factors train[s] in place
            train[s] = null;
            alpha[s] = gp[s].alpha();
        }
        double solve = (System.nanoTime() - s0) / 1e9;
        long p0 = System.nanoTime();
        Kernels st = KernelEngine.defaults().compute(net, xTest, xTrain);
        DMatrixRMaj[] means = {gp[0].mean(st.nngp()), gp[1].mean(st.ntk())};
        double predict = (System.nanoTime() - p0) / 1e9;
        m.put("kernel_s", kernel);
        m.put("solve_s", solve);
        m.put("predict_s", predict);
        m.put("threads", KernelEngine.defaults().threads());
        for (int s = 0; s < 2; s++) {
            String key = s == 0 ? "nngp" : "ntk";
            double[] ref = means[s].data;
            double[] got = o.means()[s];
            m.put(key + "_relative_difference", frobeniusRelative(got, ref));
            m.put(key + "_max_relative_difference", maxRelative(got, ref));
            m.put(key + "_alpha_relative_difference", frobeniusRelative(o.alpha()[s], alpha[s].data));
            m.put(key + "_argmax_agreement", agreement(DMatrixRMaj.wrap(means[s].numRows, means[s].numCols, got), means[s]));
            if (data != null) {
                m.put(key + "_accuracy", Classification.accuracy(means[s], data.test().labels()));
            }
        }
        return m;
    }

    static double frobeniusRelative(double[] got, double[] ref) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < ref.length; i++) {
            double e = got[i] - ref[i];
            num += e * e;
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / den);
    }

    static double maxRelative(double[] got, double[] ref) {
        double e = 0;
        double r = 0;
        for (int i = 0; i < ref.length; i++) {
            e = Math.max(e, Math.abs(got[i] - ref[i]));
            r = Math.max(r, Math.abs(ref[i]));
        }
        return e / r;
    }

    static double agreement(DMatrixRMaj a, DMatrixRMaj b) {
        int[] pa = Classification.argmax(a);
        int[] pb = Classification.argmax(b);
        int same = 0;
        for (int i = 0; i < pa.length; i++) {
            same += pa[i] == pb[i] ? 1 : 0;
        }
        return same / (double) pa.length;
    }
}
