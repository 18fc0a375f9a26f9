package org.ntk4j.recursion;

/**
 * Arc-cosine kernels: expectations of ReLU-like functions of a centred Gaussian pair (u, v) with
 * E[u²] = k11, E[v²] = k22, E[uv] = k12 (Cho &amp; Saul 2009, "Kernel methods for deep learning").
 *
 * <p>With cos θ = k12 / sqrt(k11 k22), the order-1 kernel is
 * E[relu(u) relu(v)] = sqrt(k11 k22) / (2π) (sin θ + (π − θ) cos θ) and the order-0 kernel is
 * E[step(u) step(v)] = (π − θ) / (2π). These are half of Cho &amp; Saul's k_1 and k_0, whose
 * normalisation carries a factor 2. The scalar reference: written for clarity with {@link Math}.
 */
public final class ArcCosine {

    private static final double TWO_PI = 2 * Math.PI;

    private ArcCosine() {
    }

    /**
     * cos θ = k12 / sqrt(k11 k22), clamped to [−1, 1]. Exactly 1 when k12 == k11 == k22, because
     * a correctly rounded sqrt of a correctly rounded square returns the original number.
     */
    public static double cosine(double k12, double k11, double k22) {
        double c = k12 / Math.sqrt(k11 * k22);
        return Math.min(1.0, Math.max(-1.0, c));
    }

    /** E[relu(u) relu(v)] = sqrt(k11 k22)/(2π) (sin θ + (π − θ) cos θ). */
    public static double reluNngp(double k12, double k11, double k22) {
        double c = cosine(k12, k11, k22);
        double theta = Math.acos(c);
        double sin = Math.sqrt((1 - c) * (1 + c));
        return Math.sqrt(k11 * k22) / TWO_PI * (sin + (Math.PI - theta) * c);
    }

    /** E[step(u) step(v)] = (π − θ)/(2π): the NNGP of the step and the NTK derivative term of ReLU. */
    public static double stepNngp(double k12, double k11, double k22) {
        return (Math.PI - Math.acos(cosine(k12, k11, k22))) / TWO_PI;
    }

    /**
     * E[φ(u) φ(v)] for φ(x) = a x (x &lt; 0), b x (x &gt; 0): since φ(x) = a x + (b − a) relu(x) and
     * E[u relu(v)] = k12 / 2, it is (b − a)² E[relu relu] + a b k12.
     */
    public static double abReluNngp(double a, double b, double k12, double k11, double k22) {
        if (a == b) {
            return a * a * k12;
        }
        return (b - a) * (b - a) * reluNngp(k12, k11, k22) + a * b * k12;
    }

    /**
     * Cho &amp; Saul's J_n(θ) for n = 0 .. 4, with c = cos θ, s = sin θ, from
     * J_n = (−1)^n s^(2n+1) (1/s ∂/∂θ)^n ((π − θ)/s):
     * J_0 = π − θ, J_1 = s + (π − θ) c, J_2 = 3 s c + (π − θ)(1 + 2c²),
     * J_3 = s (11 c² + 4) + (π − θ)(6 c³ + 9 c), J_4 = s c (50 c² + 55) + (π − θ)(24 c⁴ + 72 c² + 9).
     */
    public static double j(int n, double theta, double c, double s) {
        double pm = Math.PI - theta;
        return switch (n) {
            case 0 -> pm;
            case 1 -> s + pm * c;
            case 2 -> 3 * s * c + pm * (1 + 2 * c * c);
            case 3 -> s * (11 * c * c + 4) + pm * (6 * c * c * c + 9 * c);
            case 4 -> s * c * (50 * c * c + 55) + pm * (24 * c * c * c * c + 72 * c * c + 9);
            default -> throw new IllegalArgumentException("arc-cosine order " + n + " is outside 0 .. 4");
        };
    }

    /** E[u_+^n v_+^n] = (k11 k22)^(n/2) J_n(θ)/(2π): the arc-cosine kernel of order n. */
    public static double order(int n, double k12, double k11, double k22) {
        double c = cosine(k12, k11, k22);
        double theta = Math.acos(c);
        double s = Math.sqrt((1 - c) * (1 + c));
        return power(k11 * k22, n) / TWO_PI * j(n, theta, c, s);
    }

    /**
     * p^(n/2) for n = 0 .. 4 by multiplications and one square root: correctly rounded
     * operations only, so the bits do not depend on whether the JIT has replaced Math.pow.
     */
    public static double power(double p, int n) {
        return switch (n) {
            case 0 -> 1.0;
            case 1 -> Math.sqrt(p);
            case 2 -> p;
            case 3 -> p * Math.sqrt(p);
            case 4 -> p * p;
            default -> throw new IllegalArgumentException("arc-cosine order " + n + " is outside 0 .. 4");
        };
    }

    /**
     * E[φ'(u) φ'(v)] = (a² + b²)(π − θ)/(2π) + a b θ/π: same-sign quadrants have probability
     * (π − θ)/(2π) each, opposite-sign ones θ/(2π) each.
     */
    public static double abReluTdot(double a, double b, double k12, double k11, double k22) {
        if (a == b) {
            return a * a;
        }
        double theta = Math.acos(cosine(k12, k11, k22));
        return (a * a + b * b) * ((Math.PI - theta) / TWO_PI) + a * b * (theta / Math.PI);
    }
}
