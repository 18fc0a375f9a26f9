package org.ntk4j.simd;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes x, VectorMath.acos(x), VectorMath.asin(x) for 10^6 + points of [-1, 1] as raw
 * little-endian doubles (three consecutive arrays), for tools/measure_arc_ulps.py.
 * Package org.ntk4j.simd because VectorMath is package-private; see measure_arc_ulps.py to run.
 */
final class ArcDump {

    private ArcDump() {
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[1]);
        SplittableRandom rnd = new SplittableRandom(Long.parseLong(args[2]));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            double v = switch (i % 5) {
                case 0, 1 -> rnd.nextDouble(-1, 1);                          // uniform
                case 2 -> 1 - Math.scalb(u, -rnd.nextInt(54));               // towards ±1
                case 3 -> 0.5 + Math.scalb(2 * u - 1, -rnd.nextInt(1, 53));  // across |x| = 1/2
                default -> Math.scalb(1 + u, -rnd.nextInt(1, 60));           // towards 0
            };
            x[i] = rnd.nextBoolean() ? v : -v;
        }
        double[] acos = new double[n];
        double[] asin = new double[n];
        VectorMath.acos(x, acos, n);
        VectorMath.asin(x, asin, n);
        ByteBuffer buf = ByteBuffer.allocate(24 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] a : new double[][] {x, acos, asin}) {
            for (double d : a) {
                buf.putDouble(d);
            }
        }
        Files.write(Path.of(args[0]), buf.array());
    }
}
