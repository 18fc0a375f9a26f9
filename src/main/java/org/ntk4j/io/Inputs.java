package org.ntk4j.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens input files, turning the usual failures into one-line {@link NtkIoException}s. */
final class Inputs {

    private Inputs() {
    }

    static FileChannel channel(Path path) throws IOException {
        requireNotDirectory(path);
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw cannotOpen(path, e);
        }
    }

    /** A UTF-8 reader that replaces undecodable bytes rather than failing: only numbers matter. */
    static BufferedReader reader(Path path) throws IOException {
        requireNotDirectory(path);
        try {
            return new BufferedReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw cannotOpen(path, e);
        }
    }

    // Opening a directory succeeds on Linux and only the first read fails, with a vaguer message.
    private static void requireNotDirectory(Path path) throws NtkIoException {
        if (Files.isDirectory(path)) {
            throw NtkIoException.of(path, "is a directory, not a file");
        }
    }

    private static NtkIoException cannotOpen(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return NtkIoException.of(path, "no such file");
        }
        if (e instanceof AccessDeniedException) {
            return NtkIoException.of(path, "permission denied");
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return new NtkIoException(path + ": cannot open (" + reason + ")", e);
    }
}
