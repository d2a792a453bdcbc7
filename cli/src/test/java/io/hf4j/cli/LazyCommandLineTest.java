package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Start-up builds only the subcommand a command line names; help and unknown names still see every command. */
class LazyCommandLineTest {
  private static CommandLine lean(String... args) {
    return Hf4j.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, args);
  }

  private static CommandLine full() {
    return Hf4j.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
  }

  @Test
  void theNamedSubcommandAloneIsBuilt() {
    assertEquals(Set.of("auth"), lean("auth", "whoami").getSubcommands().keySet());
    assertEquals(Set.of("upload"), lean("--endpoint", "http://127.0.0.1:1", "--format", "json", "upload", "a/b", "x").getSubcommands().keySet());
    assertEquals(Set.of("download"), lean("--token=hf_x", "-q", "download", "a/b").getSubcommands().keySet());
    assertEquals(Set.of("jobs"), lean("jobs", "run", "python:3.12", "python", "-c", "print(1)").getSubcommands().keySet());
    // The value of --token is not a command name.
    assertEquals(Set.of("repos"), lean("--token", "upload", "repos", "create", "a/b").getSubcommands().keySet());
    assertTrue(lean("jobs", "run", "x").getSubcommands().get("jobs").getSubcommands().get("run").isStopAtPositional());
  }

  @Test
  void helpNoCommandAndUnknownNamesGetEveryCommand() {
    Set<String> all = new TreeSet<>(full().getSubcommands().keySet());
    assertEquals(Hf4j.SUBCOMMANDS.size(), all.size());
    for (String[] args : new String[][] {{}, {"--help"}, {"-V"}, {"help", "upload"}, {"uplaod"}, {"--", "auth"}}) {
      assertEquals(all, new TreeSet<>(lean(args).getSubcommands().keySet()), String.join(" ", args));
      assertNull(Hf4j.subcommandNamed(args), String.join(" ", args));
    }
  }

  @Test
  void aSubcommandBuiltAloneIsTheSameCommand() {
    CommandLine full = full();
    for (String name : full.getSubcommands().keySet()) {
      if (name.equals("help")) continue;
      CommandLine alone = lean(name).getSubcommands().get(name);
      assertEquals(full.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF),
          alone.getUsageMessage(CommandLine.Help.Ansi.OFF), name);
      assertEquals(full.getSubcommands().get(name).getSubcommands().keySet(), alone.getSubcommands().keySet(), name);
    }
  }
}
