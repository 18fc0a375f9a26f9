package org.ntk4j.kernel;

import java.util.List;
import org.ntk4j.simd.RecursionProgram;

/**
 * A serial composition of layers: the one description from which ntk4j derives both the finite
 * network and its infinite-width kernels. Immutable. Valid sequences start with a {@link Dense}
 * layer (raw inputs are not Gaussian) and never put an {@link Activation} after an activation.
 */
public final class Network {

    private final List<Layer> layers;
    private final RecursionProgram program;

    Network(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        boolean gaussian = false;
        RecursionProgram.Builder b = new RecursionProgram.Builder();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer == null) {
                throw new IllegalArgumentException("layer " + i + " is null");
            }
            switch (layer) {
                case Dense d -> {
                    b.dense(d.wStd() * d.wStd(), d.bStd() * d.bStd());
                    gaussian = true;
                }
                case Activation a -> {
                    if (!gaussian) {
                        throw new IllegalArgumentException("layer " + i + " (" + a.describe() + ") needs a Gaussian input:"
                                + " put a dense layer before it" + (i == 0 ? "" : " (two activations in a row)"));
                    }
                    switch (a) {
                        case ABRelu r -> b.abRelu(r.a(), r.b());
                        case Erf e -> b.erf();
                        case Step s -> b.step();
                    }
                    gaussian = false;
                }
            }
        }
        this.layers = List.copyOf(layers);
        this.program = b.build();
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The kernel recursion as op codes for the hot loops. */
    public RecursionProgram program() {
        return program;
    }

    /** Number of activation layers (hidden layers of an MLP). */
    public int hiddenLayers() {
        return (int) layers.stream().filter(l -> l instanceof Activation).count();
    }

    /** NNGP and NTK of x1 against itself, with default engine settings. */
    public Kernels kernels(org.ejml.data.DMatrixRMaj x1) {
        return KernelEngine.defaults().compute(this, x1, null);
    }

    /** NNGP and NTK of x1 against x2, with default engine settings. */
    public Kernels kernels(org.ejml.data.DMatrixRMaj x1, org.ejml.data.DMatrixRMaj x2) {
        return KernelEngine.defaults().compute(this, x1, x2);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("serial(");
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(layers.get(i).describe());
        }
        return sb.append(')').toString();
    }
}
