package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same bits cold and warm: VectorMath uses only correctly rounded operations, so neither the
 * interpreter, C1 nor C2 (with or without its vector intrinsics) may change a result.
 */
class DeterminismTest {

    private static final int WARM_UP_CALLS = 20_000;
    /** The warm-up writes here so that C2 cannot drop its work as dead. */
    static volatile double[] warmUpSink;

    @Test
    void firstCallEqualsCallAfterWarmUp() {
        double[][] cold = DeterminismInputs.results();
        double[] unit = DeterminismInputs.unit();
        double[] wide = DeterminismInputs.wide();
        double[] erf = DeterminismInputs.erf();
        double[] sink = new double[DeterminismInputs.LENGTH];
        warmUpSink = sink;
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            VectorMath.acos(unit, sink, sink.length);
            VectorMath.asin(unit, sink, sink.length);
            VectorMath.exp(wide, sink, sink.length);
            VectorMath.erf(erf, sink, sink.length);
        }
        double[][] warm = DeterminismInputs.results();
        for (int f = 0; f < cold.length; f++) {
            assertArrayEquals(bits(cold[f]), bits(warm[f]), "function " + f);
        }
    }

    /**
     * The first call above may already run compiled code if other tests ran before in this JVM;
     * a child JVM with -Xint computes the truly cold (interpreted) bits.
     */
    @Test
    void interpretedJvmGivesTheSameBits() throws IOException, InterruptedException,
            URISyntaxException {
        String classPath = location(VectorMath.class) + File.pathSeparator
                + location(InterpretedRun.class);
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(javaBin.toString(), "--add-modules=jdk.incubator.vector",
                "-Xint", "-cp", classPath, InterpretedRun.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output;
        try (InputStream in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "child JVM did not finish");
        assertEquals(0, child.exitValue(), "child JVM failed");

        double[][] warm = DeterminismInputs.results();
        List<String> lines = new ArrayList<>(output.lines().toList());
        assertEquals(warm.length, lines.size());
        for (int f = 0; f < warm.length; f++) {
            long[] interpreted = Arrays.stream(lines.get(f).split(" "))
                    .mapToLong(h -> Long.parseUnsignedLong(h, 16)).toArray();
            assertArrayEquals(bits(warm[f]), interpreted, "function " + f);
        }
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}
