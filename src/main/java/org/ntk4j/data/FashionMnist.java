package org.ntk4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.io.NtkIoException;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017), preprocessed by {@link Preprocess}. Read from a
 * directory of IDX files when one is given, else from the Debian package
 * {@code dataset-fashion-mnist} when installed, else from the subset embedded in the jar (the first
 * 2000 training and 1000 test images), so that the main job runs on a fresh machine.
 */
public final class FashionMnist {

    /** Where the Debian package {@code dataset-fashion-mnist} installs the data set. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Ten classes: T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot. */
    public static final int CLASSES = 10;
    /** Training images in the embedded subset. */
    public static final int EMBEDDED_TRAIN = 2000;
    /** Test images in the embedded subset. */
    public static final int EMBEDDED_TEST = 1000;

    private static final String RESOURCE_DIR = "/org/ntk4j/data/";

    private FashionMnist() {
    }

    /**
     * Preprocessed examples and their labels. The matrix and the array are fresh for each load
     * and belong to the caller; they are not copied on access.
     *
     * @param x      n × 784, each row centred with norm √784
     * @param labels n labels in 0..9
     */
    public record Split(DMatrixRMaj x, int[] labels) {
        /** n. */
        public int size() {
            return labels.length;
        }
    }

    /** A training and a test split, and where they came from (for reports). */
    public record Data(Split train, Split test, String source) {
    }

    /** The directory the data come from when {@code dir} is null: the package if installed, else none (embedded). */
    public static Path defaultDir() {
        return Files.isDirectory(SYSTEM_DIR) && Files.exists(file(SYSTEM_DIR, "train-images-idx3-ubyte")) ? SYSTEM_DIR : null;
    }

    /** How many training and test images the source holds: {full train, full test} or the embedded sizes. */
    public static int[] available(Path dir) throws IOException {
        if (dir == null) {
            return new int[] {EMBEDDED_TRAIN, EMBEDDED_TEST};
        }
        return new int[] {Idx.read(file(dir, "train-labels-idx1-ubyte")).items(),
            Idx.read(file(dir, "t10k-labels-idx1-ubyte")).items()};
    }

    /**
     * Loads the first nTrain training and nTest test examples.
     *
     * @param dir a directory with the four IDX files (gzip or plain), or null for the default
     *            ({@link #defaultDir()}, falling back to the embedded subset)
     * @throws IllegalArgumentException when the source holds fewer examples than asked for
     */
    public static Data load(Path dir, int nTrain, int nTest) throws IOException {
        if (nTrain < 1 || nTest < 1) {
            throw new IllegalArgumentException("need at least one training and one test example, asked for "
                    + nTrain + " and " + nTest);
        }
        Path from = dir != null ? dir : defaultDir();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new NtkIoException(dir + ": no such directory (expected the four Fashion-MNIST IDX files)");
        }
        return loadFrom(from, nTrain, nTest);
    }

    /** Loads the first nTrain ≤ 2000 and nTest ≤ 1000 examples of the subset embedded in the jar. */
    public static Data loadEmbedded(int nTrain, int nTest) throws IOException {
        if (nTrain < 1 || nTest < 1) {
            throw new IllegalArgumentException("need at least one training and one test example, asked for "
                    + nTrain + " and " + nTest);
        }
        return loadFrom(null, nTrain, nTest);
    }

    private static Data loadFrom(Path from, int nTrain, int nTest) throws IOException {
        String source = from == null ? "embedded subset (" + EMBEDDED_TRAIN + " train, " + EMBEDDED_TEST + " test)"
                : from.toString();
        Split train = split(from, "train", nTrain, source);
        Split test = split(from, "t10k", nTest, source);
        return new Data(train, test, source);
    }

    private static Split split(Path dir, String prefix, int n, String source) throws IOException {
        Idx.Array images = read(dir, prefix + "-images-idx3-ubyte", n);
        Idx.Array labels = read(dir, prefix + "-labels-idx1-ubyte", n);
        String which = prefix.equals("train") ? "training" : "test";
        if (images.items() < n || labels.items() < n) {
            throw new IllegalArgumentException("asked for " + n + " " + which + " examples but the " + source
                    + " has " + Math.min(images.items(), labels.items())
                    + (dir == null ? "; install the full data set (apt-get install dataset-fashion-mnist) or pass --data DIR"
                    : ""));
        }
        return new Split(Preprocess.images(images), Preprocess.labels(labels));
    }

    private static Idx.Array read(Path dir, String base, int n) throws IOException {
        if (dir != null) {
            return Idx.read(file(dir, base), n);
        }
        String name = RESOURCE_DIR + base.replace("-idx", "-" + (base.startsWith("train") ? EMBEDDED_TRAIN : EMBEDDED_TEST)
                + "-idx") + ".gz";
        try (InputStream in = FashionMnist.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new NtkIoException("the embedded Fashion-MNIST subset is missing from the class path (" + name + ")");
            }
            return Idx.read(in, "embedded " + name, n);
        }
    }

    /** base.gz if present, else base (the file names of the original distribution). */
    static Path file(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        return Files.exists(gz) ? gz : dir.resolve(base);
    }
}
