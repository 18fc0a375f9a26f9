package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createsAndReplaces() throws IOException {
        Path target = dir.resolve("t.bin");
        AtomicFile.write(target, out -> out.write(bytes("first")));
        assertEquals("first", Files.readString(target));
        AtomicFile.write(target, out -> out.write(bytes("second, longer")));
        assertEquals("second, longer", Files.readString(target));
        assertEquals(List.of("t.bin"), names());
    }

    @Test
    void writesThroughAHiddenTempFileInTheSameDirectory() throws IOException {
        Path target = dir.resolve("t.bin");
        AtomicFile.write(target, out -> {
            out.write(bytes("x"));
            List<String> during = names();
            assertEquals(1, during.size());
            assertTrue(during.get(0).matches("\\.t\\.bin\\.tmp-[0-9a-f]+"), during.get(0));
            assertTrue(Files.notExists(target), "target appears only when complete");
        });
        assertEquals(List.of("t.bin"), names());
    }

    @Test
    void failingBodyLeavesOldContentAndNoTempFile() throws IOException {
        Path target = Files.writeString(dir.resolve("t.bin"), "old");
        IOException failure = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write(new byte[100_000]); // past the stream's buffer, so bytes reach the temp file
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("t.bin"), names());
    }

    @Test
    void uncheckedFailureAlsoCleansUp() throws IOException {
        Path target = dir.resolve("new.bin");
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(target, out -> {
            out.write(bytes("partial"));
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of(), names());
    }

    @Test
    void bodyMayCloseTheStream() throws IOException {
        Path target = dir.resolve("t.bin");
        AtomicFile.write(target, out -> {
            out.write(bytes("closed"));
            out.close();
        });
        assertEquals("closed", Files.readString(target));
    }

    @Test
    void missingDirectoryIsAnError() {
        Path target = dir.resolve("missing/t.bin");
        NtkIoException e = assertThrows(NtkIoException.class, () -> AtomicFile.write(target, out -> { }));
        assertEquals("cannot write " + target + ": directory " + dir.resolve("missing") + " does not exist",
                e.getMessage());
        assertTrue(Files.notExists(dir.resolve("missing")), "no directory is created");
    }

    @Test
    void parentThatIsAFileIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "");
        Path target = file.resolve("t.bin");
        NtkIoException e = assertThrows(NtkIoException.class, () -> AtomicFile.write(target, out -> { }));
        assertEquals("cannot write " + target + ": directory " + file + " is not a directory", e.getMessage());
    }

    @Test
    void targetThatIsADirectoryFailsCleanly() throws IOException {
        Path target = Files.createDirectory(dir.resolve("d"));
        Files.writeString(target.resolve("inside"), "keep");
        assertThrows(IOException.class, () -> AtomicFile.write(target, out -> out.write(1)));
        assertEquals(List.of("d"), names());
        assertEquals("keep", Files.readString(target.resolve("inside")));
    }
}
