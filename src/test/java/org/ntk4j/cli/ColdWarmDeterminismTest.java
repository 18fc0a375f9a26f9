package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import org.ntk4j.simd.Simd;

/**
 * The vector kernels give the same bits in a JVM that only interprets (-Xint, the coldest tier)
 * as in this warmed-up JVM: they are built from IEEE-exact lane operations only, unlike the JDK's
 * transcendental intrinsics, whose last bits differ between tiers.
 */
class ColdWarmDeterminismTest {

    @TempDir
    Path dir;

    @Test
    void interpretedAndCompiledVectorKernelsAgreeBitForBit() throws Exception {
        double[][] rows = new double[19][11];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (double[] row : rows) {
            for (int k = 0; k < row.length; k++) {
                row[k] = r.nextDouble(-2, 2);
            }
        }
        for (String act : new String[] {"relu", "erf"}) {
            Path x = dir.resolve("x.npy");
            Npy.write(x, new DMatrixRMaj(rows));
            Path kOut = dir.resolve(act + "-K.npy");
            Path tOut = dir.resolve(act + "-T.npy");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xint", "--add-modules=jdk.incubator.vector",
                    "-cp", classPath(), Main.class.getName(), "kernel",
                    "--x1", x.toString(), "--depth", "3", "--activation", act, "--w-std", "1.5", "--b-std", "0.05",
                    "--impl", "vector", "--nngp-out", kOut.toString(), "--ntk-out", tOut.toString()))
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            p.waitFor(5, TimeUnit.MINUTES);
            assertEquals(0, p.exitValue(), log);

            Network net = Stax.mlp(3, Stax.activation(act), 1.5, 0.05);
            KernelEngine engine = KernelEngine.builder().impl(Simd.Impl.VECTOR).build();
            Kernels warm = null;
            for (int i = 0; i < 300; i++) { // enough calls for C2 to compile the kernels
                warm = engine.compute(net, new DMatrixRMaj(rows));
            }
            assertArrayEquals(warm.nngp().data, read(kOut), 0.0, act + " NNGP");
            assertArrayEquals(warm.ntk().data, read(tOut), 0.0, act + " NTK");
        }
    }

    private static double[] read(Path p) throws IOException {
        return Npy.readMatrix(p).data;
    }

    /**
     * The test JVM's classes as a plain class path: surefire puts ntk4j (a named module) on the
     * module path and the rest on the class path; the child runs them all from the class path.
     */
    private static String classPath() {
        String modules = System.getProperty("jdk.module.path", "");
        String cp = System.getProperty("java.class.path", "");
        return modules.isEmpty() ? cp : cp.isEmpty() ? modules : modules + java.io.File.pathSeparator + cp;
    }
}
