package org.ntk4j.cli;

import java.util.concurrent.Callable;
import org.ntk4j.kernel.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntk4j layers}: the layers the --net grammar knows, with their formulas. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "Lists the layers of the --net grammar: name, arguments, φ(x) or map, and how the kernel is computed.")
final class LayersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print a Markdown table (the README's).")
    boolean markdown;

    @Override
    public Integer call() {
        if (markdown) {
            spec.commandLine().getOut().print(Catalog.markdownTable());
            spec.commandLine().getOut().flush();
            return 0;
        }
        for (Catalog.Entry e : Catalog.entries()) {
            spec.commandLine().getOut().printf("%-26s %-12s %s%n", e.usage(),
                    e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), e.formula());
        }
        return 0;
    }
}
