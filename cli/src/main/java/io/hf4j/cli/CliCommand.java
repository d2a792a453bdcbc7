package io.hf4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** A command of {@code hf4j}: it builds its own picocli model (see {@link Model}), bound to its fields. */
abstract class CliCommand implements Callable<Integer> {
  /** This command's model, once {@link #model()} has built it. */
  CommandSpec spec;

  /** Builds this command's model: name, description, options, parameters and subcommands. */
  abstract CommandSpec define();

  /** This command's model, built on first use. */
  final CommandSpec model() {
    if (spec == null) spec = define();
    return spec;
  }
}
