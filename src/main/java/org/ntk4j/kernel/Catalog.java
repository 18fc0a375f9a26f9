package org.ntk4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every kind of layer ntk4j knows, once: its name and arguments in the {@code --net} grammar, its
 * formula, and sample instances. The parser ({@link Stax#parse}), the CLI's help, the property
 * generators, the test lists, the benchmarks' parameter lists and the README's table all read
 * this list, so a layer registered here is covered by all of them. Adding an activation: write
 * its class (see {@link Activation}) and add one {@link Entry} line below.
 */
public final class Catalog {

    /** How a layer's kernel map is computed. */
    public enum Kind {
        /** An affine layer. */
        DENSE,
        /** An activation with a closed-form kernel map, hand-vectorised. */
        CLOSED_FORM,
        /** An activation whose kernel map is computed numerically ({@link Numerical}). */
        NUMERICAL
    }

    /** Builds a layer from its parsed arguments. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param args the numbers inside the parentheses (none without them)
         * @param defaults the w-std and b-std a bare {@code dense} takes
         * @throws IllegalArgumentException naming the bad argument
         */
        Layer make(double[] args, double[] defaults);
    }

    /**
     * One kind of layer.
     *
     * @param name    its name in the grammar (lower case)
     * @param params  its parameters as the grammar shows them, e.g. "(ALPHA)", or "" for none
     * @param minArgs fewest arguments, maxArgs most (−1: any number)
     * @param formula φ(x) or the layer's map, for help texts and the README
     * @param samples argument lists of instances the tests and benchmarks use
     */
    public record Entry(String name, String params, int minArgs, int maxArgs, Kind kind, String formula,
                        Factory factory, List<double[]> samples) {

        /** The layer for these arguments, after checking their count. */
        public Layer make(double[] args, double[] defaults) {
            if (args.length < minArgs || (maxArgs >= 0 && args.length > maxArgs)) {
                String want = minArgs == maxArgs ? (minArgs == 0 ? "no arguments" : minArgs + " argument" + (minArgs == 1 ? "" : "s"))
                        : maxArgs < 0 ? "at least " + minArgs + " arguments" : minArgs + " to " + maxArgs + " arguments";
                throw new IllegalArgumentException(name + " takes " + want + (params.isEmpty() ? "" : " " + params)
                        + ", got " + args.length);
            }
            return factory.make(args, defaults);
        }

        /** The sample instances (activations only have samples). */
        public List<Layer> sampleLayers() {
            List<Layer> out = new ArrayList<>();
            for (double[] a : samples) {
                out.add(make(a, new double[] {1, 0}));
            }
            return out;
        }

        /** The grammar form, e.g. "leaky-relu(ALPHA)". */
        public String usage() {
            return name + params;
        }
    }

    private static final List<double[]> NONE = List.of(new double[0]);

    private static final List<Entry> ENTRIES = List.of(
            new Entry("dense", "(W, B)", 0, 2, Kind.DENSE, "h = W/sqrt(n_in) w x + B b; W, B default to --w-std, --b-std",
                    Catalog::dense, List.of(new double[] {1.5, 0.05})),
            closed("relu", "max(x, 0)", a -> Stax.relu()),
            closed("erf", "erf(x)", a -> Stax.erf()),
            closed("step", "1[x > 0] (Heaviside; φ' = 0)", a -> Stax.step()),
            closed("abs", "|x|", a -> Stax.abs()),
            closed("identity", "x", a -> Stax.identity()),
            new Entry("leaky-relu", "(ALPHA)", 1, 1, Kind.CLOSED_FORM, "x for x > 0, ALPHA x otherwise",
                    (a, d) -> Stax.leakyRelu(a[0]), List.of(new double[] {0.1}, new double[] {0.3})),
            new Entry("abrelu", "(A, B)", 2, 2, Kind.CLOSED_FORM, "A x for x < 0, B x otherwise",
                    (a, d) -> Stax.abRelu(a[0], a[1]), List.of(new double[] {-0.5, 1.5}, new double[] {0.25, -1})),
            closed("sign", "sign x (φ' = 0)", a -> Stax.sign()),
            new Entry("rectified-monomial", "(K)", 1, 1, Kind.CLOSED_FORM, "max(x, 0)^K, K = 0 .. 4 (0: step, 1: relu)",
                    (a, d) -> Stax.rectifiedMonomial(order("rectified-monomial", a[0], 4)), List.of(new double[] {2}, new double[] {3}, new double[] {4})),
            closed("gelu", "x Φ(x)", a -> Stax.gelu()),
            closed("sin", "sin x", a -> Stax.sin()),
            closed("cos", "cos x", a -> Stax.cos()),
            closed("gaussian", "exp(−x²/2)", a -> Stax.gaussian()),
            closed("exp", "exp x", a -> Stax.exp()),
            new Entry("monomial", "(K)", 1, 1, Kind.CLOSED_FORM, "x^K, K = 0 .. 8 (1: identity)",
                    (a, d) -> Stax.monomial(order("monomial", a[0], 8)), List.of(new double[] {2}, new double[] {3})),
            new Entry("polynomial", "(C0, C1, ...)", 1, 9, Kind.CLOSED_FORM, "C0 + C1 x + C2 x² + ..., degree ≤ 8",
                    (a, d) -> Stax.polynomial(a), List.of(new double[] {0.25, 1, -0.5, 0.125})));

    private Catalog() {
    }

    /** A closed-form activation without arguments. */
    private static Entry closed(String name, String formula, java.util.function.Function<double[], Layer> make) {
        return new Entry(name, "", 0, 0, Kind.CLOSED_FORM, formula, (a, d) -> make.apply(a), NONE);
    }

    /** An integer order argument, or a one-line error. */
    private static int order(String name, double k, int max) {
        if (k != Math.rint(k) || k < 0 || k > max) {
            throw new IllegalArgumentException(name + " takes an integer order K in 0 .. " + max + ", got " + number(k));
        }
        return (int) k;
    }

    private static Layer dense(double[] a, double[] defaults) {
        if (a.length == 1) {
            throw new IllegalArgumentException("dense takes no arguments or two, (W, B), got 1");
        }
        return a.length == 0 ? Stax.dense(defaults[0], defaults[1]) : Stax.dense(a[0], a[1]);
    }

    /** Every entry, in catalog order. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The entries of one kind. */
    public static List<Entry> entries(Kind kind) {
        return ENTRIES.stream().filter(e -> e.kind() == kind).toList();
    }

    /** The entry called name (any case), if any. */
    public static Optional<Entry> find(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return ENTRIES.stream().filter(e -> e.name().equals(n)).findFirst();
    }

    /** Every activation's sample instances, in catalog order. */
    public static List<Activation> sampleActivations() {
        List<Activation> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            if (e.kind() != Kind.DENSE) {
                for (Layer l : e.sampleLayers()) {
                    out.add((Activation) l);
                }
            }
        }
        return out;
    }

    /** The names of the activations, comma-separated, for help texts and messages. */
    public static String activationNames() {
        return String.join(", ", ENTRIES.stream().filter(e -> e.kind() != Kind.DENSE).map(Entry::usage).toList());
    }

    /** The catalog as a Markdown table (the README's). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| layer | φ(x) or map | kernel |\n|---|---|---|\n");
        for (Entry e : ENTRIES) {
            String kind = switch (e.kind()) {
                case DENSE -> "affine";
                case CLOSED_FORM -> "closed form";
                case NUMERICAL -> "numerical";
            };
            sb.append("| `").append(e.usage()).append("` | ").append(e.formula().replace("|", "\\|")).append(" | ").append(kind).append(" |\n");
        }
        return sb.toString();
    }

    /** A number as the grammar writes it: integers without ".0", others as Java prints them. */
    static String number(double v) {
        if (v == 0 && 1 / v < 0) {
            return "-0.0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
