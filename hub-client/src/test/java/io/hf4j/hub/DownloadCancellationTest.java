package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.testkit.FaultKind;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling downloads through {@link DownloadParams#cancellationToken} and {@link
 * SnapshotDownloadParams#cancellationToken}: the call throws {@link CancelledException}, nothing partial stays in the
 * cache, and running it again completes. The class timeout is a hang guard: the held transfers would otherwise
 * wait for the emulator's two-minute delay.
 */
@Timeout(60)
class DownloadCancellationTest {
  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024).xet(false));

  @TempDir Path tmp;
  private final ExecutorService caller = Executors.newSingleThreadExecutor();

  @AfterEach
  void tearDown() {
    HUB.emulator().faults().clear();
    caller.shutdownNow();
  }

  private HubClient client() {
    HfConfig config = HUB.emulator().hfConfigBuilder().hubCache(tmp.resolve("hub")).sleeper(d -> { }).build();
    return HubClient.create(config);
  }

  private static RepoId seed(String name, Map<String, byte[]> files) {
    HubEmulator hub = HUB.emulator();
    RepoId id = RepoId.of(hub.userName() + "/" + name);
    hub.repos().create(RepoType.MODEL, id.toString(), false, Map.of());
    hub.repos().commit(RepoType.MODEL, id.toString(), "main", "seed", files, Set.of());
    return id;
  }

  /** Every file of the cache whose name marks a partial download. */
  private List<Path> partialFiles() throws Exception {
    Path cache = tmp.resolve("hub");
    if (!Files.exists(cache)) return List.of();
    try (Stream<Path> s = Files.walk(cache)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".incomplete")).toList();
    }
  }

  private List<Path> blobs(RepoId id) throws Exception {
    Path blobs = tmp.resolve("hub").resolve(CacheLayout.folderName(id)).resolve("blobs");
    if (!Files.exists(blobs)) return List.of();
    try (Stream<Path> s = Files.list(blobs)) {
      return s.toList();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) throw new AssertionError("latch not released");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void cancellingAFileMidBodyThrowsCancelledAndLeavesNoPartialFile() throws Exception {
    byte[] weights = DownloadTestHub.bytes(1_000_000, 11);
    RepoId id = seed("cancel-one", Map.of("model.bin", weights));
    HubClient hub = client();
    CancellationToken token = CancellationToken.create();
    CountDownLatch midBody = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // The listener holds the transfer after its first chunk is on disk, so the partial file exists when we cancel.
    DownloadParams params = DownloadParams.builder().cancellationToken(token).listener(e -> {
      if (e instanceof DownloadEvent.Progress p && p.bytesDone() < p.bytesTotal() && midBody.getCount() > 0) {
        midBody.countDown();
        await(release);
      }
    }).build();

    CompletableFuture<Path> download = CompletableFuture.supplyAsync(() -> hub.hfHubDownload(id, "model.bin", params), caller);
    await(midBody);
    assertEquals(1, partialFiles().size(), "a partial file is being written");
    token.cancel();
    release.countDown();

    ExecutionException e = assertThrows(ExecutionException.class, () -> download.get(30, TimeUnit.SECONDS));
    CancelledException cancelled = assertInstanceOf(CancelledException.class, e.getCause());
    assertTrue(cancelled.getMessage().contains("model.bin"), cancelled.getMessage());
    assertEquals(List.of(), partialFiles());
    assertEquals(List.of(), blobs(id), "no blob was committed to the cache");

    // The lock is free and a re-run downloads the whole file.
    Path again = hub.hfHubDownload(id, "model.bin");
    assertArrayEquals(weights, Files.readAllBytes(again));
    assertEquals(List.of(), partialFiles());
  }

  @Test
  void cancellingASnapshotClosesTheHeldTransfersAndARerunCompletes() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("config.json", "{\"a\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    files.put("a.bin", DownloadTestHub.bytes(200_000, 1));
    files.put("b.bin", DownloadTestHub.bytes(200_000, 2));
    files.put("c.bin", DownloadTestHub.bytes(200_000, 3));
    RepoId id = seed("cancel-snapshot", files);
    HubClient hub = client();
    HubEmulator emulator = HUB.emulator();
    // The storage holds every file GET for two minutes: only closing the calls can end them sooner.
    FaultRule hold = emulator.faults().inject(FaultRule.on("GET", "/**").host(Host.STORAGE).always()
        .delay(Duration.ofMinutes(2)));
    CancellationToken token = CancellationToken.create();
    List<DownloadEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    SnapshotDownloadParams params = SnapshotDownloadParams.builder().concurrency(2).cancellationToken(token)
        .listener(events::add).build();

    CompletableFuture<Path> download = CompletableFuture.supplyAsync(() -> hub.snapshotDownload(id, params), caller);
    // Wait until both workers are blocked on a held GET (the emulator records the fault as it starts holding).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (emulator.faults().count(FaultKind.DELAY) < 2) {
      assertFalse(download.isDone(), "the download ended before its transfers were held: " + download);
      assertTrue(System.nanoTime() < deadline, "the transfers never reached the storage");
      Thread.onSpinWait();
    }
    token.cancel();

    ExecutionException e = assertThrows(ExecutionException.class, () -> download.get(30, TimeUnit.SECONDS));
    assertInstanceOf(CancelledException.class, e.getCause());
    assertEquals(List.of(), partialFiles());
    assertTrue(events.stream().noneMatch(ev -> ev instanceof DownloadEvent.FileCompleted f && f.path().endsWith(".bin")),
        events.toString());

    emulator.faults().remove(hold);
    Path snapshot = hub.snapshotDownload(id);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      assertArrayEquals(f.getValue(), Files.readAllBytes(snapshot.resolve(f.getKey())), f.getKey());
    }
    assertEquals(List.of(), partialFiles());
  }

  @Test
  void interruptingASnapshotCallerThrowsCancelledAndARerunCompletes() throws Exception {
    Map<String, byte[]> files = Map.of("a.bin", DownloadTestHub.bytes(100_000, 4), "b.bin", DownloadTestHub.bytes(100_000, 5));
    RepoId id = seed("interrupt-snapshot", files);
    HubClient hub = client();
    HubEmulator emulator = HUB.emulator();
    FaultRule hold = emulator.faults().inject(FaultRule.on("GET", "/**").host(Host.STORAGE).always()
        .delay(Duration.ofMinutes(2)));
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread worker = new Thread(() -> {
      try {
        hub.snapshotDownload(id, SnapshotDownloadParams.builder().concurrency(2).build());
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
    }, "snapshot-caller");
    worker.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (emulator.faults().count(FaultKind.DELAY) < 2) {
      assertFalse(outcome.isDone(), "the download ended before its transfers were held");
      assertTrue(System.nanoTime() < deadline, "the transfers never reached the storage");
      Thread.onSpinWait();
    }
    worker.interrupt();

    assertInstanceOf(CancelledException.class, outcome.get(30, TimeUnit.SECONDS));
    worker.join();
    assertTrue(worker.isInterrupted() || !worker.isAlive(), "the interrupt status is kept");
    assertEquals(List.of(), partialFiles());
    emulator.faults().remove(hold);
    Path snapshot = hub.snapshotDownload(id);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      assertArrayEquals(f.getValue(), Files.readAllBytes(snapshot.resolve(f.getKey())), f.getKey());
    }
  }

  @Test
  void cancellingAXetDownloadStopsAtItsNextWriteAndLeavesNoPartialFile() throws Exception {
    try (HubEmulator xetHub = HubEmulator.builder().lfsThreshold(1024).xet(true).build().start()) {
      byte[] weights = DownloadTestHub.bytes(3 * 1024 * 1024, 21);
      String name = xetHub.userName() + "/xet-cancel";
      HubClient hub = HubClient.create(xetHub.hfConfigBuilder().hubCache(tmp.resolve("hub")).sleeper(d -> { }).build());
      RepoId id = RepoId.of(name);
      hub.createRepo(id);
      hub.uploadFile(id, EmulatorSupport.write(tmp.resolve("src"), "w.bin", weights), "w.bin");
      assertEquals(1, xetHub.xet().files(), "the file is stored in Xet");
      xetHub.clearRequests();
      CancellationToken token = CancellationToken.create();
      CountDownLatch midBody = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      DownloadParams params = DownloadParams.builder().cancellationToken(token).listener(e -> {
        if (e instanceof DownloadEvent.Progress p && p.bytesDone() < p.bytesTotal() && midBody.getCount() > 0) {
          midBody.countDown();
          await(release);
        }
      }).build();

      CompletableFuture<Path> download = CompletableFuture.supplyAsync(() -> hub.hfHubDownload(id, "w.bin", params), caller);
      await(midBody);
      token.cancel();
      release.countDown();

      ExecutionException e = assertThrows(ExecutionException.class, () -> download.get(30, TimeUnit.SECONDS));
      assertInstanceOf(CancelledException.class, e.getCause());
      assertEquals(List.of(), partialFiles());
      assertEquals(List.of(), blobs(id));
      assertArrayEquals(weights, Files.readAllBytes(hub.hfHubDownload(id, "w.bin")));
      assertTrue(xetHub.requests().stream().anyMatch(r -> r.host() == Host.CAS), "the file came through Xet storage");
    }
  }

  @Test
  void anAlreadyCancelledTokenSendsNothing() {
    RepoId id = seed("cancel-early", Map.of("a.txt", new byte[] {1}));
    HubClient hub = client();
    CancellationToken token = CancellationToken.create();
    token.cancel();
    HUB.emulator().clearRequests();
    assertThrows(CancelledException.class,
        () -> hub.hfHubDownload(id, "a.txt", DownloadParams.builder().cancellationToken(token).build()));
    assertThrows(CancelledException.class,
        () -> hub.snapshotDownload(id, SnapshotDownloadParams.builder().cancellationToken(token).build()));
    assertEquals(0, HUB.emulator().requests().size());
  }
}
