package org.ntk4j.numerical;

/**
 * The activations with no closed-form kernel (tanh, sigmoid, softplus, silu, elu), and a few with
 * one (relu, abs, step, sign, sin, erf, exp) that serve as building blocks of compositions and as
 * checks of the numerical path against their closed forms. Definitions as in issue 14: sigmoid
 * 1/(1 + e^−x), softplus log(1 + e^x), silu x·sigmoid(x), elu x (x &gt; 0), e^x − 1 (x ≤ 0).
 */
public enum Builtin implements Pointwise {
    TANH {
        public double value(double x) {
            return Math.tanh(x);
        }

        public double derivative(double x) {
            double c = Math.cosh(x); // 1/cosh² has no cancellation, unlike 1 − tanh²; Inf → 0
            return 1 / (c * c);
        }
    },
    SIGMOID {
        public double value(double x) {
            return sigmoid(x);
        }

        public double derivative(double x) {
            double e = Math.exp(-Math.abs(x));
            return e / ((1 + e) * (1 + e));
        }
    },
    SOFTPLUS {
        public double value(double x) {
            return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        }

        public double derivative(double x) {
            return sigmoid(x);
        }
    },
    SILU {
        public double value(double x) {
            return x * sigmoid(x);
        }

        public double derivative(double x) {
            double s = sigmoid(x);
            return s + x * s * (1 - s);
        }
    },
    ELU(0) {
        public double value(double x) {
            return x > 0 ? x : Math.expm1(x);
        }

        public double derivative(double x) {
            return x > 0 ? 1 : Math.exp(x);
        }
    },
    RELU(0) {
        public double value(double x) {
            return Math.max(x, 0);
        }

        public double derivative(double x) {
            return x > 0 ? 1 : 0;
        }
    },
    ABS(0) {
        public double value(double x) {
            return Math.abs(x);
        }

        public double derivative(double x) {
            return x > 0 ? 1 : x < 0 ? -1 : 0;
        }
    },
    STEP(0) {
        public double value(double x) {
            return x > 0 ? 1 : 0;
        }

        public double derivative(double x) {
            return 0;
        }

        public boolean continuous() {
            return false;
        }
    },
    SIGN(0) {
        public double value(double x) {
            return Math.signum(x);
        }

        public double derivative(double x) {
            return 0;
        }

        public boolean continuous() {
            return false;
        }
    },
    SIN {
        public double value(double x) {
            return Math.sin(x);
        }

        public double derivative(double x) {
            return Math.cos(x);
        }
    },
    ERF {
        public double value(double x) {
            return org.ntk4j.math.ScalarMath.erf(x);
        }

        public double derivative(double x) {
            return org.ntk4j.math.ScalarMath.erfDerivative(x);
        }
    },
    EXP {
        public double value(double x) {
            return Math.exp(x);
        }

        public double derivative(double x) {
            return Math.exp(x);
        }
    };

    private final double[] kinks;

    Builtin(double... kinks) {
        this.kinks = kinks;
    }

    @Override
    public double[] kinks() {
        return kinks.clone();
    }

    @Override
    public boolean continuous() {
        return true;
    }

    /** The lower-case name, e.g. "tanh". */
    @Override
    public String describe() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static double sigmoid(double x) {
        // e^-|x| never overflows; the two branches are the same function
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
