package org.ntk4j.simd;

/**
 * What a fused pass folds in around its activation: the dense op (w2, b2) before it; for the
 * network's first layer (first) the input scaling, so the pass reads k as the Gram entry,
 * divides it by d ({@link VectorKernelOps#inputScale}) and takes t as 0; for its last (w2r not
 * NaN) the readout dense op (w2r, b2r). The folded parts are the operations of the standalone
 * passes in their order, so no bit changes, and a tile is read and written once per layer: the
 * extra passes cost a depth-1 kernel 10-25 % (at n = 1024 they stream 8 MB matrices from memory,
 * with nothing to hide it behind).
 */
record Fold(double w2, double b2, boolean first, int d, double w2r, double b2r) {

    boolean readout() {
        return !Double.isNaN(w2r);
    }
}
