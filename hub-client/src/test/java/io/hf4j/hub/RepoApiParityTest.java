package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfHttpException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.testfixtures.PythonPeer;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Python client ({@code huggingface_hub} 2.0.0) and hf4j over the same emulator: listing and search,
 * history, refs, paths info, file metadata, branches and tags, deletions, pull requests and discussions, settings
 * and moves. Each side's answers are reduced to the same JSON and compared.
 */
@Timeout(180)
class RepoApiParityTest {
  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024));

  @TempDir Path tmp;

  private static String script(String name) {
    try (InputStream in = RepoApiParityTest.class.getResourceAsStream("/peer/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String python(HubEmulator hub, String script, String... args) {
    Map<String, String> env = Map.of("HF_ENDPOINT", hub.url(), "HF_TOKEN", hub.writeToken());
    return PythonPeer.run(tmp.resolve("peer"), Duration.ofSeconds(120), env, script(script), args).assertSuccess()
        .stdout().strip();
  }

  private static Object normalized(Object javaSide) {
    return JsonObject.parse(JsonObject.write(javaSide), "java side");
  }

  private static Map<String, byte[]> files(String... pathsAndContents) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return m;
  }

  @Test
  void readsMatchThePythonClient() {
    HubEmulator hub = HUB.emulator();
    String repo = "testuser/alpha-vision";
    hub.repos().create(RepoType.MODEL, repo, false, Map.of());
    Map<String, byte[]> seed = files("README.md", "---\nlibrary_name: timm\ntags:\n- vision\n- image-classification\n---\n# A\n",
        "config.json", "{\"hidden\": 8}\n", "weights/small.txt", "s\n");
    seed.put("weights/big.bin", EmulatorSupport.random(4096, 7));
    hub.repos().commit(RepoType.MODEL, repo, "main", "add weights & <config>", seed, Set.of());
    hub.repos().commit(RepoType.MODEL, repo, "main", "second", files("notes.txt", "n\n"), Set.of());
    hub.repos().create(RepoType.MODEL, "testuser/beta-bert", false, Map.of());
    hub.repos().create(RepoType.MODEL, "testuser/gamma-bert-large", false, Map.of());
    hub.repos().create(RepoType.MODEL, "testuser/secret-model", true, Map.of());
    hub.repos().create(RepoType.MODEL, "otheruser/other-bert", false, Map.of());
    hub.repos().create(RepoType.MODEL, "otheruser/other-private-bert", true, Map.of());
    hub.repos().create(RepoType.DATASET, "testuser/ds-one", false, Map.of());
    hub.repos().create(RepoType.SPACE, "testuser/sp-one", false, Map.of("sdk", "static"));
    HubClient hf4j = HubClient.create(EmulatorSupport.config(hub));
    RepoId id = RepoId.of(repo);
    hf4j.createTag(id, "v1", CreateTagParams.builder().revision("main").build());
    hf4j.createCommit(id, List.of(CommitOperation.add("pr.txt", "p".getBytes(StandardCharsets.UTF_8))), "a PR",
        CreateCommitParams.builder().createPr(true).build());

    String py = python(hub, "repo_reads.py", repo);

    Map<String, Object> j = new LinkedHashMap<>();
    j.put("models_by_author", ids(hf4j.listModels(ListReposParams.builder().author("testuser").build()).map(ModelInfo::id)));
    j.put("models_search", ids(hf4j.listModels(ListReposParams.builder().search("bert").build()).map(ModelInfo::id)));
    j.put("models_filter", ids(hf4j.listModels(ListReposParams.builder().filter("vision").build()).map(ModelInfo::id)));
    j.put("models_sorted", ids(hf4j.listModels(ListReposParams.builder().author("testuser").sort("created_at").limit(3)
        .build()).map(ModelInfo::id)));
    j.put("models_full_siblings", hf4j.listModels(ListReposParams.builder().search("alpha-vision").full(true).build())
        .findFirst().orElseThrow().siblings().stream().map(RepoSibling::rfilename).sorted().toList());
    j.put("models_expand", hf4j.listModels(ListReposParams.builder().search("secret").expand("private").build())
        .map(m -> List.of(m.id(), m.privateRepo())).toList());
    j.put("datasets", ids(hf4j.listDatasets(ListReposParams.builder().author("testuser").build()).map(DatasetInfo::id)));
    j.put("spaces", ids(hf4j.listSpaces(ListReposParams.builder().author("testuser").build()).map(SpaceInfo::id)));
    j.put("bad_sort", 400);
    j.put("commits", hf4j.listRepoCommits(id).map(c -> List.of(c.commitId(), c.title(), c.authors())).toList());
    j.put("commits_formatted", hf4j.listRepoCommits(id, ListRepoCommitsParams.builder().formatted(true).build())
        .limit(1).map(GitCommitInfo::formattedTitle).toList());
    GitRefs refs = hf4j.listRepoRefs(id, ListRepoRefsParams.builder().includePullRequests(true).build());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("branches", refs(refs.branches()));
    r.put("tags", refs(refs.tags()));
    r.put("converts", refs(refs.converts()));
    r.put("pull_requests", refs(refs.pullRequests()));
    j.put("refs", r);
    j.put("refs_no_prs", hf4j.listRepoRefs(id).pullRequests());
    List<Object> paths = new ArrayList<>();
    for (RepoTreeEntry e : hf4j.getPathsInfo(id, List.of("config.json", "weights", "weights/big.bin", "missing.txt"))) {
      if (e instanceof RepoFile f) {
        paths.add(Arrays.asList(f.path(), "file", f.size(), f.blobId(), f.lfs() == null ? null : f.lfs().sha256()));
      } else {
        RepoFolder d = (RepoFolder) e;
        paths.add(Arrays.asList(d.path(), "folder", null, d.treeId(), null));
      }
    }
    j.put("paths", paths);
    FileMetadata lfs = hf4j.getHfFileMetadata(id, "weights/big.bin");
    j.put("meta_lfs", Arrays.asList(lfs.commitHash(), lfs.etag(), lfs.size(), lfs.xetHash()));
    FileMetadata regular = hf4j.getHfFileMetadata(id, "config.json", RepoRefParams.builder().revision("v1").build());
    j.put("meta_regular", List.of(regular.commitHash(), regular.etag(), regular.size()));
    j.put("revision_exists", List.of(hf4j.revisionExists(id, "main"), hf4j.revisionExists(id, "v1"),
        hf4j.revisionExists(id, "nope"), hf4j.revisionExists(RepoId.of("testuser/nope"), "main")));
    j.put("info_tags", hf4j.modelInfo(id).tags());

    assertEquals(JsonObject.parse(py, "python side"), normalized(j));
    // The answers are not trivially empty.
    assertEquals(List.of("testuser/alpha-vision"), j.get("models_filter"));
    assertTrue(((List<?>) j.get("models_search")).containsAll(List.of("testuser/beta-bert", "otheruser/other-bert")));
    assertTrue(!((List<?>) j.get("models_search")).contains("otheruser/other-private-bert"));
    assertEquals(3, ((List<?>) j.get("commits")).size());
    assertEquals(List.of("timm", "vision", "image-classification"), j.get("info_tags"));
    assertEquals(1, refs.pullRequests().size());
    assertEquals(4096L, lfs.size());
  }

  private static List<String> ids(java.util.stream.Stream<String> s) {
    return s.collect(Collectors.toList());
  }

  private static List<Object> refs(List<GitRefInfo> refs) {
    return refs.stream().map(x -> (Object) List.of(x.name(), x.ref(), x.targetCommit())).toList();
  }

  private static Integer statusOf(Runnable r) {
    try {
      r.run();
      return null;
    } catch (HfHttpException e) {
      return e.statusCode();
    }
  }

  private static void seedForWrites(HubEmulator hub, String repo) {
    hub.repos().create(RepoType.MODEL, repo, false, Map.of());
    hub.repos().commit(RepoType.MODEL, repo, "main", "seed", files("README.md", "# R\n", "config.json", "{}\n",
        "docs/a.md", "a\n", "docs/b.md", "b\n", "weights/a.bin", "wa\n", "weights/b.bin", "wb\n", "weights/keep.txt", "k\n"),
        Set.of());
  }

  @Test
  void writesMatchThePythonClient() {
    HubEmulator hub = HUB.emulator();
    seedForWrites(hub, "testuser/py-writes");
    seedForWrites(hub, "testuser/j4-writes");
    String py = python(hub, "repo_writes.py", "testuser/py-writes").replace("testuser/py-writes", "REPO");

    HubClient hf4j = HubClient.create(EmulatorSupport.config(hub));
    RepoId id = RepoId.of("testuser/j4-writes");
    Map<String, Object> j = new LinkedHashMap<>();
    hf4j.createBranch(id, "dev");
    hf4j.createBranch(id, "dev", CreateBranchParams.builder().existOk(true).build());
    j.put("branch_again", statusOf(() -> hf4j.createBranch(id, "dev")));
    hf4j.createBranch(id, "release/v1", CreateBranchParams.builder().revision("dev").build());
    hf4j.createTag(id, "v1", CreateTagParams.builder().tagMessage("first release").revision("dev").build());
    hf4j.createTag(id, "v1", CreateTagParams.builder().existOk(true).build());
    j.put("tag_again", statusOf(() -> hf4j.createTag(id, "v1")));
    j.put("tag_unknown_revision", statusOf(() -> hf4j.createTag(id, "v2", CreateTagParams.builder().revision("no-such-branch").build())));
    j.put("delete_file", hf4j.deleteFile(id, "config.json").commitMessage());
    j.put("delete_folder", hf4j.deleteFolder(id, "docs").commitMessage());
    j.put("delete_files", hf4j.deleteFiles(id, List.of("weights/*.bin")).commitMessage());
    j.put("files_after_deletes", hf4j.listRepoFiles(id).sorted().toList());
    GitRefs refs = hf4j.listRepoRefs(id);
    j.put("branches", refs.branches().stream().map(GitRefInfo::name).sorted().toList());
    j.put("tags", refs.tags().stream().map(GitRefInfo::name).toList());
    String devHead = refs.branches().stream().filter(b -> b.name().equals("dev")).findFirst().orElseThrow().targetCommit();
    j.put("tag_target_is_dev", refs.tags().get(0).targetCommit().equals(devHead));

    DiscussionWithDetails pr = hf4j.createPullRequest(id, "Add notes");
    Discussion d = pr.discussion();
    j.put("pr_created", Arrays.asList(d.num(), d.status(), d.isPullRequest(), pr.targetBranch(), d.gitReference()));
    CommitInfo onPr = hf4j.createCommit(id, List.of(CommitOperation.add("notes.md", "notes\n".getBytes(StandardCharsets.UTF_8))),
        "notes", CreateCommitParams.builder().revision(d.gitReference()).build());
    j.put("pr_commit_title", onPr.commitMessage());
    DiscussionEvent comment = hf4j.commentDiscussion(id, d.num(), "Looks good");
    j.put("comment", List.of(comment.type(), comment.content(), comment.author()));
    DiscussionWithDetails details = hf4j.getDiscussionDetails(id, d.num());
    j.put("pr_details", Arrays.asList(details.discussion().status(), details.events().stream().map(DiscussionEvent::type).toList(),
        details.conflictingFiles(), details.targetBranch(), details.mergeCommitOid()));
    hf4j.mergePullRequest(id, d.num(), "merging");
    details = hf4j.getDiscussionDetails(id, d.num());
    GitCommitInfo head = hf4j.listRepoCommits(id).findFirst().orElseThrow();
    j.put("merged", List.of(details.discussion().status(), head.commitId().equals(details.mergeCommitOid()), head.title(),
        hf4j.listRepoFiles(id).anyMatch("notes.md"::equals)));
    j.put("merge_again", statusOf(() -> hf4j.mergePullRequest(id, d.num())));

    DiscussionWithDetails disc = hf4j.createDiscussion(id, "A question", CreateDiscussionParams.builder().description("Why?").build());
    DiscussionEvent change = hf4j.changeDiscussionStatus(id, disc.discussion().num(), "closed", "answered");
    j.put("status_change", List.of(change.type(), change.newStatus()));
    j.put("discussions", hf4j.getRepoDiscussions(id).map(x -> List.of(x.num(), x.title(), x.status(), x.isPullRequest())).toList());
    j.put("discussions_open_prs", hf4j.getRepoDiscussions(id, GetRepoDiscussionsParams.builder().discussionType("pull_request")
        .discussionStatus("open").build()).map(Discussion::num).toList());

    CommitInfo conflictPr = hf4j.createCommit(id, List.of(CommitOperation.add("README.md", "pr version\n".getBytes(StandardCharsets.UTF_8))),
        "PR edit", CreateCommitParams.builder().createPr(true).build());
    hf4j.createCommit(id, List.of(CommitOperation.add("README.md", "main version\n".getBytes(StandardCharsets.UTF_8))), "main edit");
    assertNotNull(conflictPr.prNum());
    j.put("conflict_details", hf4j.getDiscussionDetails(id, conflictPr.prNum()).conflictingFiles());
    String headBefore = hf4j.listRepoCommits(id).findFirst().orElseThrow().commitId();
    j.put("merge_conflict", statusOf(() -> hf4j.mergePullRequest(id, conflictPr.prNum())));
    j.put("merge_conflict_kept_head", hf4j.listRepoCommits(id).findFirst().orElseThrow().commitId().equals(headBefore));
    j.put("conflict_pr_status", hf4j.getDiscussionDetails(id, conflictPr.prNum()).discussion().status());

    hf4j.updateRepoSettings(id, RepoSettingsParams.builder().privateRepo(true).gated("manual").build());
    ModelInfo info = hf4j.modelInfo(id);
    j.put("settings", List.of(info.privateRepo(), info.gated() == null ? (Object) false : info.gated()));
    hf4j.updateRepoSettings(id, RepoSettingsParams.builder().notGated().visibility("public").build());
    info = hf4j.modelInfo(id);
    j.put("settings_back", List.of(info.privateRepo(), info.gated() == null ? (Object) false : info.gated()));

    hf4j.deleteBranch(id, "release/v1");
    hf4j.deleteTag(id, "v1");
    j.put("delete_branch_missing", statusOf(() -> hf4j.deleteBranch(id, "release/v1")));
    refs = hf4j.listRepoRefs(id);
    j.put("refs_after_deletes", List.of(refs.branches().stream().map(GitRefInfo::name).sorted().toList(),
        refs.tags().stream().map(GitRefInfo::name).toList()));

    hf4j.createRepo(RepoId.of(id + "-taken"));
    j.put("move_onto_existing", statusOf(() -> hf4j.moveRepo(id, RepoId.of(id + "-taken"))));
    hf4j.moveRepo(id, RepoId.of(id + "-moved"));
    j.put("moved", List.of(hf4j.repoExists(RepoId.of(id + "-moved")), hf4j.modelInfo(id).id(),
        hf4j.modelInfo(RepoId.of(id + "-moved")).id()));

    Object java = JsonObject.parse(JsonObject.write(j).replace("testuser/j4-writes", "REPO"), "java side");
    assertEquals(JsonObject.parse(py, "python side"), java);
    assertEquals(409, j.get("branch_again"));
    assertEquals(404, j.get("tag_unknown_revision"));
    assertEquals(409, j.get("merge_conflict"));
    assertEquals(List.of("README.md"), j.get("conflict_details"));
    assertEquals(409, j.get("move_onto_existing"));
  }
}
