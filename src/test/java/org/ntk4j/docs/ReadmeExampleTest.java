package org.ntk4j.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.data.FashionMnist;
import org.ntk4j.data.Preprocess;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import org.ntk4j.linalg.Solver;
import org.ntk4j.predict.Classification;
import org.ntk4j.predict.GpPosterior;

/**
 * The README's library example is this test's code, line for line (so it compiles against the
 * current API), and it does what the README says: it classifies, and it leaves the caller's
 * kernels as they were.
 */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRunsAndLeavesTheTrainKernelIntact() throws Exception {
        // example:begin
        FashionMnist.Data data = FashionMnist.loadEmbedded(1000, 500);  // preprocessed, 784 values per row
        Network net = Stax.parse("dense(1.5, 0.05), relu, dense(1.5, 0.05), relu, dense(1.5, 0.05)");
        Kernels train = net.kernels(data.train().x());                  // NNGP and NTK, 1000 × 1000
        Kernels test = net.kernels(data.test().x(), data.train().x());  // 500 × 1000
        DMatrixRMaj y = Preprocess.oneHotMinusTenth(data.train().labels(), FashionMnist.CLASSES);
        GpPosterior gp = GpPosterior.fit(train.nngp(), y, 1e-6, Solver.defaults());
        double accuracy = Classification.accuracy(gp.mean(test.nngp()), data.test().labels());
        // example:end

        // An NNGP on 1 000 images of this subset classifies far above chance (10 %); the main job
        // at 2 000 / 1 000 reaches about 85 %.
        assertTrue(accuracy > 0.75, "accuracy " + accuracy);
        DMatrixRMaj again = net.kernels(data.train().x()).nngp();
        assertArrayEquals(again.data, train.nngp().data, "GpPosterior.fit changed the caller's kernel");
    }

    @Test
    void theReadmeShowsThisCode() throws Exception {
        Path root = Path.of(System.getProperty("user.dir"));
        String readme = Files.readString(root.resolve("README.md"));
        String source = Files.readString(root.resolve("src/test/java/org/ntk4j/docs/ReadmeExampleTest.java"));
        String fromTest = between(source, "// example:begin\n", "        // example:end");
        int at = readme.indexOf("<!-- example:begin");
        assertTrue(at >= 0, "README.md has no example block");
        String block = between(readme.substring(at), "```java\n", "```");
        String body = block.substring(block.indexOf("\n\n") + 2);   // after the imports
        assertEquals(strip(fromTest), strip(body), "README.md's example differs from ReadmeExampleTest");
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from);
        int b = s.indexOf(to, a + from.length());
        assertTrue(a >= 0 && b > a, "markers " + from.strip() + " … " + to.strip() + " not found");
        return s.substring(a + from.length(), b);
    }

    /** Each line without its indentation, so the README can show the code unindented. */
    private static String strip(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
