package org.ntk4j.cli;

import org.ntk4j.simd.Simd;
import picocli.CommandLine.Option;

/** How a command runs: which implementation of the hot loops and how many threads. */
final class ExecutionOptions {

    @Option(names = "--impl", defaultValue = "auto", paramLabel = "IMPL",
            description = "Hot loops: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; auto = vector when the"
                    + " Vector API is available).")
    Simd.Impl impl;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

    /** The thread count, checked. */
    int threads() {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
