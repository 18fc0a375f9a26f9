package org.ntk4j.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that ntk4j cannot use: missing, unreadable or malformed.
 * The message is one line that names the file and the problem, fit to show a user as is.
 */
public final class NtkIoException extends IOException {

    public NtkIoException(String message) {
        super(message);
    }

    public NtkIoException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "<file>: <problem>"}. */
    static NtkIoException of(Path file, String problem) {
        return new NtkIoException(file + ": " + problem);
    }
}
