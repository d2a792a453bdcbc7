package io.hf4j.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;

/**
 * Builds picocli command models in code: every command, option and parameter of {@code hf4j} is made here, bound
 * to the command's own fields through a getter and a setter. picocli's annotations would do the same by reflection,
 * and each annotation read at run time is a {@code java.lang.reflect.Proxy} whose class Java 17 generates on every
 * start (no class-data-sharing archive can hold it): tens of milliseconds before the first request.
 */
final class Model {
  private Model() {}

  /** A field as picocli sees it: read and written through lambdas, type-checked where the option is declared. */
  private static final class Binding<T> implements IGetter, ISetter {
    private final Supplier<T> getter;
    private final Consumer<T> setter;

    Binding(Supplier<T> getter, Consumer<T> setter) {
      this.getter = getter;
      this.setter = setter;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R get() {
      return (R) getter.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R set(R value) {
      R old = (R) getter.get();
      setter.accept((T) value);
      return old;
    }
  }

  /** A command named {@code name} running {@code command} (no reflection over it). */
  static CommandSpec command(Object command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
    spec.name(name);
    spec.usageMessage().description(description);
    return spec;
  }

  /** {@code -h/--help} and {@code -V/--version}: what picocli's {@code mixinStandardHelpOptions} adds. */
  static void addHelpOptions(CommandSpec spec) {
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).initialValue(false)
        .description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class).initialValue(false)
        .description("Print version information and exit.").build());
  }

  /** An option without a value: present or not. */
  static OptionSpec flag(Supplier<Boolean> get, Consumer<Boolean> set, String description, String... names) {
    return bind(OptionSpec.builder(names).type(boolean.class), get, set).description(description).build();
  }

  /** An option with one value of {@code type}; {@code description} null for none. */
  static <T> OptionSpec.Builder value(Class<T> type, Supplier<T> get, Consumer<T> set, String label,
      @Nullable String description, String... names) {
    OptionSpec.Builder b = bind(OptionSpec.builder(names).type(type), get, set).paramLabel(label);
    return description == null ? b : b.description(description);
  }

  /** A repeatable option of strings. */
  static OptionSpec list(Supplier<List<String>> get, Consumer<List<String>> set, String label, String description,
      String... names) {
    return bind(OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class), get, set)
        .paramLabel(label).description(description).build();
  }

  /** The positional parameter at {@code index}, of {@code type}: required unless made optional. */
  static <T> PositionalParamSpec.Builder positional(String index, Class<T> type, Supplier<T> get, Consumer<T> set,
      String label, String... description) {
    return bind(PositionalParamSpec.builder().index(index).type(type), get, set).paramLabel(label)
        .description(description).required(true);
  }

  /** The positional parameters from {@code index} on (e.g. {@code 1..*}), as strings. */
  static PositionalParamSpec positionals(String index, String arity, Supplier<List<String>> get,
      Consumer<List<String>> set, String label, String... description) {
    return bind(PositionalParamSpec.builder().index(index).arity(arity).type(List.class).auxiliaryTypes(String.class),
        get, set).paramLabel(label).description(description).required(Range.valueOf(arity).min() > 0).build();
  }

  /** The field's getter and setter, and its value now as the initial value picocli resets it to before parsing. */
  private static <T> OptionSpec.Builder bind(OptionSpec.Builder builder, Supplier<T> get, Consumer<T> set) {
    Binding<T> binding = new Binding<>(get, set);
    return builder.getter(binding).setter(binding).initialValue(get.get()).hasInitialValue(true);
  }

  /** As {@link #bind(OptionSpec.Builder, Supplier, Consumer)}, for a positional parameter. */
  private static <T> PositionalParamSpec.Builder bind(PositionalParamSpec.Builder builder, Supplier<T> get,
      Consumer<T> set) {
    Binding<T> binding = new Binding<>(get, set);
    return builder.getter(binding).setter(binding).initialValue(get.get()).hasInitialValue(true);
  }
}
