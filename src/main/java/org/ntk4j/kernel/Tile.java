package org.ntk4j.kernel;

import org.ejml.data.DMatrixRMaj;

/**
 * One tile of the kernels: block i of x1 against block j of x2. The matrices are fresh and
 * belong to the caller (not copied again on access).
 *
 * @param nngp K on the tile (rows of block i × rows of block j)
 * @param ntk  Θ on the tile
 */
public record Tile(DMatrixRMaj nngp, DMatrixRMaj ntk) {
}
