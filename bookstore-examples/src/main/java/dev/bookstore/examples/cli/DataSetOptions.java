package dev.bookstore.examples.cli;

import dev.bookstore.model.generator.GeneratorOptions;
import java.util.Locale;
import java.util.function.UnaryOperator;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The data-set options shared by {@code generate} and {@code quickstart}, applied one by one to
 * {@link GeneratorOptions}; a value the generator rejects is a usage error naming the option. Defaults shown in
 * the help come from {@link GeneratorOptions#defaults()} through {@link Defaults}.
 */
final class DataSetOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private GeneratorOptions options = GeneratorOptions.defaults();

    /** The generator options after every given option was applied. */
    GeneratorOptions options() {
        return options;
    }

    @Option(names = "--customers", paramLabel = "N", description = "Customers to generate (default: ${DEFAULT-VALUE}).")
    void customers(int n) {
        apply("--customers", o -> o.withCustomers(n));
    }

    @Option(names = "--products", paramLabel = "N", description = "Books in the catalogue (default: ${DEFAULT-VALUE}).")
    void products(int n) {
        apply("--products", o -> o.withProducts(n));
    }

    @Option(names = "--months", paramLabel = "N", description = "Months of orders (default: ${DEFAULT-VALUE}).")
    void months(int n) {
        apply("--months", o -> o.withMonths(n));
    }

    @Option(names = "--events", paramLabel = "N", description = "Clickstream events (default: ${DEFAULT-VALUE}).")
    void events(int n) {
        apply("--events", o -> o.withEvents(n));
    }

    @Option(names = "--seed", paramLabel = "N",
            description = "Random seed; the same options give byte-identical files (default: ${DEFAULT-VALUE}).")
    void seed(long n) {
        apply("--seed", o -> o.withSeed(n));
    }

    @Option(names = "--problems", paramLabel = "on|off",
            description = "Plant data-quality problems at exact counts recorded in manifest.json "
                    + "(default: ${DEFAULT-VALUE}).")
    void problems(String onOff) {
        String v = onOff.toLowerCase(Locale.ROOT);
        if (!v.equals("on") && !v.equals("off")) {
            throw new ParameterException(mixee.commandLine(),
                    "Invalid value for option '--problems': '" + onOff + "' (expected on or off)");
        }
        apply("--problems", o -> o.withProblems(v.equals("on")));
    }

    private void apply(String option, UnaryOperator<GeneratorOptions> change) {
        try {
            options = change.apply(options);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(),
                    "Invalid value for option '" + option + "': " + e.getMessage());
        }
    }

    /** Supplies the defaults of the options above from {@link GeneratorOptions#defaults()}. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option)) {
                return null;
            }
            GeneratorOptions d = GeneratorOptions.defaults();
            return switch (option.longestName()) {
                case "--customers" -> Integer.toString(d.customers());
                case "--products" -> Integer.toString(d.products());
                case "--months" -> Integer.toString(d.months());
                case "--events" -> Integer.toString(d.events());
                case "--seed" -> Long.toString(d.seed());
                case "--problems" -> d.problems() ? "on" : "off";
                default -> null;
            };
        }
    }
}
