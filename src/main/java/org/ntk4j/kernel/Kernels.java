package org.ntk4j.kernel;

import org.ejml.data.DMatrixRMaj;

/**
 * The infinite-width kernels of a network's readout between inputs x1 (n1 rows) and x2 (n2 rows).
 * The matrices are fresh for each computation and belong to the caller: they are not copied on
 * access, and modifying one changes this record's view of it.
 *
 * @param nngp  K(x1_i, x2_j), n1 × n2
 * @param ntk   Θ(x1_i, x2_j), n1 × n2
 * @param diag1 K and Θ of each x1 row with itself
 * @param diag2 the same for x2 (the same object as diag1 when x2 was absent)
 */
public record Kernels(DMatrixRMaj nngp, DMatrixRMaj ntk, Diagonals diag1, Diagonals diag2) {
}
