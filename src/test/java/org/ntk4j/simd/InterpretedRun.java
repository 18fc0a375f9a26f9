package org.ntk4j.simd;

import java.io.PrintStream;

/**
 * Child-JVM entry of {@link DeterminismTest}: computes {@link DeterminismInputs#results()} (run with
 * -Xint, so nothing is compiled) and writes the raw bits, one row per line, in hexadecimal.
 */
final class InterpretedRun {

    private InterpretedRun() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        for (double[] row : DeterminismInputs.results()) {
            StringBuilder line = new StringBuilder();
            for (double v : row) {
                line.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
            }
            out.println(line.toString().trim());
        }
        out.flush();
    }
}
