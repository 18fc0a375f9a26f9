package org.ntk4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Front door for building networks, in the spirit of neural-tangents' {@code stax}:
 * {@code serial(dense(1.5, 0.05), relu(), dense(1.5, 0.05))}.
 */
public final class Stax {

    private Stax() {
    }

    /** A dense layer, see {@link Dense}. */
    public static Dense dense(double wStd, double bStd) {
        return new Dense(wStd, bStd);
    }

    /** ReLU: exactly {@code abRelu(0, 1)}. */
    public static ABRelu relu() {
        return new ABRelu(0, 1);
    }

    /** φ(x) = a x (x &lt; 0), b x (x &gt; 0). */
    public static ABRelu abRelu(double a, double b) {
        return new ABRelu(a, b);
    }

    /** Leaky ReLU with negative slope alpha: {@code abRelu(alpha, 1)}. */
    public static ABRelu leakyRelu(double alpha) {
        return new ABRelu(alpha, 1);
    }

    /** |x|: {@code abRelu(-1, 1)}. */
    public static ABRelu abs() {
        return new ABRelu(-1, 1);
    }

    /** The identity: {@code abRelu(1, 1)}. */
    public static ABRelu identity() {
        return new ABRelu(1, 1);
    }

    /** erf. */
    public static Erf erf() {
        return new Erf();
    }

    /** The Heaviside step. */
    public static Step step() {
        return new Step();
    }

    /**
     * The network written in the {@code --net} grammar (see {@link Catalog} for the layers), e.g.
     * {@code "dense, relu, dense, relu, dense"}; a bare {@code dense} has w-std 1 and b-std 0, as
     * neural-tangents' Dense has by default.
     *
     * @throws IllegalArgumentException in one line, naming the offending layer by position and text
     */
    public static Network parse(String spec) {
        return parse(spec, 1.0, 0.0);
    }

    /** As {@link #parse(String)}, with the w-std and b-std a bare {@code dense} takes. */
    public static Network parse(String spec, double wStd, double bStd) {
        List<Layer> layers = NetSpec.parse(spec, wStd, bStd);
        try {
            return new Network(layers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network spec '" + spec.strip() + "': " + e.getMessage());
        }
    }

    /** sign x, with Ṫ = 0. */
    public static Sign sign() {
        return new Sign();
    }

    /** max(x, 0)^n for n = 0 .. 4: the step for 0, ReLU for 1, else {@link RectifiedMonomial}. */
    public static Activation rectifiedMonomial(int n) {
        return switch (n) {
            case 0 -> step();
            case 1 -> relu();
            default -> new RectifiedMonomial(n);
        };
    }

    /** x^k, k = 0 .. 8 (x^1 is the identity, which this returns for it). */
    public static Activation monomial(int k) {
        return k == 1 ? identity() : Polynomial.monomial(k);
    }

    /** Σ c_i x^i (c_0 first), degree ≤ 8. */
    public static Polynomial polynomial(double... c) {
        return Polynomial.of(c);
    }

    /** x Φ(x). */
    public static Gelu gelu() {
        return new Gelu();
    }

    /** sin x. */
    public static Sin sin() {
        return new Sin();
    }

    /** cos x. */
    public static Cos cos() {
        return new Cos();
    }

    /** e^(−x²/2). */
    public static Gaussian gaussian() {
        return new Gaussian();
    }

    /** e^x. */
    public static Exp exp() {
        return new Exp();
    }

    /** The layers in order; see {@link Network} for what makes a valid sequence. */
    public static Network serial(Layer... layers) {
        return new Network(java.util.Arrays.asList(layers)); // not List.of: Network names a null layer
    }

    /**
     * The fully-connected network with {@code depth} hidden layers: Dense, φ, Dense, φ, ..., Dense
     * (depth + 1 dense layers, all with the same wStd, bStd).
     */
    public static Network mlp(int depth, Activation phi, double wStd, double bStd) {
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be >= 0, got " + depth);
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(dense(wStd, bStd));
        for (int l = 0; l < depth; l++) {
            layers.add(phi);
            layers.add(dense(wStd, bStd));
        }
        return new Network(layers);
    }

    /**
     * The activation written in the {@code --net} grammar, e.g. "erf" or "leaky-relu(0.1)".
     *
     * @throws IllegalArgumentException for an unknown name, a layer that is not an activation, or
     *                                  wrong arguments, in one line
     */
    public static Activation parseActivation(String text) {
        Layer l;
        try {
            l = NetSpec.parseLayer(text, 1, 0);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("unknown layer")
                    ? "unknown activation" + m.substring("unknown layer".length(), m.indexOf('(')) + "(use " + Catalog.activationNames() + ")"
                    : m);
        }
        if (!(l instanceof Activation a)) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not an activation (use " + Catalog.activationNames() + ")");
        }
        return a;
    }

    /**
     * The activation called {@code name} in the {@link Catalog}, with the given arguments (none
     * for most; leaky-relu takes its negative slope, abrelu its two slopes).
     *
     * @throws IllegalArgumentException for an unknown name, a layer that is not an activation, or
     *                                  wrong arguments
     */
    public static Activation activation(String name, double... args) {
        Catalog.Entry e = Catalog.find(name).orElseThrow(() -> new IllegalArgumentException("unknown activation '" + name
                + "' (use " + Catalog.activationNames() + ")"));
        if (e.kind() == Catalog.Kind.DENSE) {
            throw new IllegalArgumentException("'" + name + "' is not an activation (use " + Catalog.activationNames() + ")");
        }
        return (Activation) e.make(args, new double[] {1, 0});
    }
}
