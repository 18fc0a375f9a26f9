/**
 * ntk4j: infinite-width neural-network kernels. Exports the API packages only; the hot loops
 * ({@code simd}), the special functions ({@code math}), the shared kernel formulas
 * ({@code recursion}) and the numerical kernel maps stay inside the module.
 */
module org.ntk4j {
    requires jdk.incubator.vector;
    requires transitive ejml.core;
    requires ejml.ddense;
    requires info.picocli;
    requires java.management;

    exports org.ntk4j.kernel;
    exports org.ntk4j.finite;
    exports org.ntk4j.predict;
    exports org.ntk4j.linalg;
    exports org.ntk4j.data;
    exports org.ntk4j.io;
    exports org.ntk4j.simd;
    exports org.ntk4j.exec;
    exports org.ntk4j.train;
    opens org.ntk4j.cli to info.picocli;
}
