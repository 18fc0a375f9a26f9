package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog is the one list of layers: names are unique, samples build, the README shows it. */
class CatalogTest {

    @Test
    void namesAreUniqueLowerCaseAndEveryEntryHasASample() {
        Set<String> seen = new HashSet<>();
        for (Catalog.Entry e : Catalog.entries()) {
            assertTrue(seen.add(e.name()), "duplicate " + e.name());
            assertEquals(e.name().toLowerCase(java.util.Locale.ROOT), e.name());
            assertTrue(!e.samples().isEmpty(), e.name() + " has no sample");
            for (Layer l : e.sampleLayers()) {
                assertEquals(l, Stax.parse("dense," + l.describe() + ",dense").layers().get(1),
                        e.name() + ": a sample's description must parse back to it");
            }
        }
    }

    @Test
    void activationsByNameHonourTheirArity() {
        assertEquals(Stax.leakyRelu(0.2), Stax.activation("LEAKY-RELU", 0.2));
        assertEquals(Stax.abRelu(-1, 2), Stax.parseActivation(" abrelu( -1 , 2 ) "));
        String m = assertThrows(IllegalArgumentException.class, () -> Stax.activation("abrelu", 1)).getMessage();
        assertEquals("abrelu takes 2 arguments (A, B), got 1", m);
        m = assertThrows(IllegalArgumentException.class, () -> Stax.parseActivation("dense")).getMessage();
        assertTrue(m.contains("'dense' is not an activation"), m);
    }

    /** The README's layer table is the catalog's (regenerate with bin/ntk4j layers --markdown). */
    @Test
    void theReadmeListsTheCatalog() throws IOException {
        Path readme = Path.of(System.getProperty("user.dir"), "README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf("<!-- catalog:begin");
        int end = text.indexOf("<!-- catalog:end -->");
        assertTrue(begin >= 0 && end > begin, "README.md has no catalog block");
        String block = text.substring(text.indexOf('\n', begin) + 1, end);
        assertEquals(Catalog.markdownTable(), block, "README.md's layer table differs from the catalog:"
                + " paste the output of bin/ntk4j layers --markdown between the catalog markers");
    }
}
