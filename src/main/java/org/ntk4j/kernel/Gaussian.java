package org.ntk4j.kernel;

/**
 * φ(x) = e^(−x²/2): E[φ(u) φ(v)] = 1/sqrt(Δ) with Δ = det(I + Σ) = (1 + k11)(1 + k22) − k12²,
 * and, with φ' = −x e^(−x²/2), Ṫ = E[u v e^(−(u² + v²)/2)] = k12/Δ^(3/2) (a Gaussian integral:
 * the off-diagonal of Σ (I + Σ)^−1 over sqrt(Δ)). Δ = 1 + k11 + k22 + (k11 k22 − k12²) is computed
 * from the determinant, which the engine takes from the inputs where it would cancel.
 */
public record Gaussian() implements Activation {

    @Override
    public double nngp(double k12, double k11, double k22) {
        return nngpWithGap(k12, k11, k22, Math.max(0.0, k11 * k22 - k12 * k12));
    }

    @Override
    public double tdot(double k12, double k11, double k22) {
        return tdotWithGap(k12, k11, k22, Math.max(0.0, k11 * k22 - k12 * k12));
    }

    /** Δ = 1 + k11 + k22 + gap. */
    @Override
    public double[] determinantForm() {
        return new double[] {1, 1, 1};
    }

    @Override
    public double nngpWithGap(double k12, double k11, double k22, double gap) {
        return 1 / Math.sqrt(1 + (k11 + k22) + gap);
    }

    @Override
    public double tdotWithGap(double k12, double k11, double k22, double gap) {
        double delta = 1 + (k11 + k22) + gap;
        return k12 / (delta * Math.sqrt(delta));
    }

    @Override
    public double apply(double x) {
        return StrictMath.exp(-0.5 * x * x);
    }

    @Override
    public double derivative(double x) {
        return -x * StrictMath.exp(-0.5 * x * x);
    }

    @Override
    public boolean needsAngle() {
        return false;
    }

    @Override
    public String describe() {
        return "gaussian";
    }
}
