package org.ntk4j.kernel;

/**
 * One layer of a fully-connected network description: small, immutable, and the same object for
 * the finite network and its infinite-width kernel. Compose layers with {@link Stax#serial}.
 */
public sealed interface Layer permits Dense, Activation {

    /** A short name for messages and reports, e.g. "dense(1.5, 0.05)" or "relu". */
    String describe();
}
