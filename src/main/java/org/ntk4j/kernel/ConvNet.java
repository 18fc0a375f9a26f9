package org.ntk4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A convolutional network description in NTK parameterisation on NHWC images: a stack of
 * stride-1 convolutions, activations and average pools, a readout ({@code flatten} or
 * {@code gap}) that turns the spatial kernel into one number per pair, then an ordinary
 * fully-connected tail (a {@link Network}: dense first, dense last). Immutable.
 *
 * <p>Grammar (the {@code --net} spec): {@code conv(Q)}, {@code conv(Q, same|valid|circular)},
 * {@code conv(Q, PADDING, W, B)}, {@code avgpool(W)}, {@code flatten}, {@code gap}, then any layer
 * of the {@link Catalog}, e.g. {@code conv(3,same),relu,conv(3,same),relu,gap,dense}.
 *
 * @param stages the spatial part, starting with a conv
 * @param readout how the spatial kernel becomes a scalar
 * @param tail    the fully-connected layers after the readout
 */
public record ConvNet(List<Stage> stages, Readout readout, Network tail) {

    /** Zero padding keeping the size, no padding, or periodic wrap keeping the size. */
    public enum Padding { SAME, VALID, CIRCULAR }

    /** flatten: a dense readout over H·W·C (mean of the diagonal); gap: mean over all position pairs. */
    public enum Readout { FLATTEN, GAP }

    /** One spatial layer. */
    public sealed interface Stage permits Conv, AvgPool, Act {
        String describe();
    }

    /**
     * A Q × Q stride-1 convolution, h[p, o] = W/√(Q²·C_in) Σ_{d,c} w[d, c, o] x[p+d, c] + B·b[o];
     * kernel K'(p, p') = W²/Q² Σ_d K(p+d, p'+d) + B² (zero padding counted in the Q²),
     * Θ'(p, p') = K' + W²/Q² Σ_d Θ(p+d, p'+d).
     */
    public record Conv(int q, Padding padding, double wStd, double bStd) implements Stage {
        public Conv {
            if (q < 1) {
                throw new IllegalArgumentException("conv filter size must be >= 1, got " + q);
            }
            if (padding != Padding.VALID && q % 2 == 0) {
                throw new IllegalArgumentException("conv(" + q + "): same and circular padding need an odd filter size");
            }
            Dense.requireStd("w-std", wStd);
            Dense.requireStd("b-std", bStd);
        }

        @Override
        public String describe() {
            return "conv(" + q + ", " + padding.name().toLowerCase(Locale.ROOT) + ", " + Catalog.number(wStd) + ", "
                    + Catalog.number(bStd) + ")";
        }
    }

    /** A W × W average pool with stride W, valid: K'(P, P') = 1/W⁴ Σ K over the two windows. */
    public record AvgPool(int window) implements Stage {
        public AvgPool {
            if (window < 1) {
                throw new IllegalArgumentException("avgpool window must be >= 1, got " + window);
            }
        }

        @Override
        public String describe() {
            return "avgpool(" + window + ")";
        }
    }

    /** An activation applied position by position. */
    public record Act(Activation phi) implements Stage {
        @Override
        public String describe() {
            return phi.describe();
        }
    }

    public ConvNet {
        stages = List.copyOf(stages);
        if (stages.isEmpty() || !(stages.get(0) instanceof Conv)) {
            throw new IllegalArgumentException("a convolutional network starts with a conv layer");
        }
        for (int i = 1; i < stages.size(); i++) {
            if (stages.get(i) instanceof Act a && !(stages.get(i - 1) instanceof Conv)) {
                throw new IllegalArgumentException("layer " + (i + 1) + " (" + a.describe()
                        + ") needs a Gaussian input: put a conv layer before it");
            }
        }
        if (readout == null || tail == null) {
            throw new IllegalArgumentException("a convolutional network needs a readout (flatten or gap) and a dense layer after it");
        }
    }

    /** True when some average pool sits in the spatial part (the offset split then does not hold). */
    public boolean hasPool() {
        return stages.stream().anyMatch(s -> s instanceof AvgPool);
    }

