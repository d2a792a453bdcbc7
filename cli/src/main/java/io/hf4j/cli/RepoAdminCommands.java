package io.hf4j.cli;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.hub.CreateBranchParams;
import io.hf4j.hub.CreateTagParams;
import io.hf4j.hub.GitCommitInfo;
import io.hf4j.hub.HubClient;
import io.hf4j.hub.ListRepoCommitsParams;
import io.hf4j.hub.ListReposParams;
import io.hf4j.hub.RepoInfo;
import io.hf4j.hub.RepoSettingsParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hf4j repos ls|commits|branch|tag|settings|move}: listing, history, refs, settings and moves. */
final class RepoAdminCommands {
  private RepoAdminCommands() {}

  static final class Ls extends BaseCommand {
    final RepoTypeOption typeOption = new RepoTypeOption();
    @Nullable String author;
    @Nullable String search;
    List<String> filter = new ArrayList<>();
    @Nullable String sort;
    @Nullable Integer limit;
    boolean all;

    @Override
    CommandSpec define() {
      CommandSpec spec = Model.command(this, "ls",
          "List repos: yours by default (with a token), or search by author, text and tags.");
      spec.addOption(typeOption.option());
      spec.addOption(Model.value(String.class, () -> author, v -> author = v, "NAME",
          "Only repos of this user or organization.", "--author").build());
      spec.addOption(Model.value(String.class, () -> search, v -> search = v, "TEXT",
          "Only repos whose id contains TEXT.", "--search").build());
      spec.addOption(Model.list(() -> filter, v -> filter = v, "TAG", "Only repos with this tag (repeatable).",
          "--filter"));
      spec.addOption(Model.value(String.class, () -> sort, v -> sort = v, "KEY",
          "created_at, last_modified, likes, downloads or trending_score.", "--sort").build());
      spec.addOption(Model.value(Integer.class, () -> limit, v -> limit = v, "N", "At most N repos.", "--limit")
          .build());
      spec.addOption(Model.flag(() -> all, v -> all = v, "Every repo the token can see, not only yours.", "--all"));
      return spec;
    }

