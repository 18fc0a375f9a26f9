package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import org.ntk4j.linalg.Solver;
import org.ntk4j.predict.GpPosterior;

/** Streaming the test/train kernels block by block gives the bits of the whole-matrix prediction. */
class StreamedPredictionTest {

    private static DMatrixRMaj gaussian(int n, int d, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void blockedMeansEqualTheUnblockedOnesForRaggedBlocks() {
        Network net = Stax.mlp(2, Stax.relu(), 1.5, 0.05);
        DMatrixRMaj xTrain = gaussian(40, 6, 1);
        DMatrixRMaj xTest = gaussian(30, 6, 2);
        DMatrixRMaj y = gaussian(40, 10, 3);
        KernelEngine engine = KernelEngine.builder().threads(2).tileSize(8).build();
        Solver solver = Solver.builder().threads(2).build();
        Kernels tt = engine.compute(net, xTrain);
        GpPosterior[] fits = {GpPosterior.fit(tt.nngp(), y, 1e-6, solver), GpPosterior.fit(tt.ntk(), y, 1e-6, solver)};
        Kernels st = engine.compute(net, xTest, xTrain);
        DMatrixRMaj nngp = fits[0].mean(st.nngp());
        DMatrixRMaj ntk = fits[1].mean(st.ntk());
        for (int block : new int[] {1, 7, 30, 64}) {
            long[] nanos = new long[2];
            DMatrixRMaj[] means = FashionMnistCommand.streamTestKernels(p -> engine, net, xTest, xTrain, fits,
                    Solver.builder().threads(1 + block % 2).build(), nanos, block);
            assertArrayEquals(nngp.data, means[0].data, "NNGP, blocks of " + block);
            assertArrayEquals(ntk.data, means[1].data, "NTK, blocks of " + block);
        }
    }
}
