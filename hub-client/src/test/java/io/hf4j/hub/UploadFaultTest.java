package io.hf4j.hub;

import static io.hf4j.hub.EmulatorSupport.assertRepoHolds;
import static io.hf4j.hub.EmulatorSupport.localFiles;
import static io.hf4j.hub.EmulatorSupport.random;
import static io.hf4j.hub.EmulatorSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfException;
import io.hf4j.core.RepoId;
import io.hf4j.testkit.CommitView;
import io.hf4j.testkit.FaultKind;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import io.hf4j.testkit.RepoView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: one fault on one endpoint per case. The upload must complete byte-identical with
 * exactly one new commit, or fail with a typed error and complete when run again.
 */
class UploadFaultTest {
  static final int CHUNK = 32 * 1024;
  static final AtomicInteger REPOS = new AtomicInteger();

  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024).multipartChunkSize(CHUNK));

  @TempDir Path dir;
  HubEmulator emulator;
  HubClient hub;
  List<Duration> sleeps;

  @BeforeEach
  void setUp() {
    emulator = HUB.emulator();
    sleeps = new CopyOnWriteArrayList<>();
    hub = HubClient.create(EmulatorSupport.config(emulator, sleeps).toBuilder().disableXet(true).build()); // LFS faults
  }

  @AfterEach
  void clearFaults() {
    emulator.faults().clear();
  }

  enum Endpoint {
    PREUPLOAD("POST", "/api/models/*/*/preupload/**", Host.API),
    LFS_BATCH("POST", "/*/*.git/info/lfs/objects/batch", Host.API),
    BASIC_PUT("PUT", "/upload/*", Host.STORAGE),
    PART_PUT("PUT", "/upload/*/part/*", Host.STORAGE),
    COMPLETE("POST", "/api/complete_multipart", Host.API),
    VERIFY("POST", "/*/*.git/info/lfs/objects/verify", Host.API),
    COMMIT("POST", "/api/models/*/*/commit/**", Host.API);

    final String method;
    final String glob;
    final Host host;

    Endpoint(String method, String glob, Host host) {
      this.method = method;
      this.glob = glob;
      this.host = host;
    }
  }

  static Stream<Arguments> matrix() {
    List<Arguments> out = new ArrayList<>();
    List<Function<FaultRule.Builder, FaultRule>> faults = List.of(
        b -> b.status(500), b -> b.status(503), FaultRule.Builder::resetBeforeResponse,
        FaultRule.Builder::resetDuringRequestBody, FaultRule.Builder::resetDuringResponseBody,
        FaultRule.Builder::dropResponseAfterApply);
    List<String> names = List.of("500", "503", "reset before response", "reset during request body",
        "reset during response body", "response lost after apply");
    for (Endpoint e : Endpoint.values()) {
      for (int i = 0; i < faults.size(); i++) out.add(Arguments.of(e, names.get(i), faults.get(i)));
    }
    return out.stream();
  }

  private Path folder(String name) {
    Path folder = dir.resolve(name);
    write(folder, "README.md", "# faults\n".getBytes(StandardCharsets.UTF_8));
    write(folder, "small.bin", random(3000, 1));
    write(folder, "big.bin", random(3 * CHUNK + 17, 2));
    return folder;
  }

  private RepoId newRepo() {
    RepoId id = RepoId.of(emulator.userName(), "faults-" + REPOS.incrementAndGet());
    hub.createRepo(id);
    return id;
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("matrix")
  @Timeout(60)
  void oneFaultOnOneEndpoint(Endpoint endpoint, String name, Function<FaultRule.Builder, FaultRule> fault) {
    RepoId repo = newRepo();
    Path folder = folder("f");
    FaultRule rule = emulator.faults().inject(fault.apply(FaultRule.on(endpoint.method, endpoint.glob).host(endpoint.host).nth(1)));
    // One fault on one endpoint is absorbed by the upload itself: no exception, no re-run.
    hub.uploadFolder(repo, folder, UploadFolderParams.builder().verifyLfs(true).build());
    assertEquals(1, rule.fired(), "the fault must have been exercised");
    RepoView view = emulator.repo(repo.toString());
    assertRepoHolds(view, "main", localFiles(folder));
    List<CommitView> history = view.commits("main");
    assertEquals(2, history.size(), "the initial commit and exactly one upload commit: " + history);
    assertTrue(emulator.tokenLeaks().isEmpty(), emulator.tokenLeaks().toString());
  }

  @Test
  @Timeout(60)
  void rateLimitsOnEveryHubEndpointAreWaitedOut() {
    RepoId repo = newRepo();
    Path folder = folder("rl");
    List<FaultRule> rules = new ArrayList<>();
    for (Endpoint e : List.of(Endpoint.PREUPLOAD, Endpoint.LFS_BATCH, Endpoint.COMMIT, Endpoint.VERIFY)) {
      rules.add(emulator.faults().inject(FaultRule.on(e.method, e.glob).nth(1).rateLimited(Duration.ofSeconds(1))));
    }
    hub.uploadFolder(repo, folder, UploadFolderParams.builder().verifyLfs(true).build());
    for (FaultRule r : rules) assertEquals(1, r.fired(), r.toString());
    assertEquals(4, emulator.faults().count(FaultKind.RATE_LIMIT));
    assertRepoHolds(emulator.repo(repo.toString()), "main", localFiles(folder));
    assertEquals(2, emulator.repo(repo.toString()).commits("main").size());
    assertTrue(sleeps.stream().anyMatch(d -> d.compareTo(Duration.ofMillis(900)) >= 0), "waited for the window: " + sleeps);
  }

  @Test
  @Timeout(60)
  void aCommitThatKeepsFailingIsTypedAndARerunCompletesIt() {
    RepoId repo = newRepo();
    Path folder = folder("down");
    emulator.faults().inject(FaultRule.on(Endpoint.COMMIT.method, Endpoint.COMMIT.glob).always().status(502));
    HfException e = org.junit.jupiter.api.Assertions.assertThrows(HfException.class, () -> hub.uploadFolder(repo, folder));
    assertInstanceOf(io.hf4j.core.ServerException.class, e);
    assertEquals(1, emulator.repo(repo.toString()).commits("main").size(), "nothing committed");
    emulator.faults().clear();
    emulator.clearRequests();
    hub.uploadFolder(repo, folder);
    assertRepoHolds(emulator.repo(repo.toString()), "main", localFiles(folder));
    assertEquals(0, EmulatorSupport.storageBytes(emulator.requests()), "LFS bytes stored by the failed run are not sent again");
  }

  @Test
  @Timeout(120)
  void randomFaultsEverywhereNeverDuplicateACommit() {
    RepoId repo = newRepo();
    Path folder = dir.resolve("random");
    for (int i = 0; i < 30; i++) write(folder, "t/f" + i + ".txt", ("text " + i).getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 4; i++) write(folder, "w/w" + i + ".bin", random(2 * CHUNK + i, 10 + i));
    UploadTuning d = UploadTuning.DEFAULTS;
    UploadTuning small = new UploadTuning(d.preuploadBatch(), d.lfsBatch(), List.of(10), 0, d.targetCommitDuration(),
        d.maxBatchAge(), d.regularBytesBudget(), d.maxInflightFiles());
    emulator.faults().inject(FaultRule.onAnyMethod("/**").host(Host.API).randomly(0.15, 42).status(503));
    emulator.faults().inject(FaultRule.onAnyMethod("/**").host(Host.STORAGE).randomly(0.2, 7).resetDuringRequestBody());
    emulator.faults().inject(FaultRule.on("POST", Endpoint.COMMIT.glob).randomly(0.3, 3).dropResponseAfterApply());
    int attempts = 0;
    while (true) {
      attempts++;
      try {
        hub.uploadFolder(repo, folder, UploadFolderParams.builder().tuning(small).multiCommit(true).build());
        break;
      } catch (HfException e) {
        assertFalse(e instanceof CallTracker.Aborted);
        if (attempts == 5) throw e;
      }
    }
    emulator.faults().clear();
    RepoView view = emulator.repo(repo.toString());
    assertRepoHolds(view, "main", localFiles(folder));
    Set<String> titles = new HashSet<>();
    int files = 0;
    for (CommitView c : view.commits("main")) {
      if (c.parentIds().isEmpty()) continue;
      files += c.changedPaths().size();
    }
    assertEquals(34, files, "every file committed exactly once, no duplicate commit");
    assertTrue(view.commits("main").stream().allMatch(c -> titles.add(c.title()) || c.parentIds().isEmpty()),
        "no commit title twice: " + view.commits("main"));
    assertTrue(emulator.faults().count() > 0);
  }

  @Test
  @Timeout(60)
  void aLostAnswerToTheCommitThatOpensAPullRequestOpensOnlyOne() {
    RepoId repo = newRepo();
    Path folder = folder("pr");
    String mainBefore = emulator.repo(repo.toString()).head("main");
    FaultRule lost = emulator.faults().inject(FaultRule.on(Endpoint.COMMIT.method, Endpoint.COMMIT.glob).nth(1)
        .dropResponseAfterApply());

    CommitInfo info = hub.uploadFolder(repo, folder, UploadFolderParams.builder().createPr(true).build());

    assertEquals(1, lost.fired());
    RepoView view = emulator.repo(repo.toString());
    assertEquals(1, view.pullRequests().size(), "one pull request, not two: " + view.pullRequests());
    int pr = view.pullRequests().keySet().iterator().next();
    assertEquals("refs/pr/" + pr, info.prRevision());
    assertEquals(mainBefore, view.head("main"));
    assertRepoHolds(view, "refs/pr/" + pr, localFiles(folder));
  }
}
