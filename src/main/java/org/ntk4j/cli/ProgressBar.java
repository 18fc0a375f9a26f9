package org.ntk4j.cli;

import java.io.PrintStream;

/**
 * A progress bar on stderr for work that runs longer than a moment: silent for the first
 * {@code quietMillis}, then redrawn in place on a terminal or printed every 10 % otherwise.
 * Thread-safe.
 */
final class ProgressBar {

    private final String label;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final long quietNanos;
    private final boolean terminal = System.console() != null;
    private long lastDraw;
    private int lastDecile = -1;
    private boolean shown;

    ProgressBar(String label, long quietMillis) {
        this(label, quietMillis, System.err);
    }

    ProgressBar(String label, long quietMillis, PrintStream out) {
        this.label = label;
        this.quietNanos = quietMillis * 1_000_000L;
        this.out = out;
    }

    synchronized void update(long done, long total) {
        long now = System.nanoTime();
        if (now - start < quietNanos || total <= 0) {
            return;
        }
        double f = Math.min(1.0, done / (double) total);
        if (terminal) {
            if (now - lastDraw < 200_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            int w = 30;
            int fill = (int) Math.round(f * w);
            out.printf("\r%s [%s%s] %3d%% %6.1f s", label, "#".repeat(fill), " ".repeat(w - fill),
                    Math.round(100 * f), (now - start) / 1e9);
            out.flush();
            shown = true;
        } else {
            int decile = (int) (f * 10);
            if (decile > lastDecile) {
                lastDecile = decile;
                out.printf("%s %3d%% %.1f s%n", label, decile * 10, (now - start) / 1e9);
                shown = true;
            }
        }
    }

    /** Ends the bar's line, if one was drawn. */
    synchronized void finish() {
        if (shown && terminal) {
            out.println();
        }
    }
}
