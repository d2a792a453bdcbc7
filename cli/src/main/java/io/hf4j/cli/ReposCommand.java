package io.hf4j.cli;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.hub.CreateRepoParams;
import io.hf4j.hub.DeleteRepoParams;
import io.hf4j.hub.RepoUrl;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hf4j repos ...}. */
final class ReposCommand extends GroupCommand {
  @Override
  CommandSpec define() {
    return group(this, "repos", "Create, list, inspect, configure, move and delete repos.", new Create(), new Delete(),
        new RepoAdminCommands.Ls(), new RepoAdminCommands.Commits(), new RepoAdminCommands.Branch(),
        new RepoAdminCommands.Tag(), new RepoAdminCommands.Settings(), new RepoAdminCommands.Move());
  }

  static final class Create extends BaseCommand {
    String repoId;
    final RepoTypeOption typeOption = new RepoTypeOption();
    boolean privateRepo;
    @Nullable String sdk;
    boolean existOk;

    @Override
    CommandSpec define() {
      CommandSpec spec = Model.command(this, "create", "Create a model, dataset or Space repo.");
      spec.addPositional(Model.positional("0", String.class, () -> repoId, v -> repoId = v, "REPO_ID",
          "namespace/name, or a name in the token's namespace.").build());
      spec.addOption(typeOption.option());
      spec.addOption(Model.flag(() -> privateRepo, v -> privateRepo = v, "Make the repo private.", "--private"));
      spec.addOption(Model.value(String.class, () -> sdk, v -> sdk = v, "SDK",
          "Space SDK: gradio, docker, static or streamlit (Spaces only).", "--sdk").build());
      spec.addOption(Model.flag(() -> existOk, v -> existOk = v, "Succeed when the repo exists already.", "--exist-ok"));
      return spec;
    }

    @Override
    public Integer call() {
      RepoId id = typeOption.of(repoId);
      RepoType type = id.type();
      CreateRepoParams.Builder p = CreateRepoParams.builder().existOk(existOk);
      if (privateRepo) p.privateRepo(true);
      if (sdk != null) {
        if (!type.equals(RepoType.SPACE)) throw new Errors.CliException("--sdk is for Spaces: add --repo-type space", Errors.USAGE);
        try {
          p.spaceSdk(io.hf4j.core.SpaceSdk.of(sdk));
        } catch (io.hf4j.core.HfValidationException e) {
          throw new Errors.CliException("--sdk: " + e.getMessage(), Errors.USAGE);
        }
      }
      RepoUrl url = root().hub().createRepo(id, p.build());
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("repo_id", url.repoId());
      data.put("repo_type", url.repoType());
      data.put("url", url.url());
      print(data);
      return 0;
    }
  }

  static final class Delete extends BaseCommand {
    String repoId;
    final RepoTypeOption typeOption = new RepoTypeOption();
    boolean missingOk;

    @Override
    CommandSpec define() {
      CommandSpec spec = Model.command(this, "delete", "Delete a repo. There is no undo.");
      spec.addPositional(Model.positional("0", String.class, () -> repoId, v -> repoId = v, "REPO_ID").build());
      spec.addOption(typeOption.option());
      spec.addOption(Model.flag(() -> missingOk, v -> missingOk = v, "Succeed when the repo does not exist.",
          "--missing-ok"));
      return spec;
    }

    @Override
    public Integer call() {
      RepoId id = typeOption.of(repoId);
      root().hub().deleteRepo(id, DeleteRepoParams.builder().missingOk(missingOk).build());
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("deleted", id);
      data.put("repo_type", id.type());
      print(data);
      return 0;
    }
  }
}
