package org.ntk4j.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --net} grammar:
 * <pre>
 *   SPEC  = LAYER { "," LAYER }          whitespace allowed anywhere; names case-insensitive
 *   LAYER = NAME [ "(" NUMBER { "," NUMBER } ")" ]
 * </pre>
 * with the names and arguments of the {@link Catalog}. Errors name the layer they are about, by
 * position and text, in one line.
 */
final class NetSpec {

    private final String text;
    private int at;

    private NetSpec(String text) {
        this.text = text;
    }

    /** The layers of spec, a bare {@code dense} taking the given w-std and b-std. */
    static List<Layer> parse(String spec, double wStd, double bStd) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty network spec: give layers such as dense,relu,dense");
        }
        return new NetSpec(spec).layers(new double[] {wStd, bStd});
    }

    /** One layer of the grammar, e.g. "leaky-relu(0.1)"; errors name the text. */
    static Layer parseLayer(String text, double wStd, double bStd) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty layer: give one such as relu or leaky-relu(0.1)");
        }
        NetSpec p = new NetSpec(text);
        p.skipSpace();
        String name = p.name();
        double[] args = p.arguments(1, name);
        p.skipSpace();
        if (p.at != text.length()) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not one layer (use e.g. relu or leaky-relu(0.1))");
        }
        Catalog.Entry entry = Catalog.find(name).orElseThrow(() -> new IllegalArgumentException("unknown layer '" + name
                + "' (layers: " + names() + ")"));
        return entry.make(args, new double[] {wStd, bStd});
    }

    private List<Layer> layers(double[] defaults) {
        List<Layer> out = new ArrayList<>();
        while (true) {
            int start = skipSpace();
            String name = name();
            double[] args = arguments(out.size() + 1, name);
            int end = at;
            String shown = text.substring(start, end).strip();
            if (name.isEmpty()) {
                throw error(out.size() + 1, shown.isEmpty() ? "(nothing)" : shown, "expected a layer name");
            }
            Catalog.Entry entry = Catalog.find(name).orElseThrow(() -> error(out.size() + 1, shown,
                    "unknown layer '" + name + "' (layers: " + names() + ")"));
            try {
                out.add(entry.make(args, defaults));
            } catch (IllegalArgumentException e) {
                throw error(out.size() + 1, shown, e.getMessage());
            }
            skipSpace();
            if (at == text.length()) {
                return out;
            }
            if (text.charAt(at) != ',') {
                throw error(out.size() + 1, text.substring(start).strip(), "expected ',' after it, found '" + text.charAt(at) + "'");
            }
            at++;
        }
    }

    private static String names() {
        return String.join(", ", Catalog.entries().stream().map(Catalog.Entry::name).toList());
    }

    private String name() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '-' || text.charAt(at) == '_')) {
            at++;
        }
        return text.substring(start, at);
    }

    /** The numbers in "(a, b, ...)" after a name, or none when no parenthesis follows. */
    private double[] arguments(int layer, String name) {
        skipSpace();
        if (at == text.length() || text.charAt(at) != '(') {
            return new double[0];
        }
        int open = at++;
        int close = text.indexOf(')', open);
        if (close < 0) {
            throw error(layer, text.substring(open - name.length()).strip(), "missing ')'");
        }
        String inside = text.substring(open + 1, close);
        at = close + 1;
        if (inside.isBlank()) {
            return new double[0];
        }
        String[] parts = inside.split(",", -1);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            try {
                if (p.isEmpty() || !p.matches("[+-]?[0-9.eE+-]+")) {
                    throw new NumberFormatException();
                }
                out[i] = Double.parseDouble(p);
            } catch (NumberFormatException e) {
                throw error(layer, name + "(" + inside + ")", "argument " + (i + 1) + " is not a number: '" + p + "'");
            }
            if (!Double.isFinite(out[i])) {
                throw error(layer, name + "(" + inside + ")", "argument " + (i + 1) + " is not finite: '" + p + "'");
            }
        }
        return out;
    }

    private int skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private IllegalArgumentException error(int layer, String shown, String what) {
        return new IllegalArgumentException("network spec, layer " + layer + " '" + shown + "': " + what);
    }
}
