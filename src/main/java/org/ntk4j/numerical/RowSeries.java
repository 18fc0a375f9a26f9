package org.ntk4j.numerical;

/**
 * One input's data for the Mehler series, at pre-activation variance σ²: the normalised Hermite
 * coefficients a_n = E[φ(σz) He_n(z)]/sqrt(n!) and b_n = E[φ′(σz) He_n(z)]/sqrt(n!), n = 0..N, the
 * energies E[φ(σz)²], E[φ′(σz)²] (the kernel diagonals), and the tails T = energy − Σ_{n≤N} coef²
 * that bound the truncation error (Cauchy–Schwarz). Arrays are the record's own; callers must not
 * modify them (they are not copied, because the engine reads them in its hot loop).
 */
public record RowSeries(double variance, double[] a, double[] b, double nngpEnergy, double tdotEnergy,
        double nngpTail, double tdotTail) {

    /** The truncation order N (the arrays hold N + 1 coefficients). */
    public int order() {
        return a.length - 1;
    }
}
