package org.ntk4j.numerical;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Activations applied one after another, x ↦ f_k(...f_1(x)), as one pointwise function: φ′ by the
 * chain rule, and the kinks of every stage pulled back through the stages before it (the x where
 * f_{j−1}∘...∘f_1(x) hits a kink of f_j), found by scanning and bisection.
 */
record Composite(List<Pointwise> stages, double[] sortedKinks) implements Pointwise {

    /** Grid for the pull-back scan: x = sinh(s), s in [−S, S] step 1/256; |x| up to sinh(8) ≈ 1490. */
    private static final double SCAN_HALF_WIDTH = 8;
    private static final int SCAN_STEPS_PER_UNIT = 256;

    static Composite of(List<Pointwise> stages) {
        if (stages.size() < 2) {
            throw new IllegalArgumentException("a composition needs at least two activations, got " + stages.size());
        }
        List<Pointwise> flat = new ArrayList<>();
        for (Pointwise p : stages) {
            if (p == null) {
                throw new IllegalArgumentException("a composition's activations must not be null");
            }
            if (p instanceof Composite c) {
                flat.addAll(c.stages);
            } else {
                flat.add(p);
            }
        }
        return new Composite(List.copyOf(flat), pullBackKinks(flat));
    }

    @Override
    public double value(double x) {
        double y = x;
        for (Pointwise p : stages) {
            y = p.value(y);
        }
        return y;
    }

    @Override
    public double derivative(double x) {
        double y = x;
        double d = 1;
        for (Pointwise p : stages) {
            d *= p.derivative(y);
            y = p.value(y);
        }
        return d;
    }

    @Override
    public double[] kinks() {
        return sortedKinks.clone();
    }

    @Override
    public boolean continuous() {
        return stages.stream().allMatch(Pointwise::continuous);
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (int i = stages.size() - 1; i >= 0; i--) {
            b.append(stages.get(i).describe()).append(i > 0 ? "∘" : "");
        }
        return b.toString();
    }

    private static double[] pullBackKinks(List<Pointwise> stages) {
        TreeSet<Double> kinks = new TreeSet<>();
        for (double k : stages.get(0).kinks()) {
            kinks.add(k);
        }
        for (int j = 1; j < stages.size(); j++) {
            List<Pointwise> inner = stages.subList(0, j);
            for (double t : stages.get(j).kinks()) {
                preimages(inner, t, kinks);
            }
        }
        return kinks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Adds every x in the scan range where inner(x) − t changes sign or leaves / enters 0. */
    private static void preimages(List<Pointwise> inner, double t, TreeSet<Double> out) {
        int steps = (int) (2 * SCAN_HALF_WIDTH * SCAN_STEPS_PER_UNIT);
        double xPrev = Math.sinh(-SCAN_HALF_WIDTH);
        int cPrev = side(inner, xPrev, t);
        for (int i = 1; i <= steps; i++) {
            double x = Math.sinh(-SCAN_HALF_WIDTH + (double) i / SCAN_STEPS_PER_UNIT);
            int c = side(inner, x, t);
            if (c != cPrev) {
                out.add(bisect(inner, t, xPrev, x, cPrev));
            }
            xPrev = x;
            cPrev = c;
        }
    }

    private static double bisect(List<Pointwise> inner, double t, double lo, double hi, int cLo) {
        for (int it = 0; it < 200 && Math.nextUp(lo) < hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (side(inner, mid, t) == cLo) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // the zero of inner − t when it is hit exactly (relu∘tanh at 0), else the sign change
        return side(inner, hi, t) == 0 || cLo != 0 ? hi : lo;
    }

    private static int side(List<Pointwise> inner, double x, double t) {
        double y = x;
        for (Pointwise p : inner) {
            y = p.value(y);
        }
        return (int) Math.signum(y - t);
    }
}
