package org.ntk4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.kernel.Diagonals;
import org.ntk4j.kernel.KernelTiles;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Tile;
import org.ntk4j.simd.Simd;

/**
 * Train-kernel columns at chosen points, one task per row block: the block's rows against the
 * points, with the same per-tile code as the kernel tiles. The points' rows are read on the
 * driver and broadcast.
 */
final class SparkColumns implements KernelColumns {

    private final JavaSparkContext sc;
    private final String spec;
    private final RowSource x;
    private final int block;
    private final Simd.Impl impl;
    private int jobs;

    SparkColumns(JavaSparkContext sc, Network net, RowSource x, int block, Simd.Impl impl) {
        this.sc = sc;
        this.spec = net.toString();
        this.x = x;
        this.block = block;
        this.impl = impl;
    }

    /** Jobs run so far (one per call). */
    int jobs() {
        return jobs;
    }

    @Override
    public double[][] columns(int[] points) {
        int m = points.length;
        int d = x.cols();
        int n = x.rows();
        DMatrixRMaj pts = new DMatrixRMaj(m, d);
        for (int c = 0; c < m; c++) {
            System.arraycopy(x.block(points[c], 1).data, 0, pts.data, c * d, d);
        }
        Broadcast<double[]> bp = sc.broadcast(pts.data);
        try {
            int blocks = (n + block - 1) / block;
            List<Integer> ids = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                ids.add(b);
            }
            String net = spec;
            RowSource src = x;
            int size = block;
            Simd.Impl im = impl;
            jobs++;
            List<double[][]> parts = sc.parallelize(ids, blocks).map(b -> {
                Network nw = Nets.of(net);
                int r0 = b * size;
                int rows = Math.min(size, n - r0);
                DMatrixRMaj a = src.block(r0, rows);
                DMatrixRMaj p = DMatrixRMaj.wrap(m, d, bp.value());
                Tile t = KernelTiles.tile(nw, a, p, Diagonals.compute(nw, a, im, "x rows from " + r0 + ","),
                        Diagonals.compute(nw, p, im, "pivot rows"), im);
                return new double[][] {t.nngp().data, t.ntk().data};
            }).collect();
            double[][] out = {new double[n * m], new double[n * m]};
            for (int b = 0; b < blocks; b++) {
                for (int s = 0; s < 2; s++) {
                    System.arraycopy(parts.get(b)[s], 0, out[s], b * size * m, parts.get(b)[s].length);
                }
            }
            return out;
        } finally {
            bp.destroy();
        }
    }
}
