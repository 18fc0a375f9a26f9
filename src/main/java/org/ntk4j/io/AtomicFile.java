package org.ntk4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see either the old content or the complete new one, never a part.
 *
 * <p>No fsync: this guards against failing writers and concurrent readers, not against power loss.
 */
public final class AtomicFile {

    private static final int NAME_ATTEMPTS = 10;

    private AtomicFile() {
    }

    /**
     * Writes {@code target} with {@code body}, via a hidden temporary file {@code .<name>.tmp-<random>}
     * in the same directory that then replaces the target. If anything fails, the temporary file is
     * deleted and the target is untouched. The directory must exist.
     *
     * @param target the file to create or replace
     * @param body   writes the content; it need not close the stream
     */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) {
            throw new NtkIoException("cannot write " + target + ": not a file path");
        }
        if (!Files.isDirectory(dir)) {
            String problem = Files.exists(dir) ? " is not a directory" : " does not exist";
            throw new NtkIoException("cannot write " + target + ": directory " + dir + problem);
        }
        Path temp = createTemp(target, dir, absolute.getFileName().toString());
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                body.accept(out);
            }
            replace(temp, absolute);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
    }

    // Same directory because a rename is atomic only within one file system. Not Files.createTempFile:
    // it makes the file owner-only, and the target would inherit that after the rename.
    private static Path createTemp(Path target, Path dir, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
            try {
                return Files.createFile(dir.resolve("." + name + ".tmp-" + suffix));
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_ATTEMPTS) {
                    throw e;
                }
            } catch (AccessDeniedException e) {
                throw new NtkIoException("cannot write " + target + ": permission denied in " + dir, e);
            }
        }
    }

    private static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems (e.g. certain network mounts) cannot rename atomically: a plain replace
            // still never exposes a half-written file, only a short window without the target.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
