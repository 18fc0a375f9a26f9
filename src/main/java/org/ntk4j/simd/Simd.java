package org.ntk4j.simd;

import java.util.Locale;

/**
 * The one place that decides vector settings: which {@link KernelOps} runs, and how many lanes.
 * The Panama implementation is loaded by name, so a JVM started without
 * {@code --add-modules=jdk.incubator.vector} falls back to the scalar kernels with one warning.
 * The system property {@code ntk4j.impl=scalar|vector} overrides {@link Impl#AUTO}.
 */
public final class Simd {

    /** Which implementation of the hot loops to use. */
    public enum Impl {
        /** Vector when the Vector API is available, else scalar (or as {@code -Dntk4j.impl} says). */
        AUTO,
        /** The scalar reference. */
        SCALAR,
        /** The hand-vectorised kernels; an error when the Vector API is missing. */
        VECTOR;

        /** The spelling on the command line and in result files: the name in lower case. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Parses "auto", "scalar" or "vector" (any case). */
        public static Impl parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown implementation '" + s + "' (use auto, scalar or vector)");
            }
        }
    }

    private static final KernelOps VECTOR_OPS = loadVector();
    private static final LinalgOps VECTOR_LINALG = VECTOR_OPS == null ? null : loadVectorLinalg();
    private static volatile boolean warned;

    private Simd() {
    }

    private static KernelOps loadVector() {
        try {
            Class<?> c = Class.forName("org.ntk4j.simd.VectorKernelOps");
            return (KernelOps) c.getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static LinalgOps loadVectorLinalg() {
        try {
            Class<?> c = Class.forName("org.ntk4j.simd.VectorLinalgOps");
            return (LinalgOps) c.getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** True when the hand-vectorised kernels can run in this JVM. */
    public static boolean vectorAvailable() {
        return VECTOR_OPS != null;
    }

    /** Doubles per vector of the preferred species (1 when the Vector API is unavailable). */
    public static int lanes() {
        return VECTOR_OPS == null ? 1 : VECTOR_OPS.lanes();
    }

    /** The implementation {@code impl} resolves to, after {@code -Dntk4j.impl} and availability. */
    public static Impl resolve(Impl impl) {
        if (impl == Impl.AUTO) {
            String forced = System.getProperty("ntk4j.impl");
            if (forced != null && !forced.isBlank()) {
                impl = Impl.parse(forced);
            }
        }
        if (impl == Impl.AUTO) {
            if (VECTOR_OPS == null && !warned) {
                warned = true;
                System.err.println("ntk4j: warning: the Vector API (jdk.incubator.vector) is not available;"
                        + " using the scalar kernels (start java with --add-modules=jdk.incubator.vector)");
            }
            return VECTOR_OPS == null ? Impl.SCALAR : Impl.VECTOR;
        }
        if (impl == Impl.VECTOR && VECTOR_OPS == null) {
            throw new IllegalArgumentException("the vector implementation needs the Vector API:"
                    + " start java with --add-modules=jdk.incubator.vector (JDK 21 or newer)");
        }
        return impl;
    }

    /** The kernel ops for {@code impl}. */
    public static KernelOps ops(Impl impl) {
        return resolve(impl) == Impl.VECTOR ? VECTOR_OPS : ScalarKernelOps.INSTANCE;
    }

    /** The dense-solver ops for {@code impl}. */
    public static LinalgOps linalg(Impl impl) {
        return resolve(impl) == Impl.VECTOR && VECTOR_LINALG != null ? VECTOR_LINALG : ScalarLinalgOps.INSTANCE;
    }
}
