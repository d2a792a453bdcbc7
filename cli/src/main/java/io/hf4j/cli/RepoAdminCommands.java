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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hf4j repos ls|commits|branch|tag|settings|move}: listing, history, refs, settings and moves. */
final class RepoAdminCommands {
  private RepoAdminCommands() {}

  @Command(name = "ls", description = "List repos: yours by default (with a token), or search by author, text and tags.")
  static final class Ls extends BaseCommand {
    @Mixin
    RepoTypeOption typeOption = new RepoTypeOption();

    @Option(names = "--author", paramLabel = "NAME", description = "Only repos of this user or organization.")
    @Nullable String author;

    @Option(names = "--search", paramLabel = "TEXT", description = "Only repos whose id contains TEXT.")
    @Nullable String search;

    @Option(names = "--filter", paramLabel = "TAG", description = "Only repos with this tag (repeatable).")
    List<String> filter = new ArrayList<>();

    @Option(names = "--sort", paramLabel = "KEY", description = "created_at, last_modified, likes, downloads or trending_score.")
    @Nullable String sort;

    @Option(names = "--limit", paramLabel = "N", description = "At most N repos.")
    @Nullable Integer limit;

    @Option(names = "--all", description = "Every repo the token can see, not only yours.")
    boolean all;

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

  @Command(name = "commits", description = "List the commits of a revision, newest first.")
  static final class Commits extends BaseCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repoId;

    @Mixin
    RepoTypeOption typeOption = new RepoTypeOption();

    @Option(names = "--revision", paramLabel = "REV", description = "Branch, tag or commit (default: main).")
    @Nullable String revision;

    @Option(names = "--limit", paramLabel = "N", description = "At most N commits.")
    @Nullable Integer limit;

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

  @Command(name = "branch", description = "Create or delete branches.",
      subcommands = {BranchCreate.class, BranchDelete.class})
  static final class Branch extends GroupCommand {}

  /** A command on one ref of a repo: the repo id and its {@code --repo-type}. */
  abstract static class RefCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "REPO_ID")
    String repoId;

    @Mixin
    RepoTypeOption typeOption = new RepoTypeOption();

    RepoId repo() {
      return typeOption.of(repoId);
    }
  }

  /** Creating a ref: where it points and whether an existing one is fine. */
  abstract static class RefCreate extends RefCommand {
    @Option(names = "--revision", paramLabel = "REV", description = "The revision it points to (default: main).")
    @Nullable String revision;

    @Option(names = "--exist-ok", description = "Succeed when it exists already.")
    boolean existOk;

    String revisionOrMain() {
      return revision == null ? "main" : revision;
    }
  }

  @Command(name = "create", description = "Create a branch from a revision.")
  static final class BranchCreate extends RefCreate {
    @Parameters(index = "1", paramLabel = "BRANCH")
    String branch;

    @Override
    public Integer call() {
      CreateBranchParams.Builder p = CreateBranchParams.builder().existOk(existOk);
      if (revision != null) p.revision(revision);
      root().hub().createBranch(repo(), branch, p.build());
      print(result("created", "branch", branch, revisionOrMain()));
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a branch.")
  static final class BranchDelete extends RefCommand {
    @Parameters(index = "1", paramLabel = "BRANCH")
    String branch;

    @Override
    public Integer call() {
      root().hub().deleteBranch(repo(), branch);
      print(result("deleted", "branch", branch, null));
      return 0;
    }
  }

  @Command(name = "tag", description = "Create or delete tags.", subcommands = {TagCreate.class, TagDelete.class})
  static final class Tag extends GroupCommand {}

  @Command(name = "create", description = "Tag a revision.")
  static final class TagCreate extends RefCreate {
    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "The tag's message.")
    @Nullable String message;

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

  @Command(name = "delete", description = "Delete a tag.")
  static final class TagDelete extends RefCommand {
    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    @Override
    public Integer call() {
      root().hub().deleteTag(repo(), tag);
      print(result("deleted", "tag", tag, null));
      return 0;
    }
  }

  @Command(name = "settings", description = "Change a repo's visibility, gating or discussions.")
  static final class Settings extends BaseCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repoId;

    @Mixin
    RepoTypeOption typeOption = new RepoTypeOption();

    @Option(names = "--private", description = "Make the repo private.")
    boolean makePrivate;

    @Option(names = "--public", description = "Make the repo public.")
    boolean makePublic;

    @Option(names = "--visibility", paramLabel = "V", description = "public, private or (Spaces) protected.")
    @Nullable String visibility;

    @Option(names = "--gated", paramLabel = "MODE", description = "auto, manual or false.")
    @Nullable String gated;

    @Option(names = "--discussions", paramLabel = "STATE", description = "enabled or disabled.")
    @Nullable String discussions;

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

  @Command(name = "move", description = "Rename a repo or transfer it to another namespace; the old name redirects.")
  static final class Move extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FROM_ID")
    String fromId;

    @Parameters(index = "1", paramLabel = "TO_ID")
    String toId;

    @Mixin
    RepoTypeOption typeOption = new RepoTypeOption();

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