    /**
     * The spatial size after each stage for an h × w input: {h0, w0, h1, w1, ...}.
     *
     * @throws IllegalArgumentException (one line) when a valid filter or a pool does not fit
     */
    public int[] sizes(int h, int w) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("images must be at least 1 x 1, got " + h + " x " + w);
        }
        int[] out = new int[2 * stages.size() + 2];
        out[0] = h;
        out[1] = w;
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (s instanceof Conv c && c.padding() == Padding.VALID) {
                if (c.q() > h || c.q() > w) {
                    throw new IllegalArgumentException("layer " + (i + 1) + " " + s.describe() + " does not fit the " + h + " x " + w
                            + " map");
                }
                h = h - c.q() + 1;
                w = w - c.q() + 1;
            } else if (s instanceof AvgPool p) {
                if (p.window() > h || p.window() > w) {
                    throw new IllegalArgumentException("layer " + (i + 1) + " " + s.describe() + " is larger than the " + h + " x " + w
                            + " map");
                }
                h /= p.window();
                w /= p.window();
            }
            out[2 * i + 2] = h;
            out[2 * i + 3] = w;
        }
        return out;
    }

    /** Parses a spec, a bare conv or dense taking the given w-std and b-std. */
    public static ConvNet parse(String spec, double wStd, double bStd) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty network spec: give layers such as conv(3),relu,flatten,dense");
        }
        List<String> tokens = split(spec);
        List<Stage> stages = new ArrayList<>();
        Readout readout = null;
        List<Layer> tail = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String tok = tokens.get(i).strip();
            int open = tok.indexOf('(');
            String name = (open < 0 ? tok : tok.substring(0, open)).strip().toLowerCase(Locale.ROOT);
            String[] args = open < 0 ? new String[0] : arguments(tok, open, i + 1);
            try {
                if (readout != null) {
                    if (name.equals("conv") || name.equals("avgpool") || name.equals("flatten") || name.equals("gap")) {
                        throw new IllegalArgumentException("spatial layers must come before the readout");
                    }
                    tail.add(NetSpec.parseLayer(tok, wStd, bStd));
                    continue;
                }
                switch (name) {
                    case "conv" -> stages.add(conv(args, wStd, bStd));
                    case "avgpool" -> {
                        count(args, 1, 1);
                        stages.add(new AvgPool(integer(args[0])));
                    }
                    case "flatten", "gap" -> {
                        count(args, 0, 0);
                        readout = name.equals("gap") ? Readout.GAP : Readout.FLATTEN;
                    }
                    default -> {
                        Layer l = NetSpec.parseLayer(tok, wStd, bStd);
                        if (!(l instanceof Activation a)) {
                            throw new IllegalArgumentException("a dense layer needs flatten or gap before it");
                        }
                        stages.add(new Act(a));
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("network spec, layer " + (i + 1) + " '" + tok + "': " + e.getMessage());
            }
        }
        if (readout == null) {
            throw new IllegalArgumentException("network spec '" + spec.strip() + "': a convolutional network needs flatten or gap"
                    + " before its dense readout");
        }
        if (tail.isEmpty()) {
            throw new IllegalArgumentException("network spec '" + spec.strip() + "': put a dense layer after the readout");
        }
        return new ConvNet(stages, readout, new Network(tail));
    }

    /** True when spec names a spatial layer, i.e. is for this class rather than {@link Stax#parse}. */
    public static boolean isConvolutional(String spec) {
        if (spec == null) {
            return false;
        }
        for (String t : split(spec)) {
            String n = t.strip().toLowerCase(Locale.ROOT);
            if (n.startsWith("conv") || n.startsWith("avgpool") || n.equals("flatten") || n.equals("gap")) {
                return true;
            }
        }
        return false;
    }

    private static Conv conv(String[] args, double wStd, double bStd) {
        count(args, 1, 4);
        int q = integer(args[0]);
        Padding pad = Padding.SAME;
        if (args.length > 1) {
            try {
                pad = Padding.valueOf(args[1].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("padding must be same, valid or circular, got '" + args[1].strip() + "'");
            }
        }
        double w = args.length > 2 ? number(args[2]) : wStd;
        double b = args.length > 3 ? number(args[3]) : bStd;
        if (args.length == 3) {
            throw new IllegalArgumentException("give both W and B, or neither");
        }
        return new Conv(q, pad, w, b);
    }

    private static void count(String[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            throw new IllegalArgumentException("takes " + (min == max ? "" + min : min + " to " + max) + " arguments, got " + args.length);
        }
    }

    private static int integer(String s) {
        double v = number(s);
        if (v != Math.rint(v) || v < 1 || v > 1 << 20) {
            throw new IllegalArgumentException("'" + s.strip() + "' is not a positive whole number");
        }
        return (int) v;
    }

    private static double number(String s) {
        String p = s.strip();
        try {
            if (!p.matches("[+-]?[0-9.eE+-]+")) {
                throw new NumberFormatException();
            }
            double v = Double.parseDouble(p);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + p + "' is not a finite number");
        }
    }

    private static String[] arguments(String tok, int open, int layer) {
        int close = tok.lastIndexOf(')');
        if (close < open || !tok.substring(close + 1).isBlank()) {
            throw new IllegalArgumentException("network spec, layer " + layer + " '" + tok + "': missing ')'");
        }
        String inside = tok.substring(open + 1, close);
        return inside.isBlank() ? new String[0] : inside.split(",", -1);
    }

    /** Splits at the commas outside parentheses. */
    private static List<String> split(String spec) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(spec.substring(start, i));
                start = i + 1;
            }
        }
        out.add(spec.substring(start));
        return out;
    }

    /** The network in the grammar; {@link #parse} reads it back to an equal network. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Stage s : stages) {
            sb.append(s.describe()).append(',');
        }
        return sb.append(readout.name().toLowerCase(Locale.ROOT)).append(',').append(tail).toString();
    }
}
