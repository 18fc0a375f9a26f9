package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of the library is either exported by module-info.java or one of the internal
 * packages named here, so a new package has to be placed on one side on purpose.
 */
class ModuleInfoTest {

    /** Hot-loop formulas, special functions and numerical kernel maps: reached through the API only. */
    private static final Set<String> INTERNAL = Set.of("org.ntk4j.math", "org.ntk4j.recursion",
            "org.ntk4j.numerical", "org.ntk4j.cli");

    @Test
    void everyPackageIsExportedOrDeclaredInternal() throws IOException {
        Path src = Path.of(System.getProperty("user.dir"), "src", "main", "java");
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java"))
                    .forEach(f -> packages.add(src.relativize(f.getParent()).toString().replace('/', '.')));
        }
        Set<String> exported = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;").matcher(Files.readString(src.resolve("module-info.java")));
        while (m.find()) {
            exported.add(m.group(1));
        }
        Set<String> placed = new TreeSet<>(exported);
        placed.addAll(INTERNAL);
        assertEquals(packages, placed, "module-info.java exports, plus the internal packages, must be exactly the packages");
        Set<String> both = new TreeSet<>(exported);
        both.retainAll(INTERNAL);
        assertEquals(Set.of(), both, "a package is exported or internal, not both");
    }
}
