package org.ntk4j.bench.report;

import java.util.Locale;

/** Draws a {@link Scaling.Plot} as a self-contained SVG: log-log axes, points with error bars, fitted lines. */
public final class Svg {

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
    private static final int W = 720;
    private static final int PLOT_H = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int LEGEND_LINE = 16;

    private Svg() {
    }

    /** The plot as an {@code <svg>} element. */
    public static String plot(Scaling.Plot p) {
        double xmin = Double.MAX_VALUE;
        double xmax = 0;
        double ymin = Double.MAX_VALUE;
        double ymax = 0;
        for (Scaling.Series s : p.series()) {
            for (int i = 0; i < s.x().length; i++) {
                xmin = Math.min(xmin, s.x()[i]);
                xmax = Math.max(xmax, s.x()[i]);
                ymin = Math.min(ymin, Math.max(s.seconds()[i] - s.errors()[i], s.seconds()[i] / 2));
                ymax = Math.max(ymax, s.seconds()[i] + s.errors()[i]);
            }
        }
        // Whole decades on y so the reader can read slopes off the grid; a little margin on x.
        double ly0 = Math.floor(Math.log10(ymin));
        double ly1 = Math.ceil(Math.log10(ymax));
        if (ly1 == ly0) {
            ly1 = ly0 + 1;
        }
        double lx0 = Math.log10(xmin) - 0.1;
        double lx1 = Math.log10(xmax) + 0.1;
        int h = TOP + PLOT_H + 45 + LEGEND_LINE * p.series().size();
        Axes a = new Axes(lx0, lx1, ly0, ly1);
        StringBuilder b = new StringBuilder();
        b.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"11\">\n", W, h, W, h));
        b.append(f("<title>%s</title>\n", esc(p.title())));
        b.append(f("<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s (log-log)</text>\n", LEFT, esc(p.title())));
        b.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>\n",
                LEFT, TOP, W - LEFT - RIGHT, PLOT_H));
        for (double d = ly0; d <= ly1 + 1e-9; d++) {
            double y = a.y(Math.pow(10, d));
            b.append(f("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, W - RIGHT, y, y));
            b.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 4, y + 4, esc(Units.time(Math.pow(10, d)))));
        }
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        p.series().forEach(s -> { for (double x : s.x()) { xs.add(x); } });
        for (double x : xs) {
            double px = a.x(x);
            b.append(f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>\n", px, px, TOP, TOP + PLOT_H));
            b.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, TOP + PLOT_H + 14, Units.num(x)));
        }
        b.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", (LEFT + W - RIGHT) / 2, TOP + PLOT_H + 30, esc(p.axis())));
        b.append(f("<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">time per operation</text>\n",
                TOP + PLOT_H / 2));
        for (int k = 0; k < p.series().size(); k++) {
            Scaling.Series s = p.series().get(k);
            String c = COLORS[k % COLORS.length];
            String dash = k >= COLORS.length ? " stroke-dasharray=\"2,2\"" : "";
            Stats.Fit fit = s.fit();
            double x0 = s.x()[0];
            double x1 = s.x()[s.x().length - 1];
            b.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6,4\"/>\n",
                    a.x(x0), a.y(fit.at(x0)), a.x(x1), a.y(fit.at(x1)), c));
            StringBuilder poly = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                double px = a.x(s.x()[i]);
                double py = a.y(s.seconds()[i]);
                poly.append(f("%.1f,%.1f ", px, py));
                double lo = Math.max(s.seconds()[i] - s.errors()[i], Math.pow(10, ly0));
                b.append(f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                        px, px, a.y(lo), a.y(s.seconds()[i] + s.errors()[i]), c));
                b.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s</title></circle>\n",
                        px, py, c, esc(p.axis() + "=" + Units.num(s.x()[i])), esc(Units.time(s.seconds()[i]))));
            }
            b.append(f("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-opacity=\"0.5\"%s/>\n", poly.toString().trim(), c, dash));
            int ly = TOP + PLOT_H + 45 + LEGEND_LINE * k;
            b.append(f("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n", LEFT, LEFT + 20, ly - 4, ly - 4, c));
            b.append(f("<text x=\"%d\" y=\"%d\">exponent %.2f (r² %.3f)  %s</text>\n", LEFT + 26, ly,
                    fit.slope(), fit.r2(), esc(s.label().isEmpty() ? "(no other parameters)" : s.label())));
        }
        return b.append("</svg>\n").toString();
    }

    private record Axes(double lx0, double lx1, double ly0, double ly1) {
        double x(double v) {
            return LEFT + (Math.log10(v) - lx0) / (lx1 - lx0) * (W - LEFT - RIGHT);
        }

        double y(double v) {
            return TOP + PLOT_H - (Math.log10(v) - ly0) / (ly1 - ly0) * PLOT_H;
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }
}
