package org.ntk4j.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, so that I/O bodies can be lambdas.
 *
 * @param <T> what is consumed
 */
@FunctionalInterface
public interface IoConsumer<T> {

    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
}
