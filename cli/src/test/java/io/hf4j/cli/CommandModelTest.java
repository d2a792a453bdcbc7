package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command model of every command (its help text, and what parsing depends on: names, arity, labels, types,
 * defaults, initial values, inheritance, completion candidates, parser settings) against golden text captured from
 * the annotation-built model that came before the code-built one ({@code command-model.txt} in test resources).
 */
class CommandModelTest {
  private static CommandLine full() {
    return Hf4j.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
  }

  static String describe(CommandLine cl) {
    StringBuilder b = new StringBuilder();
    describe(cl, b);
    return b.toString();
  }

  private static void describe(CommandLine cl, StringBuilder b) {
    CommandSpec spec = cl.getCommandSpec();
    b.append("### ").append(spec.qualifiedName()).append('\n');
    b.append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
    b.append("--- model\n");
    // The versions of hf4j and of the Java running the test vary; that there is a version line does not.
    b.append("version: ").append(Arrays.toString(spec.version()).replaceAll("hf4j \\S+ \\(java \\S+\\)", "hf4j V (java V)"))
        .append('\n');
    b.append("helpCommand: ").append(spec.helpCommand()).append('\n');
    b.append("parser: stopAtPositional=").append(cl.isStopAtPositional())
        .append(" caseInsensitiveEnums=").append(cl.isCaseInsensitiveEnumValuesAllowed())
        .append(" unmatchedAllowed=").append(cl.isUnmatchedArgumentsAllowed())
        .append(" posixClustered=").append(cl.isPosixClusteredShortOptionsAllowed())
        .append(" overwrittenOptionsAllowed=").append(cl.isOverwrittenOptionsAllowed())
        .append(" abbreviated=").append(cl.isAbbreviatedOptionsAllowed()).append('\n');
    b.append("subcommands: ").append(cl.getSubcommands().keySet()).append('\n');
    for (OptionSpec o : spec.options()) {
      b.append("option ").append(Arrays.toString(o.names()))
          .append(" usageHelp=").append(o.usageHelp()).append(" versionHelp=").append(o.versionHelp())
          .append(" scope=").append(o.scopeType()).append(" inherited=").append(o.inherited());
      arg(o, b);
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      b.append("positional ").append(p.index());
      arg(p, b);
    }
    for (CommandLine sub : cl.getSubcommands().values()) describe(sub, b);
  }

  private static void arg(ArgSpec a, StringBuilder b) {
    // A flag's label is never shown or used.
    if (a.arity().max() > 0) b.append(" label=").append(a.paramLabel());
    b.append(" arity=").append(a.arity())
        .append(" type=").append(a.type().getName())
        .append(" aux=").append(Arrays.stream(a.auxiliaryTypes()).map(Class::getName).toList())
        .append(" required=").append(a.required()).append(" hidden=").append(a.hidden())
        .append(" default=").append(a.defaultValue())
        .append(" hasInitial=").append(a.hasInitialValue()).append(" initial=").append(a.initialValue())
        .append(" split=").append(a.splitRegex());
    if (a.completionCandidates() != null) {
      b.append(" candidates=");
      a.completionCandidates().forEach(c -> b.append(c).append(','));
    }
    b.append(" description=").append(Arrays.toString(a.description())).append('\n');
  }

  /** Main leaves out picocli's converters of these types: no option or parameter may need one. */
  @Test
  void noArgumentNeedsAConverterMainLeavesOut() {
    java.util.List<String> bad = new java.util.ArrayList<>();
    java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(full()));
    int types = 0;
    while (!todo.isEmpty()) {
      CommandLine cl = todo.pop();
      todo.addAll(cl.getSubcommands().values());
      for (ArgSpec a : cl.getCommandSpec().args()) {
        for (Class<?> t : a.auxiliaryTypes()) {
          types++;
          if (t.getName().matches(Main.UNUSED_CONVERTERS)) bad.add(cl.getCommandSpec().qualifiedName() + " " + a);
        }
      }
    }
    assertEquals(java.util.List.of(), bad);
    org.junit.jupiter.api.Assertions.assertTrue(types > 100, "walked the tree: " + types);
    org.junit.jupiter.api.Assertions.assertTrue("java.time.Duration".matches(Main.UNUSED_CONVERTERS));
    org.junit.jupiter.api.Assertions.assertFalse("java.nio.file.Path".matches(Main.UNUSED_CONVERTERS));
  }

  @Test
  void everyCommandIsAsTheGoldenText() throws IOException {
    String actual = describe(full());
    Path out = Path.of("target", "command-model.actual.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, actual, StandardCharsets.UTF_8);
    String golden;
    try (InputStream in = CommandModelTest.class.getResourceAsStream("command-model.txt")) {
      golden = in == null ? "(missing)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(golden, actual, "the command model differs from the golden text; this run's is in " + out.toAbsolutePath());
  }
}
