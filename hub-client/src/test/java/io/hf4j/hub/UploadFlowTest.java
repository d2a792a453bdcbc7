package io.hf4j.hub;
import java.util.Objects;
import io.hf4j.core.CancelledException;
import io.hf4j.core.CancellationToken;

import static io.hf4j.hub.EmulatorSupport.assertRepoHolds;
import static io.hf4j.hub.EmulatorSupport.count;
import static io.hf4j.hub.EmulatorSupport.localFiles;
import static io.hf4j.hub.EmulatorSupport.random;
import static io.hf4j.hub.EmulatorSupport.storageBytes;
import static io.hf4j.hub.EmulatorSupport.write;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.PermissionDeniedException;
import io.hf4j.core.PreconditionFailedException;
import io.hf4j.core.RepoId;
import io.hf4j.core.SpaceSdk;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.testkit.CommitView;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import io.hf4j.testkit.RecordedRequest;
import io.hf4j.testkit.RepoView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Create, upload and compare through the emulator's state. */
class UploadFlowTest {
  static final int CHUNK = 64 * 1024;

  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024).multipartChunkSize(CHUNK));

  @TempDir Path dir;
  HubEmulator emulator;
  HubClient hub;
  String user;

  @BeforeEach
  void setUp() {
    emulator = HUB.emulator();
    hub = HubClient.create(EmulatorSupport.config(emulator));
    user = emulator.userName();
  }

  private RepoId newRepo(String name, RepoType type) {
    RepoId id = RepoId.of(type, user + "/" + name);
    CreateRepoParams.Builder b = CreateRepoParams.builder();
    if (type.equals(RepoType.SPACE)) b.spaceSdk(SpaceSdk.GRADIO);
    hub.createRepo(id, b.build());
    return id;
  }

  @Test
  void regularLfsMultipartAndEmptyFilesArriveByteIdentical() {
    RepoId repo = newRepo("mixed", RepoType.MODEL);
    Path folder = dir.resolve("mixed");
    write(folder, "README.md", "# Demo\n".getBytes(StandardCharsets.UTF_8));
    write(folder, "config.json", "{\"a\": 1}\n".getBytes(StandardCharsets.UTF_8));
    write(folder, "sub/notes.txt", "notes".repeat(100).getBytes(StandardCharsets.UTF_8));
    write(folder, "sub/deeper/w.bin", random(4096, 1));
    write(folder, "big.bin", random(5 * CHUNK + 123, 2));
    write(folder, "empty.txt", new byte[0]);
    write(folder, ".env.example", "A=1\n".getBytes(StandardCharsets.UTF_8));
    write(folder, ".git/config", "[core]\n".getBytes(StandardCharsets.UTF_8));
    write(folder, "sub/.git/HEAD", "ref".getBytes(StandardCharsets.UTF_8));
    write(folder, ".cache/huggingface/upload/x.metadata", "1".getBytes(StandardCharsets.UTF_8));
    emulator.clearRequests();

    CommitInfo info = lfsOnly().uploadFolder(repo, folder);

    SortedMap<String, byte[]> expected = new TreeMap<>(localFiles(folder));
    expected.keySet().removeIf(p -> p.startsWith(".git/") || p.contains("/.git/") || p.startsWith(".cache/huggingface/"));
    RepoView view = emulator.repo(repo.toString());
    assertRepoHolds(view, "main", expected);
    assertEquals(info.oid(), view.head("main"));
    assertEquals("Upload folder using huggingface_hub", view.commits("main").get(0).title());
    assertTrue(Objects.requireNonNull(view.file("main", "big.bin")).lfs());
    assertFalse(Objects.requireNonNull(view.file("main", "empty.txt")).lfs());
    List<RecordedRequest> log = emulator.requests();
    assertEquals(1, count(log, "POST", ".*/commit/main"));
    assertEquals(6, count(log, "PUT", "/upload/[^/]+/part/\\d+"), "big.bin in 6 parts");
    assertEquals(4096 + 5 * CHUNK + 123, storageBytes(log));
    assertTrue(emulator.tokenLeaks().isEmpty(), emulator.tokenLeaks().toString());

    emulator.clearRequests();
    CommitInfo again = lfsOnly().uploadFolder(repo, folder);
    assertEquals(info.oid(), again.oid(), "nothing changed: no commit, the head is returned");
    List<RecordedRequest> second = emulator.requests();
    assertEquals(0, storageBytes(second));
    assertEquals(0, count(second, "POST", ".*/commit/.*"));
    assertEquals(0, count(second, "POST", ".*lfs/objects/batch"));
  }

  @Test
  void aCancelledUploadResumesWithoutSendingStoredBytesAgain() throws Exception {
    RepoId repo = newRepo("resume", RepoType.MODEL);
    Path folder = dir.resolve("resume");
    long lfsBytes = 0;
    Map<String, Integer> sizeByOid = new java.util.HashMap<>();
    for (int i = 0; i < 8; i++) {
      byte[] content = random(3 * CHUNK + i, 100 + i);
      write(folder, "weights/w" + i + ".bin", content);
      lfsBytes += content.length;
      sizeByOid.put(Hashing.sha256(content), content.length);
    }
    for (int i = 0; i < 120; i++) write(folder, "text/t" + i + ".txt", ("t" + i).getBytes(StandardCharsets.UTF_8));
    CancellationToken token = CancellationToken.create();
    AtomicInteger stored = new AtomicInteger();
    UploadFolderParams first = UploadFolderParams.builder().concurrency(1).cancellationToken(token)
        .tuning(small(20)).multiCommit(true).listener(e -> {
          if (e instanceof UploadEvent.FileUploaded u && !u.alreadyPresent() && stored.incrementAndGet() == 2) token.cancel();
        }).build();
    // Slow storage, so that the cancellation lands while later parts are in flight.
    FaultRule slow = emulator.faults().inject(FaultRule.on("PUT", "/upload/**").host(Host.STORAGE).delay(Duration.ofMillis(150)));
    emulator.clearRequests();

    try {
      assertThrows(CancelledException.class, () -> lfsOnly().uploadFolder(repo, folder, first));
    } finally {
      emulator.faults().remove(slow);
    }
    assertNoWorkerThreads();
    List<RecordedRequest> run1 = emulator.requests();
    RepoView view = emulator.repo(repo.toString());
    Set<String> storedAfterRun1 = view.lfsObjects();
    assertTrue(storedAfterRun1.size() >= 2 && storedAfterRun1.size() < 8, storedAfterRun1.toString());
    Set<String> committedRun1 = committedPaths(view);

    emulator.clearRequests();
    lfsOnly().uploadFolder(repo, folder, UploadFolderParams.builder().tuning(small(20)).multiCommit(true).build());
    List<RecordedRequest> run2 = emulator.requests();

    assertRepoHolds(view, "main", localFiles(folder));
    long storedBytes = 0;
    for (String oid : storedAfterRun1) storedBytes += sizeByOid.get(oid);
    assertTrue(storageBytes(run2) <= lfsBytes - storedBytes,
        "run 2 sent " + storageBytes(run2) + " bytes; " + storedBytes + " of " + lfsBytes + " were stored already");
    assertTrue(storageBytes(run1) >= storedBytes);
    Set<String> committedRun2 = new HashSet<>(committedPaths(view));
    committedRun2.removeAll(committedRun1);
    assertEquals(localFiles(folder).size(), committedRun1.size() + committedRun2.size(), "no file committed twice");
  }

  /** A client on the Git LFS path only: the tests above check LFS storage PUTs and parts. */
  private HubClient lfsOnly() {
    return HubClient.create(EmulatorSupport.config(emulator).toBuilder().disableXet(true).build());
  }

  private static UploadTuning small(int commitSize) {
    UploadTuning d = UploadTuning.DEFAULTS;
    return new UploadTuning(d.preuploadBatch(), d.lfsBatch(), List.of(commitSize), 0, d.targetCommitDuration(),
        d.maxBatchAge(), d.regularBytesBudget(), d.maxInflightFiles());
  }

  private static Set<String> committedPaths(RepoView view) {
    return view.commits("main").stream().flatMap(c -> c.changedPaths().stream())
        .filter(p -> !p.equals(".gitattributes")).collect(Collectors.toSet());
  }

  /** Upload threads exit with the call (a thread may take a moment to finish dying after its pool stopped). */
  static void assertNoWorkerThreads() throws InterruptedException {
    Set<Thread> alive = Set.of();
    for (int i = 0; i < 100; i++) {
      alive = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("hf4j-hash") || t.getName().startsWith("hf4j-transfer")
              || t.getName().startsWith("hf4j-lfs") || t.getName().startsWith("hf4j-upload"))
          .collect(Collectors.toSet());
      if (alive.isEmpty()) return;
      for (Thread t : alive) t.join(20);
    }
    assertEquals(Set.of(), alive.stream().map(Thread::getName).collect(Collectors.toSet()),
        "no upload thread may outlive the call");
  }

  @Test
  void anInterruptedThreadStopsTheUploadAndARerunCompletesIt() throws Exception {
    RepoId repo = newRepo("interrupt", RepoType.MODEL);
    Path folder = dir.resolve("interrupt");
    for (int i = 0; i < 6; i++) write(folder, "w" + i + ".bin", random(2 * CHUNK, 200 + i));
    AtomicReference<Thread> worker = new AtomicReference<>();
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        hub.uploadFolder(repo, folder, UploadFolderParams.builder().concurrency(1).listener(e -> {
          if (e instanceof UploadEvent.FileUploaded) worker.get().interrupt();
        }).build());
      } catch (Throwable e) {
        outcome.set(e);
      }
    });
    worker.set(t);
    t.start();
    t.join(30_000);
    assertFalse(t.isAlive());
    assertTrue(outcome.get() instanceof CancelledException, String.valueOf(outcome.get()));
    assertNoWorkerThreads();
    hub.uploadFolder(repo, folder);
    assertRepoHolds(emulator.repo(repo.toString()), "main", localFiles(folder));
  }

  @Test
  void createPrPutsEveryPartIntoOnePullRequest() {
    RepoId repo = newRepo("pr", RepoType.MODEL);
    Path folder = dir.resolve("pr");
    for (int i = 0; i < 50; i++) write(folder, "f" + i + ".txt", ("x" + i).getBytes(StandardCharsets.UTF_8));
    String mainBefore = emulator.repo(repo.toString()).head("main");

    CommitInfo info = hub.uploadFolder(repo, folder, UploadFolderParams.builder().createPr(true).tuning(small(20)).multiCommit(true).build());

    RepoView view = emulator.repo(repo.toString());
    assertEquals(mainBefore, view.head("main"), "main is untouched");
    assertEquals(1, view.pullRequests().size());
    int pr = view.pullRequests().keySet().iterator().next();
    assertEquals("refs/pr/" + pr, info.prRevision());
    assertEquals(info.oid(), view.resolve("refs/pr/" + pr));
    assertRepoHolds(view, "refs/pr/" + pr, localFiles(folder));
  }

  @Test
  void deletePatternsMirrorTheFolderButKeepGitattributes() throws Exception {
    RepoId repo = newRepo("mirror", RepoType.MODEL);
    Path folder = dir.resolve("mirror");
    write(folder, "data/a.txt", "a".getBytes(StandardCharsets.UTF_8));
    write(folder, "data/b.txt", "b".getBytes(StandardCharsets.UTF_8));
    write(folder, "data/c.log", "c".getBytes(StandardCharsets.UTF_8));
    hub.uploadFolder(repo, folder.resolve("data"), UploadFolderParams.builder().pathInRepo("data").build());
    hub.uploadFile(repo, write(dir, "keep.txt", "k".getBytes(StandardCharsets.UTF_8)), "keep.txt");
    Files.delete(folder.resolve("data/b.txt"));
    write(folder, "data/a.txt", "a2".getBytes(StandardCharsets.UTF_8));

    hub.uploadFolder(repo, folder.resolve("data"), UploadFolderParams.builder().pathInRepo("data")
        .ignorePatterns("*.log").deletePatterns("*").build());

    RepoView view = emulator.repo(repo.toString());
    Map<String, byte[]> expected = new TreeMap<>();
    expected.put("data/a.txt", "a2".getBytes(StandardCharsets.UTF_8));
    expected.put("keep.txt", "k".getBytes(StandardCharsets.UTF_8));
    assertRepoHolds(view, "main", expected);
    assertNotNull(view.file("main", ".gitattributes"));
    CommitView last = view.commits("main").get(0);
    assertEquals(Set.of("data/a.txt", "data/b.txt", "data/c.log"), last.changedPaths());
  }

  @Test
  void allowPatternsAndGitignoreSelectFiles() {
    RepoId repo = newRepo("select", RepoType.MODEL);
    Path folder = dir.resolve("select");
    write(folder, ".gitignore", "*.tmp\n".getBytes(StandardCharsets.UTF_8));
    write(folder, "a.json", "{}".getBytes(StandardCharsets.UTF_8));
    write(folder, "scratch.tmp", "t".getBytes(StandardCharsets.UTF_8));
    write(folder, "nested/b.json", "[]".getBytes(StandardCharsets.UTF_8));
    write(folder, "nested/c.txt", "c".getBytes(StandardCharsets.UTF_8));
    List<UploadEvent> events = new CopyOnWriteArrayList<>();

    hub.uploadFolder(repo, folder, UploadFolderParams.builder().allowPatterns("*.json", ".gitignore", "*.tmp")
        .listener(events::add).build());

    Map<String, byte[]> expected = new TreeMap<>();
    expected.put(".gitignore", "*.tmp\n".getBytes(StandardCharsets.UTF_8));
    expected.put("a.json", "{}".getBytes(StandardCharsets.UTF_8));
    expected.put("nested/b.json", "[]".getBytes(StandardCharsets.UTF_8));
    assertRepoHolds(emulator.repo(repo.toString()), "main", expected);
    assertTrue(events.contains(new UploadEvent.FileSkipped("scratch.tmp", UploadEvent.SkipReason.IGNORED)));
  }

  @Test
  void createCommitCopiesAndDeletesInsideTheRepo() {
    RepoId repo = newRepo("copies", RepoType.SPACE);
    byte[] weights = random(5000, 9);
    byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
    CreateCommitParams space = CreateCommitParams.defaults();
    hub.createCommit(repo, List.of(CommitOperation.add("w.bin", weights), CommitOperation.add("a.txt", text),
        CommitOperation.add("old/x.txt", text)), "seed", space);
    emulator.clearRequests();

    hub.createCommit(repo, List.of(CommitOperation.copy("w.bin", "copy/w.bin"), CommitOperation.copy("a.txt", "copy/a.txt"),
        CommitOperation.deleteFolder("old")), "copy", space);

    RepoView view = emulator.repo(RepoType.SPACE, repo.toString());
    assertArrayEquals(weights, view.fileBytes("main", "copy/w.bin"));
    assertArrayEquals(text, view.fileBytes("main", "copy/a.txt"));
    assertNull(view.file("main", "old/x.txt"));
    assertEquals(0, storageBytes(emulator.requests()), "an LFS copy sends no bytes");
  }

  @Test
  void repoLifecycleOnTheEmulator() {
    WhoAmI me = hub.whoami();
    assertEquals(user, me.name());
    RepoId id = RepoId.of(user, "life");
    RepoUrl url = hub.createRepo(id, CreateRepoParams.builder().privateRepo(true).build());
    assertTrue(url.url().endsWith("/" + user + "/life"), url.url());
    assertEquals(url.url(), hub.createRepo(id, CreateRepoParams.builder().existOk(true).build()).url());
    assertTrue(emulator.repo(id.toString()).isPrivate());
    assertTrue(hub.repoExists(id));
    hub.uploadFile(id, write(dir, "x/config.json", "{}".getBytes(StandardCharsets.UTF_8)), "conf/config.json");
    assertTrue(hub.fileExists(id, "conf/config.json"));
    assertFalse(hub.fileExists(id, "conf/missing.json"));
    assertEquals(List.of(".gitattributes", "conf/config.json"), hub.listRepoFiles(id).sorted().toList());
    List<RepoTreeEntry> conf = hub.listRepoTree(id, ListRepoTreeParams.builder().pathInRepo("conf").build()).toList();
    assertEquals(1, conf.size());
    RepoFile file = (RepoFile) conf.get(0);
    assertEquals("conf/config.json", file.path());
    assertEquals(2, file.size());
    assertEquals(Objects.requireNonNull(emulator.repo(id.toString()).file("main", "conf/config.json")).gitOid(), file.blobId());
    ModelInfo info = hub.modelInfo(id);
    assertEquals(emulator.repo(id.toString()).head("main"), info.sha());
    assertEquals(Boolean.TRUE, info.privateRepo());
    hub.deleteRepo(id);
    assertFalse(hub.repoExists(id));
    hub.deleteRepo(id, DeleteRepoParams.builder().missingOk(true).build());
  }

  @Test
  void typedErrorsForAMissingRepoAReadTokenAndAStaleParent() {
    Path file = write(dir, "e/a.txt", "a".getBytes(StandardCharsets.UTF_8));
    RepositoryNotFoundException missing = assertThrows(RepositoryNotFoundException.class,
        () -> hub.uploadFile(RepoId.of(user, "never-created"), file, "a.txt"));
    assertTrue(missing.getMessage().contains("Create the repo first"), missing.getMessage());

    RepoId repo = newRepo("errors", RepoType.MODEL);
    HubClient readOnly = HubClient.create(emulator.hfConfigBuilder().token(emulator.readToken()).build());
    PermissionDeniedException denied = assertThrows(PermissionDeniedException.class,
        () -> readOnly.uploadFile(repo, file, "a.txt"));
    assertTrue(denied.getMessage().contains("read token cannot write"), denied.getMessage());

    String stale = emulator.repo(repo.toString()).head("main");
    hub.uploadFile(repo, file, "a.txt");
    PreconditionFailedException e = assertThrows(PreconditionFailedException.class, () -> hub.uploadFile(repo,
        write(dir, "e/b.txt", "b".getBytes(StandardCharsets.UTF_8)), "b.txt",
        UploadFileParams.builder().parentCommit(stale).build()));
    assertEquals(412, e.statusCode());
    assertNull(emulator.repo(repo.toString()).file("main", "b.txt"));
  }

  @Test
  void anEmptyFolderOrNoOperationCommitsNothingAndReturnsTheHead() throws Exception {
    RepoId repo = newRepo("empty", RepoType.MODEL);
    String head = emulator.repo(repo.toString()).head("main");
    Files.createDirectories(dir.resolve("nothing"));
    emulator.clearRequests();
    assertEquals(head, hub.uploadFolder(repo, dir.resolve("nothing")).oid());
    assertEquals(head, hub.createCommit(repo, List.of(), "nothing").oid());
    assertEquals(0, count(emulator.requests(), "POST", ".*/commit/.*"));
    assertEquals(1, emulator.repo(repo.toString()).commits("main").size());
  }
}
