package org.ntk4j.kernel;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A serial composition of layers: the one description from which ntk4j derives both the finite
 * network and its infinite-width kernels. Immutable. A valid network starts with a {@link Dense}
 * layer (raw inputs are not Gaussian) and ends with one (the readout).
 */
public final class Network {

    private final List<Layer> layers;

    Network(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer == null) {
                throw new IllegalArgumentException("layer " + (i + 1) + " is null");
            }
            if (layer instanceof Activation a && (i == 0 || layers.get(i - 1) instanceof Activation)) {
                throw new IllegalArgumentException("layer " + (i + 1) + " (" + a.describe() + ") needs a Gaussian input:"
                        + " put a dense layer before it" + (i == 0 ? "" : " (two activations in a row)"));
            }
        }
        Layer last = layers.get(layers.size() - 1);
        if (!(last instanceof Dense)) {
            throw new IllegalArgumentException("the last layer must be dense (the readout), not " + last.describe());
        }
        this.layers = List.copyOf(layers);
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** Number of activation layers (hidden layers of an MLP). */
    public int hiddenLayers() {
        return (int) layers.stream().filter(l -> l instanceof Activation).count();
    }

    /** NNGP and NTK of x1 against itself, with default engine settings. x1: not modified. */
    public Kernels kernels(DMatrixRMaj x1) {
        return KernelEngine.defaults().compute(this, x1);
    }

    /** NNGP and NTK of x1 against x2, with default engine settings. x1, x2: not modified. */
    public Kernels kernels(DMatrixRMaj x1, DMatrixRMaj x2) {
        return KernelEngine.defaults().compute(this, x1, x2);
    }

    /** The network in the {@code --net} grammar; {@link Stax#parse} reads it back to an equal network. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(layers.get(i).describe());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && n.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return layers.hashCode();
    }
}