    @Override
    public Integer call() {
      RepoType type = typeOption.type();
      HubClient hub = root().hub();
      ListReposParams.Builder p = ListReposParams.builder();
      if (author == null && search == null && filter.isEmpty() && !all && hub.config().token() != null) {
        author = hub.whoami().name();
      }
      if (author != null) p.author(author);
      if (search != null) p.search(search);
      for (String f : filter) p.filter(f);
      if (sort != null) p.sort(sort);
      if (limit != null) p.limit(atLeast(limit, 1, "--limit"));
      Stream<? extends RepoInfo> repos;
      try {
        ListReposParams params = p.build();
        repos = type.equals(RepoType.DATASET) ? hub.listDatasets(params)
            : type.equals(RepoType.SPACE) ? hub.listSpaces(params) : hub.listModels(params);
      } catch (HfValidationException e) {
        throw new Errors.CliException(e.getMessage(), Errors.USAGE);
      }
      List<Object> rows = new ArrayList<>();
      repos.forEach(r -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("private", r.privateRepo());
        row.put("created_at", r.raw().get("createdAt"));
        row.put("tags", r.raw().getOrDefault("tags", List.of()));
        rows.add(row);
      });
      print(rows);
      return 0;
    }
  }

  static final class Commits extends BaseCommand {
    String repoId;
    final RepoTypeOption typeOption = new RepoTypeOption();
    @Nullable String revision;
    @Nullable Integer limit;

    @Override
    CommandSpec define() {
      CommandSpec spec = Model.command(this, "commits", "List the commits of a revision, newest first.");
      spec.addPositional(Model.positional("0", String.class, () -> repoId, v -> repoId = v, "REPO_ID").build());
      spec.addOption(typeOption.option());
      spec.addOption(Model.value(String.class, () -> revision, v -> revision = v, "REV",
          "Branch, tag or commit (default: main).", "--revision").build());
      spec.addOption(Model.value(Integer.class, () -> limit, v -> limit = v, "N", "At most N commits.", "--limit")
          .build());
      return spec;
    }

    @Override
    public Integer call() {
      ListRepoCommitsParams.Builder p = ListRepoCommitsParams.builder();
      if (revision != null) p.revision(revision);
      if (limit != null && limit < 1) throw new Errors.CliException("--limit must be >= 1", Errors.USAGE);
      Stream<GitCommitInfo> commits = root().hub().listRepoCommits(typeOption.of(repoId), p.build());
      if (limit != null) commits = commits.limit(limit);
      List<Object> rows = new ArrayList<>();
      commits.forEach(c -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("commit", c.commitId());
        row.put("date", c.createdAt());
        row.put("authors", String.join(", ", c.authors()));
        row.put("title", c.title());
        rows.add(row);
      });
      print(rows);
      return 0;
    }
  }

  static final class Branch extends GroupCommand {
    @Override
    CommandSpec define() {
      return group(this, "branch", "Create or delete branches.", new BranchCreate(), new BranchDelete());
    }
  }

  /** A command on one ref of a repo: the repo id and its {@code --repo-type}. */
  abstract static class RefCommand extends BaseCommand {
    String repoId;
    final RepoTypeOption typeOption = new RepoTypeOption();

    /** The command's model with the repo id and {@code --repo-type}. */
    CommandSpec base(String name, String description) {
      CommandSpec spec = Model.command(this, name, description);
      spec.addPositional(Model.positional("0", String.class, () -> repoId, v -> repoId = v, "REPO_ID").build());
      spec.addOption(typeOption.option());
      return spec;
    }

    RepoId repo() {
      return typeOption.of(repoId);
    }
  }

  /** Creating a ref: where it points and whether an existing one is fine. */
  abstract static class RefCreate extends RefCommand {
    @Nullable String revision;
    boolean existOk;

    @Override
    CommandSpec base(String name, String description) {
      CommandSpec spec = super.base(name, description);
      spec.addOption(Model.value(String.class, () -> revision, v -> revision = v, "REV",
          "The revision it points to (default: main).", "--revision").build());
      spec.addOption(Model.flag(() -> existOk, v -> existOk = v, "Succeed when it exists already.", "--exist-ok"));
      return spec;
    }

    String revisionOrMain() {
      return revision == null ? "main" : revision;
    }
  }

  static final class BranchCreate extends RefCreate {
    String branch;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("create", "Create a branch from a revision.");
      spec.addPositional(Model.positional("1", String.class, () -> branch, v -> branch = v, "BRANCH").build());
      return spec;
    }

    @Override
    public Integer call() {
      CreateBranchParams.Builder p = CreateBranchParams.builder().existOk(existOk);
      if (revision != null) p.revision(revision);
      root().hub().createBranch(repo(), branch, p.build());
      print(result("created", "branch", branch, revisionOrMain()));
      return 0;
    }
  }

  static final class BranchDelete extends RefCommand {
    String branch;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("delete", "Delete a branch.");
      spec.addPositional(Model.positional("1", String.class, () -> branch, v -> branch = v, "BRANCH").build());
      return spec;
    }

    @Override
    public Integer call() {
      root().hub().deleteBranch(repo(), branch);
      print(result("deleted", "branch", branch, null));
      return 0;
    }
  }

  static final class Tag extends GroupCommand {
    @Override
    CommandSpec define() {
      return group(this, "tag", "Create or delete tags.", new TagCreate(), new TagDelete());
    }
  }

  static final class TagCreate extends RefCreate {
    String tag;
    @Nullable String message;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("create", "Tag a revision.");
      spec.addPositional(Model.positional("1", String.class, () -> tag, v -> tag = v, "TAG").build());
      spec.addOption(Model.value(String.class, () -> message, v -> message = v, "TEXT", "The tag's message.",
          "-m", "--message").build());
      return spec;
    }

    @Override
    public Integer call() {
      CreateTagParams.Builder p = CreateTagParams.builder().existOk(existOk);
      if (revision != null) p.revision(revision);
      if (message != null) p.tagMessage(message);
      root().hub().createTag(repo(), tag, p.build());
      print(result("created", "tag", tag, revisionOrMain()));
      return 0;
    }
  }

  static final class TagDelete extends RefCommand {
    String tag;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("delete", "Delete a tag.");
      spec.addPositional(Model.positional("1", String.class, () -> tag, v -> tag = v, "TAG").build());
      return spec;
    }

    @Override
    public Integer call() {
      root().hub().deleteTag(repo(), tag);
      print(result("deleted", "tag", tag, null));
      return 0;
    }
  }

  static final class Settings extends BaseCommand {
    String repoId;
    final RepoTypeOption typeOption = new RepoTypeOption();
    boolean makePrivate;
    boolean makePublic;
    @Nullable String visibility;
    @Nullable String gated;
    @Nullable String discussions;

    @Override
    CommandSpec define() {
      CommandSpec spec = Model.command(this, "settings", "Change a repo's visibility, gating or discussions.");
      spec.addPositional(Model.positional("0", String.class, () -> repoId, v -> repoId = v, "REPO_ID").build());
      spec.addOption(typeOption.option());
      spec.addOption(Model.flag(() -> makePrivate, v -> makePrivate = v, "Make the repo private.", "--private"));
      spec.addOption(Model.flag(() -> makePublic, v -> makePublic = v, "Make the repo public.", "--public"));
      spec.addOption(Model.value(String.class, () -> visibility, v -> visibility = v, "V",
          "public, private or (Spaces) protected.", "--visibility").build());
      spec.addOption(Model.value(String.class, () -> gated, v -> gated = v, "MODE", "auto, manual or false.",
          "--gated").build());
      spec.addOption(Model.value(String.class, () -> discussions, v -> discussions = v, "STATE",
          "enabled or disabled.", "--discussions").build());
      return spec;
    }

    @Override
    public Integer call() {
      if ((makePrivate ? 1 : 0) + (makePublic ? 1 : 0) + (visibility != null ? 1 : 0) > 1) {
        throw new Errors.CliException("Use one of --private, --public and --visibility", Errors.USAGE);
      }
      RepoId id = typeOption.of(repoId);
      RepoSettingsParams.Builder p = RepoSettingsParams.builder();
      if (makePrivate || makePublic) p.privateRepo(makePrivate);
      if (visibility != null) p.visibility(visibility);
      if (gated != null) {
        if (gated.equals("false")) p.notGated();
        else p.gated(gated);
      }
      if (discussions != null) {
        if (!discussions.equals("enabled") && !discussions.equals("disabled")) {
          throw new Errors.CliException("--discussions must be enabled or disabled, not '" + discussions + "'", Errors.USAGE);
        }
        p.discussionsDisabled(discussions.equals("disabled"));
      }
      RepoSettingsParams params;
      try {
        params = p.build();
      } catch (HfValidationException e) {
        throw new Errors.CliException(e.getMessage(), Errors.USAGE);
      }
      root().hub().updateRepoSettings(id, params);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("repo_id", id);
      data.put("repo_type", id.type());
      if (params.visibility() != null) data.put("visibility", params.visibility());
      if (params.gated() != null) data.put("gated", params.gated());
      if (params.discussionsDisabled() != null) data.put("discussions_disabled", params.discussionsDisabled());
      print(data);
      return 0;
    }
  }

  static final class Move extends BaseCommand {
    String fromId;
    String toId;
    final RepoTypeOption typeOption = new RepoTypeOption();

    @Override
    CommandSpec define() {
      CommandSpec spec = Model.command(this, "move",
          "Rename a repo or transfer it to another namespace; the old name redirects.");
      spec.addPositional(Model.positional("0", String.class, () -> fromId, v -> fromId = v, "FROM_ID").build());
      spec.addPositional(Model.positional("1", String.class, () -> toId, v -> toId = v, "TO_ID").build());
      spec.addOption(typeOption.option());
      return spec;
    }

    @Override
    public Integer call() {
      RepoId from = typeOption.of(fromId);
      RepoId to = typeOption.of(toId);
      root().hub().moveRepo(from, to.withType(from.type()));
      RepoType type = from.type();
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("from", fromId);
      data.put("to", toId);
      data.put("repo_type", type);
      print(data);
      return 0;
    }
  }

  private static Map<String, Object> result(String action, String kind, String name, @Nullable String revision) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(action, kind);
    data.put("name", name);
    if (revision != null) data.put("revision", revision);
    return data;
  }
}
