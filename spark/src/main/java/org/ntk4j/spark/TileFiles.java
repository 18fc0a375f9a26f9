package org.ntk4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.ntk4j.kernel.Network;

/**
 * Tiles on any Hadoop file system (a local path, file://, hdfs://): each task writes its tile as
 * {@code nngp-BI-BJ.npy} and {@code ntk-BI-BJ.npy} ('&lt;f8', rows × cols), then the driver writes
 * {@code manifest.json} naming the grid and every file with its row and column offsets. The
 * manifest is written last, so a directory with a manifest is complete.
 */
public final class TileFiles {

    /** Format tag of the manifest. */
    public static final String FORMAT = "ntk4j-tiles/1";

    private TileFiles() {
    }

    /** Writes the tiles and then the manifest into dir (created if missing). */
    public static void write(JavaSparkContext sc, JavaRDD<TileData> tiles, TileGrid grid, Network net, String dir) {
        HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
        try {
            Path d = new Path(dir);
            FileSystem fs = NpyFs.fileSystem(d, conf.get());
            fs.mkdirs(d);
            Path manifest = new Path(d, "manifest.json");
            if (fs.exists(manifest)) {
                fs.delete(manifest, false); // the old manifest must not describe a half-written set
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        tiles.foreach(t -> {
            Configuration c = conf.get();
            NpyFs.write(dir + "/" + name("nngp", t), t.rows(), t.cols(), t.nngp(), c);
            NpyFs.write(dir + "/" + name("ntk", t), t.rows(), t.cols(), t.ntk(), c);
        });
        writeText(dir + "/manifest.json", Json.write(manifest(grid, net)), conf.get());
    }

    /** File name of a tile of one kernel. */
    public static String name(String kernel, TileData t) {
        return kernel + "-" + t.bi() + "-" + t.bj() + ".npy";
    }

    static Map<String, Object> manifest(TileGrid grid, Network net) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("network", net.toString());
        m.put("rows", grid.rows());
        m.put("cols", grid.cols());
        m.put("tile", grid.size());
        m.put("symmetric", grid.symmetric());
        m.put("note", grid.symmetric() ? "tiles (bi, bj) with bi <= bj; tile (bj, bi) is the transpose of (bi, bj)"
                : "every tile");
        List<Object> files = new ArrayList<>();
        for (TileGrid.Id id : grid.tiles()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("bi", id.bi());
            f.put("bj", id.bj());
            f.put("row0", grid.start(id.bi()));
            f.put("rows", grid.rowCount(id.bi()));
            f.put("col0", grid.start(id.bj()));
            f.put("cols", grid.colCount(id.bj()));
            TileData probe = new TileData(id.bi(), id.bj(), 0, 0, null, null);
            f.put("nngp", name("nngp", probe));
            f.put("ntk", name("ntk", probe));
            files.add(f);
        }
        m.put("files", files);
        return m;
    }

    /** Writes text to path through the Hadoop FileSystem, via a temporary file renamed into place. */
    static void writeText(String path, String text, Configuration conf) {
        try {
            Path target = new Path(path);
            FileSystem fs = NpyFs.fileSystem(target, conf);
            Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + System.nanoTime());
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                fs.delete(tmp, false);
                throw new IOException("could not rename " + tmp + " to " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }
}
