package org.ntk4j.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.io.NtkIoException;

/** The job's checks on its inputs and output directory, before any work. */
final class Inputs {

    private Inputs() {
    }

    /** train-x, train-y, test-x: matching rows and columns. */
    static void requireShapes(NpyFs.Header[] h) {
        if (h[1].rows() != h[0].rows()) {
            throw new IllegalArgumentException("--train-y has " + h[1].rows() + " rows but --train-x has " + h[0].rows());
        }
        if (h[2].cols() != h[0].cols()) {
            throw new IllegalArgumentException("--test-x has " + h[2].cols() + " columns but --train-x has " + h[0].cols());
        }
    }

    /** The matrix when it is at most limitMib (or must be read anyway), else null: tasks read it per block. */
    static DMatrixRMaj readIfSmall(NpyFs.Header h, long limitMib, Configuration conf, boolean force) throws IOException {
        long bytes = 8L * h.rows() * h.cols();
        return force || bytes <= limitMib << 20 ? NpyFs.readRows(h, 0, h.rows(), conf) : null;
    }

    /** Targets with finite values. */
    static DMatrixRMaj targets(DMatrixRMaj y, NpyFs.Header h) {
        for (int i = 0; i < y.numRows * y.numCols; i++) {
            if (!Double.isFinite(y.data[i])) {
                throw new IllegalArgumentException(h.path() + " row " + i / y.numCols + ", column " + i % y.numCols + " is "
                        + y.data[i] + ": targets must be finite");
            }
        }
        return y;
    }

    /** Creates the output directory, or refuses a path that is a file. */
    static void requireOutputDir(String dir, Configuration conf) throws IOException {
        Path p = new Path(dir);
        FileSystem fs = NpyFs.fileSystem(p, conf);
        if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
            throw new NtkIoException(dir + ": exists and is not a directory (--out names a directory)");
        }
        if (!fs.mkdirs(p)) {
            throw new NtkIoException(dir + ": cannot create the output directory");
        }
    }
}
