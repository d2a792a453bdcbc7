package io.hf4j.cli;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.hub.CreateRepoParams;
import io.hf4j.hub.DeleteRepoParams;
import io.hf4j.hub.RepoUrl;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hf4j repos ...}. */
@Command(name = "repos", description = "Create, list, inspect, configure, move and delete repos.",
    subcommands = {ReposCommand.Create.class, ReposCommand.Delete.class, RepoAdminCommands.Ls.class,
        RepoAdminCommands.Commits.class, RepoAdminCommands.Branch.class, RepoAdminCommands.Tag.class,
        RepoAdminCommands.Settings.class, RepoAdminCommands.Move.class})
final class ReposCommand extends GroupCommand {
  @Command(name = "create", description = "Create a model, dataset or Space repo.")
  static final class Create extends BaseCommand {
    @Parameters(paramLabel = "REPO_ID", description = "namespace/name, or a name in the token's namespace.")
    String repoId;

    @Mixin
    RepoTypeOption typeOption = new RepoTypeOption();

    @Option(names = "--private", description = "Make the repo private.")
    boolean privateRepo;

    @Option(names = "--sdk", paramLabel = "SDK", description = "Space SDK: gradio, docker, static or streamlit (Spaces only).")
    @Nullable String sdk;

    @Option(names = "--exist-ok", description = "Succeed when the repo exists already.")
    boolean existOk;

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

  @Command(name = "delete", description = "Delete a repo. There is no undo.")
  static final class Delete extends BaseCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repoId;

    @Mixin
    RepoTypeOption typeOption = new RepoTypeOption();

    @Option(names = "--missing-ok", description = "Succeed when the repo does not exist.")
    boolean missingOk;

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
