package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.RepoId;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proof 5 for uploads: faults on the CAS routes, a re-run after a failed upload, token expiry, a refused shard. */
class XetFaultTest {
  @TempDir
  Path dir;

  private HubEmulator emulator;
  private HubClient hub;
  private final RepoId repo = RepoId.of("testuser/faults");

  @BeforeEach
  void start() {
    emulator = HubEmulator.builder().lfsThreshold(1024).build().start();
    hub = HubClient.create(EmulatorSupport.config(emulator));
    hub.createRepo(repo);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private String log() {
    return emulator.requests().stream().map(r -> r.host() + " " + r.method() + " " + r.path() + " -> " + r.status()
        + (r.fault() == null ? "" : " [" + r.fault() + "]")).collect(Collectors.joining("\n"));
  }

  private long count(String method, String prefix) {
    return emulator.requests().stream().filter(r -> r.method().equals(method) && r.path().startsWith(prefix)).count();
  }

  private Path folder(String name, int files, int size, long seed) {
    Path f = dir.resolve(name);
    for (int i = 0; i < files; i++) EmulatorSupport.write(f, "w" + i + ".bin", EmulatorSupport.random(size, seed + i));
    return f;
  }

  private int commits() {
    return emulator.repo("testuser/faults").commits("main").size();
  }

  @Test
  void fivexxResetsAnd429sOnXorbAndShardUploadsAreSurvivedWithOneCommit() {
    Path src = folder("src", 3, 2_000_000, 1);
    emulator.faults().inject(FaultRule.on("POST", "/v1/xorbs/**").host(Host.CAS).nth(1).status(503));
    emulator.faults().inject(FaultRule.on("POST", "/v1/xorbs/**").host(Host.CAS).nth(2).resetDuringRequestBody());
    emulator.faults().inject(FaultRule.on("POST", "/v1/xorbs/**").host(Host.CAS).nth(3).rateLimited(Duration.ofSeconds(1)));
    emulator.faults().inject(FaultRule.on("POST", "/v1/shards").host(Host.CAS).nth(1).status(500));
    emulator.faults().inject(FaultRule.on("POST", "/v1/shards").host(Host.CAS).nth(2).resetBeforeResponse());
    emulator.faults().inject(FaultRule.on("POST", "/v1/shards").host(Host.CAS).nth(3).dropResponseAfterApply());
    int before = commits();
    hub.uploadFolder(repo, src);
    assertEquals(before + 1, commits(), () -> "exactly one commit (no duplicate):\n" + log());
    assertTrue(emulator.faults().events().size() >= 6, () -> emulator.faults().events() + "\n" + log());
    EmulatorSupport.assertRepoHolds(emulator.repo("testuser/faults"), "main", EmulatorSupport.localFiles(src));
  }

  @Test
  void aFailedUploadReRunSendsNoStoredXorbAgain() {
    Path src = folder("src", 4, 3_000_000, 10);
    // The commit never lands: the xorbs and the shard are stored, the call fails.
    FaultRule down = emulator.faults().inject(FaultRule.on("POST", "/api/models/testuser/faults/commit/**")
        .always().status(500));
    int before = commits();
    assertThrows(HfException.class, () -> hub.uploadFolder(repo, src));
    emulator.faults().remove(down);
    assertEquals(before, commits());
    assertTrue(emulator.xet().xorbs().size() >= 1);
    long stored = emulator.xet().xorbUploads();

    emulator.clearRequests();
    HubClient fresh = HubClient.create(EmulatorSupport.config(emulator));
    fresh.uploadFolder(repo, src);
    assertEquals(0, count("POST", "/v1/xorbs/"), () -> "stored xorbs were sent again:\n" + log());
    assertEquals(stored, emulator.xet().xorbUploads());
    assertEquals(before + 1, commits());
    EmulatorSupport.assertRepoHolds(emulator.repo("testuser/faults"), "main", EmulatorSupport.localFiles(src));
  }

  @Test
  void anUploadKilledBeforeItsShardReRunsWithoutResendingItsXorbs() {
    Path src = folder("src", 3, 3_000_000, 40);
    // Xorbs stored, shard never accepted: the server knows the xorbs but no file (no global dedupe yet).
    FaultRule down = emulator.faults().inject(FaultRule.on("POST", "/v1/shards").host(Host.CAS).always().status(503));
    assertThrows(HfException.class, () -> hub.uploadFolder(repo, src));
    emulator.faults().remove(down);
    assertEquals(0, emulator.xet().files());
    long stored = emulator.xet().xorbUploads();
    assertTrue(stored >= 1);

    emulator.clearRequests();
    HubClient fresh = HubClient.create(EmulatorSupport.config(emulator));
    fresh.uploadFolder(repo, src);
    assertEquals(0, count("POST", "/v1/xorbs/"), () -> "stored xorbs were sent again:\n" + log());
    assertEquals(3, emulator.xet().files());
    EmulatorSupport.assertRepoHolds(emulator.repo("testuser/faults"), "main", EmulatorSupport.localFiles(src));
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
  void cancellingWhileXorbsAreInFlightStopsTheUploadAndRecordsNothing() throws Exception {
    Path src = folder("src", 3, 1_000_000, 30);
    // the CAS holds every xorb POST for ten minutes: only the cancellation can end the call before that
    emulator.faults().inject(FaultRule.on("POST", "/v1/xorbs/**").host(Host.CAS).always().delay(Duration.ofMinutes(10)));
    HfConfig config = EmulatorSupport.config(emulator);
    HubClient client = HubClient.create(config);
    io.hf4j.core.CancellationToken token = io.hf4j.core.CancellationToken.create();
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    int before = commits();
    Thread t = new Thread(() -> {
      try {
        client.uploadFolder(repo, src, UploadFolderParams.builder().cancellationToken(token).build());
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    t.start();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    while (emulator.faults().events().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10); // polls for a real asynchronous effect: the xorb POST reaching the CAS
    }
    assertTrue(!emulator.faults().events().isEmpty(), this::log);
    token.cancel();
    t.join(java.util.concurrent.TimeUnit.MINUTES.toMillis(2));
    assertTrue(!t.isAlive(), "the upload ended without the CAS answering");
    assertTrue(thrown.get() instanceof io.hf4j.core.CancelledException, String.valueOf(thrown.get()));
    assertEquals(before, commits());
    assertEquals(0, count("POST", "/v1/shards"), this::log);
    assertEquals(0, emulator.xet().files());
    Path record = config.hfHome().resolve("xet").resolve("hf4j-stored-xorbs");
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.exists(record) ? java.nio.file.Files.walk(record)
        : java.util.stream.Stream.empty()) {
      assertEquals(List.of(), files.filter(java.nio.file.Files::isRegularFile).toList(), "no xorb was confirmed");
    }
  }

  @Test
  void anExpiredTokenMidUploadIsRefreshedThroughTheRefreshRoute() {
    Path src = folder("src", 3, 1_000_000, 20);
    AtomicBoolean expired = new AtomicBoolean();
    hub.uploadFolder(repo, src, UploadFolderParams.builder().listener(e -> {
      if (e instanceof UploadEvent.XetFileStored && expired.compareAndSet(false, true)) emulator.xet().expireTokens();
    }).build());
    assertTrue(expired.get());
    List<RecordedRequest> casAuthFailures = emulator.requests().stream()
        .filter(r -> r.host() == Host.CAS && r.status() == 401).toList();
    assertTrue(count("GET", "/api/models/testuser/faults/xet-write-token/") >= 2, this::log);
    assertTrue(casAuthFailures.size() >= 1, () -> "the expired token was never refused:\n" + log());
    EmulatorSupport.assertRepoHolds(emulator.repo("testuser/faults"), "main", EmulatorSupport.localFiles(src));
  }

  @Test
  void aRefusedShardIsATypedErrorAndNothingIsCommitted() {
    Path src = folder("src", 2, 500_000, 30);
    emulator.faults().inject(FaultRule.on("POST", "/v1/shards").host(Host.CAS).always().status(400));
    int before = commits();
    HfHttpException e = assertThrows(HfHttpException.class, () -> hub.uploadFolder(repo, src));
    assertEquals(400, e.statusCode(), e.getMessage());
    assertTrue(e.getMessage().contains("/v1/shards"), e.getMessage());
    assertEquals(before, commits(), this::log);
    assertEquals(0, count("POST", "/api/models/testuser/faults/commit/main"), this::log);
    assertEquals(0, emulator.xet().files());
  }
}
