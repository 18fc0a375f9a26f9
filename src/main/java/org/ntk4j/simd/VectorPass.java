package org.ntk4j.simd;

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
 * One activation of the recursion, vectorised: a pass over a {@link Block} that maps the state
 * entering the activation (or, if it {@link #fuses}, entering the dense op before it) to the
 * state after it. Each pass is one method whose loops contain only Vector API operations and the
 * calls C2 inlines ({@link VectorMath#arcTail}): C2 stops inlining at a node budget per
 * compilation (about 90 vector operations in these loops; PrintInlining reports
 * "NodeCountInliningCutoff"), and a vector that crosses a call it leaves in place gets boxed
 * (measured: hundreds of MB allocated per tile sweep, several times slower).
 */
abstract class VectorPass {

    /** True when {@link #run} applies the dense op of its {@link Fold} itself. */
    abstract boolean fuses();

    /**
     * Runs the pass over the block; p is the activation's op, whose diagonals and factors the
     * pass reads from the block's tables. fold: the dense op before it and what else to fold in,
     * or null when the pass does not fuse.
     */
    abstract void run(Block b, int p, Fold fold);

    /** The vector pass of an activation: one case per closed form, checked by the compiler. */
    static VectorPass of(Activation a) {
        return switch (a) {
            case ABRelu r -> r.a() == r.b() ? new LinearPass(r.a() * r.a()) : new AbReluPass(r.a(), r.b());
            case Erf e -> new ErfPass();
            case Step s -> new StepPass(false);
            case Sign s -> new StepPass(true);
            case RectifiedMonomial r -> new RectifiedPass(r.n());
            case Gelu g -> new GeluPass();
            case Sin s -> new TrigPass(true);
            case Cos c -> new TrigPass(false);
            case Gaussian g -> new GaussianPass();
            case Exp e -> new ExpPass();
            case Polynomial q -> new PolynomialPass(q.degree(), q.derivativeDegree());
        };
    }
}
