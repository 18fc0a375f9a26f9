package org.ntk4j.cli;

import java.util.Locale;
import org.ntk4j.exec.Progress;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Network;
import org.ntk4j.linalg.Cholesky;
import org.ntk4j.linalg.Solver;
import org.ntk4j.simd.Simd;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the prediction commands: the network, the regulariser, time, solver, threads. */
final class ModelOptions {

    @Mixin
    NetworkOptions net;

    @Mixin
    ExecutionOptions exec;

    @Option(names = "--diag-reg", defaultValue = "1e-6", paramLabel = "R",
            description = "Jitter added to the train kernel's diagonal, relative to its mean diagonal (default: ${DEFAULT-VALUE}).")
    double diagReg;

    @Option(names = "--time", defaultValue = "inf", paramLabel = "T|inf",
            description = "NTK gradient-descent training time, in steps at the learning rate; inf = convergence"
                    + " (Cholesky); finite T needs an O(n^3) eigendecomposition, slow past n = 2000 (default: ${DEFAULT-VALUE}).")
    String time;

    @Option(names = "--learning-rate", paramLabel = "ETA",
            description = "Learning rate for a finite --time, on the loss |f - y|^2 / (2 n k) (default: the largest stable one, 2 n k / lambda_max).")
    Double learningRate;

    @Option(names = "--solver", defaultValue = "blocked", paramLabel = "S",
            description = "Cholesky: ${COMPLETION-CANDIDATES}; blocked is ntk4j's own (vectorised, multi-threaded),"
                    + " ejml the EJML library's (default: ${DEFAULT-VALUE}).")
    Cholesky.Method solver;

    /** Checks values picocli cannot; call before any long work. */
    void validate() {
        if (net.convNetOrNull() == null) {
            net.network();
        }
        if (!(diagReg >= 0) || Double.isInfinite(diagReg)) {
            throw new IllegalArgumentException("--diag-reg must be finite and >= 0, got " + diagReg);
        }
        if (learningRate != null && (!(learningRate > 0) || learningRate.isInfinite())) {
            throw new IllegalArgumentException("--learning-rate must be finite and > 0, got " + learningRate);
        }
        exec.threads();
        time();
    }

    Network network() {
        return net.network();
    }

    /** The training time, +∞ for "inf". */
    double time() {
        String t = time.trim().toLowerCase(Locale.ROOT);
        if (t.equals("inf") || t.equals("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--time must be a number >= 0 or inf, got '" + time + "'");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("--time must be a number >= 0 or inf, got '" + time + "'");
        }
        return v;
    }

    Cholesky.Method method() {
        return solver;
    }

    int threadCount() {
        return exec.threads();
    }

    Simd.Impl impl() {
        return exec.impl;
    }

    KernelEngine engine(Progress progress) {
        return KernelEngine.builder().impl(exec.impl).threads(threadCount()).progress(progress).build();
    }

    Solver solver() {
        return solver(Progress.NONE);
    }

    Solver solver(Progress progress) {
        return solver(threadCount(), progress);
    }

    /** As {@link #solver(Progress)} on the given number of threads. */
    Solver solver(int threads, Progress progress) {
        return Solver.builder().method(method()).impl(exec.impl).threads(threads)
                .progress(progress).build();
    }
}
