package org.ntk4j.spark;

/** Columns of the train kernels at chosen points: what a low-rank preconditioner needs. */
@FunctionalInterface
public interface KernelColumns {

    /**
     * K_s(x_i, x_p) for every row i, each point p in points, and s = NNGP, NTK.
     *
     * @param points row indices; not modified
     * @return out[s], n × points.length row-major
     */
    double[][] columns(int[] points);
}
