package io.hf4j.cli;

import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code --repo-type} option of every command that names a repo, and the typed id it makes:
 * the option binds the type once, and the Hub's prefixed forms ({@code datasets/ns/name}) carry their own.
 */
final class RepoTypeOption {
  String repoType = "model";

  /** The option, bound to this object. */
  OptionSpec option() {
    return Model.value(String.class, () -> repoType, v -> repoType = v, "TYPE", "model, dataset or space.", "--repo-type")
        .defaultValue("model").build();
  }

  /** The option's type; an unknown one is a usage error. */
  RepoType type() {
    return BaseCommand.repoType(repoType);
  }

  /** The typed id of {@code id} under this option (see {@link BaseCommand#repoId}). */
  RepoId of(String id) {
    return BaseCommand.repoId(id, repoType);
  }
}
