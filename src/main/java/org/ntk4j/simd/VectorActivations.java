package org.ntk4j.simd;

import org.ntk4j.math.ScalarMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.ntk4j.kernel.ABRelu;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Cos;
import org.ntk4j.kernel.Erf;
import org.ntk4j.kernel.Exp;
import org.ntk4j.kernel.Gaussian;
import org.ntk4j.kernel.Gelu;
import org.ntk4j.kernel.Polynomial;
import org.ntk4j.kernel.RectifiedMonomial;
import org.ntk4j.kernel.Sign;
import org.ntk4j.kernel.Sin;
import org.ntk4j.kernel.Step;

/**
 * φ and φ' of a finite network's layer, lane by lane: ABReLU and the step bit for bit as the
 * scalar twin (a compare mask and a blend per vector), erf and erf' within 4 ulp of it (each side
 * within 2 ulp of the true value; see {@link VectorMath} and {@link ScalarMath}). Tails run the
 * same code under a mask. One loop per activation, so that C2 inlines erf whole (a call it leaves
 * in place boxes the vectors).
 */
final class VectorActivations {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;

    private VectorActivations() {
    }

    static void apply(Activation phi, double[] in, double[] out, double[] deriv, int n) {
        switch (phi) {
            case ABRelu r -> abRelu(r.a(), r.b(), in, out, deriv, n);
            case Step s -> step(in, out, deriv, n);
            case Erf e -> {
                if (deriv != null) {   // before erf overwrites in when out == in
                    erfDerivative(in, deriv, n);
                }
                VectorMath.erf(in, out, n);
            }
            // the finite network's time goes to its matrix products: these take the scalar φ
            case Sign s -> scalar(phi, in, out, deriv, n);
            case RectifiedMonomial r -> scalar(phi, in, out, deriv, n);
            case Gelu g -> scalar(phi, in, out, deriv, n);
            case Sin s -> scalar(phi, in, out, deriv, n);
            case Cos c -> scalar(phi, in, out, deriv, n);
            case Gaussian g -> scalar(phi, in, out, deriv, n);
            case Exp e -> scalar(phi, in, out, deriv, n);
            case Polynomial q -> scalar(phi, in, out, deriv, n);
        }
    }

    /** φ and φ' one entry at a time, as the scalar reference computes them. */
    private static void scalar(Activation phi, double[] in, double[] out, double[] deriv, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[i];
            if (deriv != null) {
                deriv[i] = phi.derivative(x);
            }
            out[i] = phi.apply(x);
        }
    }

    private static void abRelu(double a, double b, double[] in, double[] out, double[] deriv, int n) {
        DoubleVector va = DoubleVector.broadcast(S, a);
        DoubleVector vb = DoubleVector.broadcast(S, b);
        for (int i = 0; i < n; i += S.length()) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, in, i, m);
            DoubleVector slope = vb.blend(va, x.compare(VectorOperators.LT, 0.0));
            x.mul(slope).intoArray(out, i, m);
            if (deriv != null) {
                slope.intoArray(deriv, i, m);
            }
        }
    }

    private static void step(double[] in, double[] out, double[] deriv, int n) {
        DoubleVector zero = DoubleVector.zero(S);
        for (int i = 0; i < n; i += S.length()) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, in, i, m);
            zero.blend(1.0, x.compare(VectorOperators.GT, 0.0)).intoArray(out, i, m);
            if (deriv != null) {
                zero.intoArray(deriv, i, m);
            }
        }
    }

    private static void erfDerivative(double[] in, double[] out, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            VectorMath.erfDerivative(DoubleVector.fromArray(S, in, i)).intoArray(out, i);
        }
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            VectorMath.erfDerivative(DoubleVector.fromArray(S, in, i, m)).intoArray(out, i, m);
        }
    }
}
