package org.ntk4j.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The enum options: values as users type them (lower case, '-' for '_'; the enums' toString,
 * which picocli's {@code ${COMPLETION-CANDIDATES}} lists, so the help shows exactly the constants
 * the code has), parsed in any case, with an error that names the choices.
 */
final class Choices {

    private Choices() {
    }

    /** Parses a value as {@link #spelling} writes it, in any case; names the choices otherwise. */
    static <E extends Enum<E>> CommandLine.ITypeConverter<E> converter(Class<E> type) {
        return s -> {
            for (E e : type.getEnumConstants()) {
                if (spelling(e).equalsIgnoreCase(s.strip()) || e.name().equalsIgnoreCase(s.strip())) {
                    return e;
                }
            }
            throw new CommandLine.TypeConversionException("'" + s + "' is not one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Choices::spelling).toList()));
        };
    }

    /** Registers the converters of every enum the commands take. */
    static void register(CommandLine cl) {
        cl.registerConverter(org.ntk4j.simd.Simd.Impl.class, converter(org.ntk4j.simd.Simd.Impl.class));
        cl.registerConverter(org.ntk4j.linalg.Cholesky.Method.class, converter(org.ntk4j.linalg.Cholesky.Method.class));
        cl.registerConverter(org.ntk4j.finite.EmpiricalNtk.Mode.class, converter(org.ntk4j.finite.EmpiricalNtk.Mode.class));
        cl.registerConverter(org.ntk4j.finite.EmpiricalNtk.Method.class, converter(org.ntk4j.finite.EmpiricalNtk.Method.class));
        cl.registerConverter(KernelKind.class, converter(KernelKind.class));
        cl.registerConverter(org.ntk4j.train.Loss.class, converter(org.ntk4j.train.Loss.class));
        cl.registerConverter(org.ntk4j.train.Optimizer.class, converter(org.ntk4j.train.Optimizer.class));
        cl.registerConverter(org.ntk4j.train.Parameterization.class, converter(org.ntk4j.train.Parameterization.class));
    }

    /** How a constant is written on the command line. */
    static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Which kernel a prediction uses. */
    enum KernelKind {
        NNGP, NTK;

        @Override
        public String toString() {
            return spelling(this);
        }
    }
}
