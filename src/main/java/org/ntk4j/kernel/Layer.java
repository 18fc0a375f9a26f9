package org.ntk4j.kernel;

/**
 * One layer of a network description: small, immutable, and the same object for the finite
 * network and its infinite-width kernel. Compose layers with {@link Stax#serial} or parse them
 * from a spec with {@link Stax#parse}; the {@link Catalog} lists every kind.
 */
public sealed interface Layer permits Dense, Activation {

    /** The layer in the {@code --net} grammar, e.g. "dense(1.5, 0.05)" or "leaky-relu(0.1)". */
    String describe();
}
