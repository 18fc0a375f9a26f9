package org.ntk4j.spark;

/** One line for a failure: the message of the exception that says what is wrong, without Spark's wrapping. */
final class Errors {

    private Errors() {
    }

    /**
     * The innermost IllegalArgumentException, IllegalStateException or IOException in the cause
     * chain (a task's failure reaches the driver wrapped in a SparkException), else the outermost
     * message; its first line only.
     */
    static String oneLine(Throwable e) {
        Throwable best = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof IllegalStateException
                    || t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
                best = t;
            }
        }
        Throwable pick = best != null ? best : e;
        String m = pick.getMessage();
        if (m == null || m.isBlank()) {
            m = pick.getClass().getSimpleName();
        }
        if (best == null && e instanceof OutOfMemoryError) {
            m = "out of memory (" + m + "): use a smaller --tile or more memory (docs/spark.md)";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
