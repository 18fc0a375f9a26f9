package org.ntk4j.spark;

import java.util.concurrent.ConcurrentHashMap;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;

/**
 * Networks travel to executors as their {@code --net} text (Network is not Serializable;
 * {@link Stax#parse} reads {@link Network#toString} back to an equal network) and are parsed once
 * per JVM.
 */
final class Nets {

    private static final ConcurrentHashMap<String, Network> PARSED = new ConcurrentHashMap<>();

    private Nets() {
    }

    static Network of(String spec) {
        return PARSED.computeIfAbsent(spec, Stax::parse);
    }
}
