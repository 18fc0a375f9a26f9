package org.ntk4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ntk4j.io.AtomicFile;

/**
 * An SVG line chart of test accuracy against training-set size (log scale), one colour per depth,
 * NNGP solid and NTK dashed. Plain SVG, no dependencies.
 */
final class SweepPlot {

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"};
    private static final int W = 640;
    private static final int H = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 150;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private SweepPlot() {
    }

    /**
     * @param sizes  training-set sizes, ascending
     * @param depths depths
     * @param nngp   accuracy [depth][size] in [0, 1]
     * @param ntk    accuracy [depth][size] in [0, 1]
     */
    static void write(Path p, List<Integer> sizes, List<Integer> depths, double[][] nngp, double[][] ntk)
            throws IOException {
        String svg = svg(sizes, depths, nngp, ntk);
        AtomicFile.write(p, os -> os.write(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static String svg(List<Integer> sizes, List<Integer> depths, double[][] nngp, double[][] ntk) {
        double lo = 1;
        double hi = 0;
        for (double[][] acc : new double[][][] {nngp, ntk}) {
            for (double[] row : acc) {
                for (double a : row) {
                    lo = Math.min(lo, a);
                    hi = Math.max(hi, a);
                }
            }
        }
        double yLo = Math.floor(lo * 20) / 20;
        double yHi = Math.min(1, Math.ceil(hi * 20) / 20);
        if (yHi <= yLo) {
            yHi = yLo + 0.05;
        }
        double xLo = Math.log10(sizes.get(0));
        double xHi = Math.log10(sizes.get(sizes.size() - 1));
        if (xHi <= xLo) {
            xLo -= 0.5;
            xHi += 0.5;
        }
        double x0 = xLo;
        double x1 = xHi;
        double y0 = yLo;
        double y1 = yHi;
        java.util.function.DoubleUnaryOperator px = v -> LEFT + (Math.log10(v) - x0) / (x1 - x0) * (W - LEFT - RIGHT);
        java.util.function.DoubleUnaryOperator py = a -> TOP + (y1 - a) / (y1 - y0) * (H - TOP - BOTTOM);

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">Fashion-MNIST test accuracy,"
                + " infinitely wide MLP</text>%n", LEFT));
        // axes and grid
        for (double a = y0; a <= y1 + 1e-9; a += 0.05) {
            double y = py.applyAsDouble(a);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, W - RIGHT, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f %%</text>%n",
                    LEFT - 6, y + 4, 100 * a));
        }
        for (int s : sizes) {
            double x = px.applyAsDouble(s);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, TOP, x, H - BOTTOM));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x, H - BOTTOM + 16, s));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">training examples"
                + " (log scale)</text>%n", (LEFT + W - RIGHT) / 2, H - 12));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"black\"/>%n", LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
        for (int d = 0; d < depths.size(); d++) {
            String colour = COLOURS[d % COLOURS.length];
            line(sb, sizes, nngp[d], px, py, colour, "");
            line(sb, sizes, ntk[d], px, py, colour, " stroke-dasharray=\"6,4\"");
            int ly = TOP + 10 + 18 * d;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"2\"/>%n", W - RIGHT + 12, ly, W - RIGHT + 36, ly, colour));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">depth %d</text>%n", W - RIGHT + 42, ly + 4,
                    depths.get(d)));
        }
        int ly = TOP + 20 + 18 * depths.size();
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                W - RIGHT + 12, ly, W - RIGHT + 36, ly));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">NNGP</text>%n", W - RIGHT + 42, ly + 4));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\""
                + " stroke-dasharray=\"6,4\"/>%n", W - RIGHT + 12, ly + 18, W - RIGHT + 36, ly + 18));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">NTK (t = inf)</text>%n", W - RIGHT + 42, ly + 22));
        return sb.append("</svg>\n").toString();
    }

    private static void line(StringBuilder sb, List<Integer> sizes, double[] acc,
                             java.util.function.DoubleUnaryOperator px, java.util.function.DoubleUnaryOperator py,
                             String colour, String extra) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < sizes.size(); i++) {
            double x = px.applyAsDouble(sizes.get(i));
            double y = py.applyAsDouble(acc[i]);
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, colour));
        }
        sb.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                pts.toString().trim(), colour, extra));
    }
}
