package org.ntk4j.numerical;

/** φ(x) = αx for x &lt; 0, x for x ≥ 0: one kink at 0. */
record LeakyRelu(double alpha) implements Pointwise {

    LeakyRelu {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("leaky-relu slope must be finite, got " + alpha);
        }
    }

    @Override
    public double value(double x) {
        return x < 0 ? alpha * x : x;
    }

    @Override
    public double derivative(double x) {
        return x < 0 ? alpha : 1;
    }

    @Override
    public double[] kinks() {
        return new double[] {0};
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public String describe() {
        return "leaky-relu(" + alpha + ")";
    }
}
