package org.ntk4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import org.ntk4j.data.FashionMnist;

/** Fashion-MNIST for the job: a directory of the IDX files, or the Debian package's by default. */
final class FashionMnistInput {

    private FashionMnistInput() {
    }

    static FashionMnist.Data load(String dir, int train, int test) throws IOException {
        if (dir.equals("embedded")) {
            return FashionMnist.loadEmbedded(train, test);
        }
        if (dir.equals("default") && FashionMnist.defaultDir() == null) {
            throw new IllegalArgumentException("Fashion-MNIST is not installed (apt-get install -y dataset-fashion-mnist),"
                    + " pass --fashion-mnist DIR, or --fashion-mnist embedded for the 2000/1000 subset in the jar");
        }
        return FashionMnist.load(dir.equals("default") ? null : Path.of(dir), train, test);
    }
}
