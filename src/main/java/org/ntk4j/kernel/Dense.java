package org.ntk4j.kernel;

/**
 * A dense layer in NTK parameterisation: h = wStd / sqrt(n_in) · W x + bStd · b with W, b ~ N(0, 1).
 * Its kernel map: K ← wStd² K + bStd², Θ ← wStd² Θ + K (the new K) (Jacot et al. 2018).
 *
 * @param wStd weight standard deviation, finite and ≥ 0
 * @param bStd bias standard deviation, finite and ≥ 0
 */
public record Dense(double wStd, double bStd) implements Layer {

    public Dense {
        requireStd("w-std", wStd);
        requireStd("b-std", bStd);
    }

    static void requireStd(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }

    @Override
    public String describe() {
        return "dense(" + Catalog.number(wStd) + ", " + Catalog.number(bStd) + ")";
    }
}
