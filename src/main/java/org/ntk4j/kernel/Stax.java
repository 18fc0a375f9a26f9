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
     * The activation called {@code name}: relu, erf, step, abs, identity, or abrelu with slopes
     * (a, b) (leaky-relu takes a as its negative slope).
     */
    public static Activation activation(String name, double a, double b) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "relu" -> relu();
            case "erf" -> erf();
            case "step" -> step();
            case "abs" -> abs();
            case "identity", "linear" -> identity();
            case "abrelu" -> abRelu(a, b);
            case "leaky-relu", "leakyrelu" -> leakyRelu(a);
            default -> throw new IllegalArgumentException("unknown activation '" + name
                    + "' (use relu, erf, step, abrelu, leaky-relu, abs or identity)");
        };
    }
}
