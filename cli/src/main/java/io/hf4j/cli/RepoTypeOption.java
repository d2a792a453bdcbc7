package io.hf4j.cli;

import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import picocli.CommandLine.Option;

/**
 * The {@code --repo-type} option of every command that names a repo (a picocli mixin), and the typed id it makes:
 * the option binds the type once, and the Hub's prefixed forms ({@code datasets/ns/name}) carry their own.
 */
final class RepoTypeOption {
  @Option(names = "--repo-type", paramLabel = "TYPE", defaultValue = "model", description = "model, dataset or space.")
  String repoType = "model";

  /** The option's type; an unknown one is a usage error. */
  RepoType type() {
    return BaseCommand.repoType(repoType);
  }

  /** The typed id of {@code id} under this option (see {@link BaseCommand#repoId}). */
  RepoId of(String id) {
    return BaseCommand.repoId(id, repoType);
  }
}
