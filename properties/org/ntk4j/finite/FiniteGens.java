package org.ntk4j.finite;

import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.Gens;
import org.ntk4j.kernel.Activation;
import org.quicktheories.core.Gen;

/**
 * Generators for finite networks: the network description and the layer widths first, then a
 * parameter seed, so a failing case shrinks to few small layers. Parameters are standard normals
 * from {@link Initializer} streams of that seed (any widths, not only the uniform ones
 * {@link Mlp#init} draws), so a transposed index shows on uneven layers.
 */
final class FiniteGens {

    private FiniteGens() {
    }

    /** A network with explicit widths n_0 (inputs), n_1 .. n_L (hidden), n_{L+1} (outputs). */
    record Net(Gens.Mlp spec, int[] widths, long seed) {

        Mlp mlp() {
            List<DMatrixRMaj> w = new ArrayList<>();
            List<double[]> b = new ArrayList<>();
            for (int l = 0; l + 1 < widths.length; l++) {
                int in = widths[l];
                int out = widths[l + 1];
                DMatrixRMaj wl = new DMatrixRMaj(out, in);
                for (int r = 0; r < out; r++) {
                    Initializer.normals(seed, l, r, wl.data, r * in, in);
                }
                double[] bl = new double[out];
                Initializer.normals(seed, l, Initializer.BIAS_STREAM, bl, 0, out);
                w.add(wl);
                b.add(bl);
            }
            return Mlp.of(spec.network(), w, b);
        }

        int depth() {
            return widths.length - 2;
        }

        int inputDim() {
            return widths[0];
        }

        int outputs() {
            return widths[widths.length - 1];
        }

        @Override
        public String toString() {
            return spec + ", widths " + Arrays.toString(widths) + ", seed " + seed;
        }
    }

    /**
     * Networks of depth 0 .. maxDepth with every activation of {@link Gens#activations()}, input
     * dimension 1 .. maxDim, each hidden width 1 .. maxWidth on its own, 1 .. maxOutputs outputs.
     */
    static Gen<Net> nets(int maxDepth, int maxDim, int maxWidth, int maxOutputs) {
        return Gens.networks(maxDepth).flatMap(spec -> lists().of(Gens.between(1, maxWidth)).ofSize(spec.depth())
                .zip(Gens.between(1, maxDim), Gens.between(1, maxOutputs), Gens.seeds(), (hidden, d, o, seed) -> {
                    int[] widths = new int[spec.depth() + 2];
                    widths[0] = d;
                    for (int l = 0; l < spec.depth(); l++) {
                        widths[l + 1] = hidden.get(l);
                    }
                    widths[spec.depth() + 1] = o;
                    return new Net(spec, widths, seed);
                }));
    }

    /** One hidden layer (the depth at which the finite kernels are unbiased: see ConvergenceProperties). */
    static Gen<Gens.Mlp> oneHiddenLayer() {
        return oneHiddenLayer(Gens.activations());
    }

    static Gen<Gens.Mlp> oneHiddenLayer(Gen<Activation> acts) {
        return Gens.between(1, 1).zip(acts, Gens.wStd(), Gens.bStd(), Gens.Mlp::new).assuming(Gens::monteCarloFriendly);
    }
}
