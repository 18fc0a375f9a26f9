package org.ntk4j.simd;

import org.ntk4j.kernel.Activation;

/**
 * The hot loops of the infinite-width kernels and of the finite networks. Two implementations,
 * chosen by {@link Simd}: the scalar reference, written for clarity, and a hand-vectorised one
 * (JDK Vector API, loaded by name so a JVM without the module falls back). Matrices are
 * row-major {@code double[]} with explicit offsets and leading dimensions so callers can hand in
 * views of larger arrays.
 */
public interface KernelOps {

    /** A short name for reports: "scalar" or "vector". */
    String name();

    /** Doubles processed per instruction: 1 for scalar, the species length for vector. */
    int lanes();

    /**
     * Gram block: out[outOff + i·ldo + j] = Σ_k a[aOff + i·d + k] · b[bOff + j·d + k] for
     * 0 ≤ i &lt; ra, 0 ≤ j &lt; rb. a, b: not modified; out: modified. Each entry is computed
     * the same way wherever it sits in the block, so results do not depend on tiling.
     */
    void gram(double[] a, int aOff, int ra, double[] b, int bOff, int rb, int d,
              double[] out, int outOff, int ldo);

    /**
     * out[outOff + i] = Σ_k a[aOff + i·d + k]², bit-identical to the diagonal that {@link #gram}
     * computes for equal rows. a: not modified; out: modified.
     */
    void selfDots(double[] a, int aOff, int rows, int d, double[] out, int outOff);

    /**
     * The diagonal tables of n inputs from their self dots: entry p of each row is computed by the
     * same per-entry code as {@link #recursion} with k12 = k11 = k22, so a tile entry of two equal
     * inputs has the diagonal's bits. dots: not modified.
     */
    DiagonalTables diagonals(Recursion r, double[] dots, int n, int d);

    /**
     * Runs the recursion over a tile in place: on entry {@code kernel} holds the Gram entries
     * x·x' of the tile (rows × cols at kernel[off + i·ld + j]), on exit the NNGP; {@code ntk}
     * receives the NTK at the same positions. Tile row i is input i0 + i of diag1, tile column j
     * input j0 + j of diag2. kernel, ntk: modified; the rest: not modified.
     */
    void recursion(Recursion r, int d, double[] kernel, double[] ntk, int off, int ld,
                   int rows, int cols, DiagonalTables diag1, int i0, DiagonalTables diag2, int j0);

    /**
     * Pointwise activation of a finite network: out[i] = φ(in[i]) and, when deriv is not null,
     * deriv[i] = φ'(in[i]) for 0 ≤ i &lt; n. out may be in; in: not modified unless it is out;
     * out, deriv: modified.
     */
    void activation(Activation phi, double[] in, double[] out, double[] deriv, int n);
}
