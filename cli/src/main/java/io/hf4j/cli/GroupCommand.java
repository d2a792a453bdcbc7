package io.hf4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** A command that only groups subcommands ({@code hf4j jobs}): run alone, it is a usage error. */
abstract class GroupCommand extends CliCommand {
  /** The model of {@code group}: its name, its description, and its subcommands in the order help lists them. */
  static CommandSpec group(GroupCommand group, String name, String description, CliCommand... subcommands) {
    CommandSpec spec = Model.command(group, name, description);
    for (CliCommand c : subcommands) {
      CommandSpec sub = c.model();
      spec.addSubcommand(sub.name(), new CommandLine(sub));
    }
    return spec;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing required subcommand: one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
