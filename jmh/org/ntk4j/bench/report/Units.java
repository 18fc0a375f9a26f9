package org.ntk4j.bench.report;

import java.util.Locale;

/** Human-readable numbers for reports: times in s/ms/µs/ns, rates with SI prefixes. */
public final class Units {

    private Units() {
    }

    /** Seconds in the largest unit that keeps the value ≥ 1, three significant digits. */
    public static String time(double s) {
        if (Double.isNaN(s)) {
            return "n/a";
        }
        double a = Math.abs(s);
        if (a >= 1 || a == 0) {
            return sig(s) + " s";
        }
        if (a >= 1e-3) {
            return sig(s * 1e3) + " ms";
        }
        if (a >= 1e-6) {
            return sig(s * 1e6) + " µs";
        }
        return sig(s * 1e9) + " ns";
    }

    /** A rate per second with an SI prefix, e.g. "3.12 G/s". */
    public static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "";
        }
        String[] prefix = {"", "k", "M", "G", "T"};
        int p = 0;
        double v = perSecond;
        while (Math.abs(v) >= 1000 && p < prefix.length - 1) {
            v /= 1000;
            p++;
        }
        return sig(v) + " " + prefix[p] + "/s";
    }

    /** An integer-valued number without a fraction, else three significant digits. */
    public static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : sig(v);
    }

    /** Three significant digits. */
    public static String sig(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        String fmt = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, fmt, v);
    }
}
