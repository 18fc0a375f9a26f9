package org.ntk4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ejml.data.DMatrixRMaj;

/**
 * Where a task finds the rows of an input matrix it needs: a copy broadcast to every executor
 * (small inputs), or the .npy file itself, read block by block (inputs too large to broadcast).
 */
public interface RowSource extends Serializable {

    /** n. */
    int rows();

    /** d. */
    int cols();

    /** Rows [r0, r0 + count) as a fresh count × d matrix. */
    DMatrixRMaj block(int r0, int count);

    /** x broadcast once to every executor (n · d · 8 bytes each). x: not modified (copied). */
    static RowSource broadcast(JavaSparkContext sc, DMatrixRMaj x) {
        double[] copy = java.util.Arrays.copyOf(x.data, x.numRows * x.numCols);
        return new Broadcasted(sc.broadcast(copy), x.numRows, x.numCols);
    }

    /** Blocks read from the .npy file (through the Hadoop FileSystem API) by the task that needs them. */
    static RowSource file(NpyFs.Header header, HadoopConf conf) {
        return new FileRows(header, conf);
    }

    /** Rows held in a broadcast variable. */
    record Broadcasted(Broadcast<double[]> data, int rows, int cols) implements RowSource {
        @Override
        public DMatrixRMaj block(int r0, int count) {
            DMatrixRMaj out = new DMatrixRMaj(count, cols);
            System.arraycopy(data.value(), r0 * cols, out.data, 0, count * cols);
            return out;
        }
    }

    /** Rows read from a .npy file per block. */
    record FileRows(NpyFs.Header header, HadoopConf conf) implements RowSource {
        @Override
        public int rows() {
            return header.rows();
        }

        @Override
        public int cols() {
            return header.cols();
        }

        @Override
        public DMatrixRMaj block(int r0, int count) {
            try {
                return NpyFs.readRows(header, r0, count, conf.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
