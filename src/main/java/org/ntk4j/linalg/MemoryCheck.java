package org.ntk4j.linalg;

import java.util.Locale;

/** Refuses an allocation the JVM cannot hold, before it is made, with the need and the heap free. */
public final class MemoryCheck {

    private MemoryCheck() {
    }

    /** Entries of an n1 × n2 matrix in one Java array, or an error when they do not fit. */
    public static int entries(long n1, long n2, String what) {
        long e = n1 * n2;
        if (e > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " (" + n1 + " x " + n2 + ") has " + e
                    + " entries, more than a Java array holds (" + (Integer.MAX_VALUE - 8) + ")");
        }
        return (int) e;
    }

    /** Throws unless {@code bytes} more fit in the heap now (after what is already in use). */
    public static void require(long bytes, String what) {
        require(bytes, what, "raise -Xmx, e.g. NTK4J_JAVA_OPTS=-Xmx20g");
    }

    /**
     * Throws unless {@code bytes} more fit in the heap now; the message names the need, the heap
     * free and {@code advice} (what the user can change).
     */
    public static void require(long bytes, String what, String advice) {
        long free = freeHeap();
        if (bytes > free) {
            System.gc(); // garbage from a previous phase may be all that stands in the way
            free = freeHeap();
        }
        if (bytes > free) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s needs %s but the JVM has %s of heap free (max %s; %s)",
                    what, format(bytes), format(free), format(Runtime.getRuntime().maxMemory()), advice));
        }
    }

    /** Bytes the heap can still grow by: its maximum less what is in use now. */
    public static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Bytes for humans: MiB or GiB with one decimal. */
    public static String format(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
    }
}
