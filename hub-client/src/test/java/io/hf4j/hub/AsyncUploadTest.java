package io.hf4j.hub;

import static io.hf4j.hub.EmulatorSupport.assertRepoHolds;
import static io.hf4j.hub.EmulatorSupport.localFiles;
import static io.hf4j.hub.EmulatorSupport.random;
import static io.hf4j.hub.EmulatorSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.ConfigClosedException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoId;
import io.hf4j.testkit.CommitView;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The async view and the configuration's lifecycle (issue 12): many concurrent uploads on a small executor, cancel,
 * close, and the threads left after close.
 */
class AsyncUploadTest {
  static final int CHUNK = 64 * 1024;
  /** A hang guard, not a timing assertion: a deadlock shows as this timeout instead of a stuck build. */
  static final Duration HANG_GUARD = Duration.ofMinutes(10);

  @RegisterExtension
  static final HubEmulatorExtension LFS =
      HubEmulatorExtension.configure(b -> b.lfsThreshold(1024).multipartChunkSize(CHUNK).xet(false));

  @RegisterExtension
  static final HubEmulatorExtension XET = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024));

  @TempDir Path dir;

  private static ExecutorService smallPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "app-pool-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  private static HfConfig.Builder configBuilder(HubEmulator emulator) {
    return emulator.hfConfigBuilder().maxRetries(5).sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 20)));
  }

  /** A small folder: regular files, an LFS file sent in one PUT and one sent in three parts. */
  private Path folder(String name, int seed) {
    Path f = dir.resolve(name);
    write(f, "config.json", ("{\"n\": " + seed + "}\n").getBytes(StandardCharsets.UTF_8));
    write(f, "sub/notes.txt", ("notes " + seed).getBytes(StandardCharsets.UTF_8));
    write(f, "small.bin", random(2000, seed));
    write(f, "weights.bin", random(3 * CHUNK - 7, 1000 + seed));
    return f;
  }

  private static void assertCommitted(HubEmulator emulator, RepoId repo, CommitInfo info, Path folder) {
    assertRepoHolds(emulator.repo(repo.toString()), "main", localFiles(folder));
    List<CommitView> commits = emulator.repo(repo.toString()).commits("main");
    assertTrue(commits.stream().anyMatch(c -> c.id().equals(info.oid())), repo + ": the returned commit is on main");
  }

  private void fiftyConcurrentUploads(HubEmulator emulator, int uploads, int threads) throws Exception {
    ExecutorService pool = smallPool(threads);
    HfConfig config = configBuilder(emulator).executor(pool).build();
    try {
      HubClient hub = HubClient.create(config);
      List<RepoId> repos = new ArrayList<>();
      List<Path> folders = new ArrayList<>();
      for (int i = 0; i < uploads; i++) {
        RepoId repo = RepoId.of(emulator.userName(), "async-" + threads + "-" + i);
        hub.createRepo(repo);
        repos.add(repo);
        folders.add(folder("f-" + threads + "-" + i, i));
      }
      List<CompletableFuture<CommitInfo>> futures = new ArrayList<>();
      assertTimeoutPreemptively(HANG_GUARD, () -> {
        for (int i = 0; i < uploads; i++) {
          futures.add(hub.async().uploadFolder(repos.get(i), folders.get(i),
              UploadFolderParams.builder().concurrency(4).commitMessage("async upload " + i).build()));
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
      });
      for (int i = 0; i < uploads; i++) assertCommitted(emulator, repos.get(i), futures.get(i).join(), folders.get(i));
      config.close();
      assertFalse(pool.isShutdown(), "close never shuts down the application's executor");
      assertEquals("still mine", pool.submit(() -> "still mine").get(30, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fiftyConcurrentAsyncUploadsOnAThreeThreadExecutorAllLand() throws Exception {
    fiftyConcurrentUploads(LFS.emulator(), 50, 3);
  }

  @Test
  void concurrentXetUploadsOnATwoThreadExecutorAllLand() throws Exception {
    fiftyConcurrentUploads(XET.emulator(), 12, 2);
  }

  /** hf4j's and OkHttp's threads (the emulator's own, named {@code hf4j-emulator-}, are the server's). */
  private static boolean clientThread(Thread t) {
    String n = t.getName();
    return (n.startsWith("hf4j-") && !n.startsWith("hf4j-emulator")) || n.startsWith("OkHttp");
  }

  /**
   * OkHttp's task runner is one pool per JVM shared by every OkHttp client (its idle thread, named {@code OkHttp
   * TaskRunner}, ends on its own a minute after its last task); no configuration can own it.
   */
  private static boolean ownedByConfig(Thread t) {
    return clientThread(t) && !t.getName().equals("OkHttp TaskRunner");
  }

  @Test
  void closeLeavesNoThreadHf4jOrOkHttpStartedAndLaterCallsFailTyped() throws Exception {
    closeLeavesNoThread(LFS.emulator(), "lifecycle-");
  }

  @Test
  void closeAfterXetUploadsAndAXetDownloadLeavesNoThread() throws Exception {
    HubEmulator emulator = XET.emulator();
    int xetFiles = emulator.xet().files();
    int requests = emulator.requests().size();
    closeLeavesNoThread(emulator, "xet-lifecycle-");
    assertTrue(emulator.xet().files() > xetFiles, "the uploads went through Xet");
    List<String> paths = emulator.requests().subList(requests, emulator.requests().size()).stream()
        .map(r -> r.path()).toList();
    assertTrue(paths.stream().anyMatch(p -> p.startsWith("/v1/xorbs/")), "xorbs were uploaded: " + paths);
    assertTrue(paths.stream().anyMatch(p -> p.startsWith("/v1/reconstructions/")), "the snapshot read Xet: " + paths);
  }

  /**
   * Six async folder uploads and an async snapshot download on a configuration with its own pool, then {@code
   * close()}: every thread hf4j or OkHttp started is a daemon, none outlives close, later calls fail typed.
   */
  private void closeLeavesNoThread(HubEmulator emulator, String prefix) throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    HfConfig config = configBuilder(emulator).build(); // its own pool
    HubClient hub = HubClient.create(config);
    List<CompletableFuture<CommitInfo>> futures = new ArrayList<>();
    List<RepoId> repos = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      RepoId repo = RepoId.of(emulator.userName(), prefix + i);
      hub.createRepo(repo);
      repos.add(repo);
      folders.add(folder(prefix + i, 100 + i));
      futures.add(hub.async().uploadFolder(repo, folders.get(i)));
    }
    assertTimeoutPreemptively(HANG_GUARD, () -> CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join());
    Path snapshot = assertTimeoutPreemptively(HANG_GUARD, () -> hub.async().snapshotDownload(repos.get(0),
        SnapshotDownloadParams.builder().localDir(dir.resolve(prefix + "snap")).build()).join());
    assertEquals(localFiles(folders.get(0)).keySet(), localFiles(snapshot).keySet().stream()
        .filter(p -> !p.startsWith(".cache/") && !p.equals(".gitattributes")).collect(Collectors.toSet()));

    Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
    started.removeAll(before);
    Set<String> nonDaemon = started.stream().filter(AsyncUploadTest::clientThread).filter(t -> !t.isDaemon())
        .map(Thread::getName).collect(Collectors.toSet());
    assertEquals(Set.of(), nonDaemon, "every thread hf4j or OkHttp starts is a daemon");
    assertTrue(started.stream().anyMatch(t -> t.getName().startsWith("hf4j-worker-")), "the config's pool ran the calls");

    config.close();
    // Shorter than the pool's 30 s idle timeout: a pool left running would still hold its threads.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Set<String> left;
    while (true) {
      Set<Thread> now = new HashSet<>(Thread.getAllStackTraces().keySet());
      now.removeAll(before);
      Set<Thread> alive = now.stream().filter(Thread::isAlive).filter(AsyncUploadTest::ownedByConfig)
          .collect(Collectors.toSet());
      left = alive.stream().map(Thread::getName).collect(Collectors.toSet());
      if (alive.isEmpty() || System.nanoTime() > deadline) break;
      for (Thread t : alive) t.join(50);
    }
    assertEquals(Set.of(), left, "no hf4j- or OkHttp thread outlives close()");

    ConfigClosedException async = assertThrows(ConfigClosedException.class,
        () -> hub.async().uploadFolder(repos.get(1), folders.get(1)));
    assertTrue(async.getMessage().contains("closed"), async.getMessage());
    assertThrows(ConfigClosedException.class, () -> hub.uploadFolder(repos.get(1), folders.get(1)));
    assertThrows(ConfigClosedException.class, () -> hub.repoInfo(repos.get(1)));
  }

  @Test
  void cancellingTheFutureCancelsTheUploadAndARerunCompletesIt() throws Exception {
    HubEmulator emulator = LFS.emulator();
    ExecutorService pool = smallPool(2);
    HfConfig config = configBuilder(emulator).executor(pool).build();
    try {
      HubClient hub = HubClient.create(config);
      RepoId repo = RepoId.of(emulator.userName(), "async-cancel");
      hub.createRepo(repo);
      Path folder = dir.resolve("cancel");
      for (int i = 0; i < 6; i++) write(folder, "w" + i + ".bin", random(2 * CHUNK, 300 + i));
      CompletableFuture<Void> firstUploaded = new CompletableFuture<>();
      CountDownLatch cancelled = new CountDownLatch(1);
      CompletableFuture<CommitInfo> upload = hub.async().uploadFolder(repo, folder, UploadFolderParams.builder()
          .concurrency(1).listener(e -> {
            if (e instanceof UploadEvent.FileUploaded && firstUploaded.complete(null)) {
              try {
                cancelled.await(30, TimeUnit.SECONDS); // hold the upload until the future is cancelled
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
            }
          }).build());
      assertTimeoutPreemptively(HANG_GUARD, () -> firstUploaded.get());
      assertTrue(upload.cancel(true));
      cancelled.countDown();
      CompletionException e = assertThrows(CompletionException.class, upload::join);
      assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e.getCause()));
      assertTrue(upload.isCancelled());
      CommitInfo rerun = assertTimeoutPreemptively(HANG_GUARD, () -> hub.async().uploadFolder(repo, folder).join());
      assertCommitted(emulator, repo, rerun, folder);
    } finally {
      config.close();
      pool.shutdownNow();
    }
  }

  @Test
  void theCallersOwnTokenStillCancelsAnAsyncUpload() throws Exception {
    HubEmulator emulator = LFS.emulator();
    HfConfig config = configBuilder(emulator).build();
    try {
      HubClient hub = HubClient.create(config);
      RepoId repo = RepoId.of(emulator.userName(), "async-token");
      hub.createRepo(repo);
      Path folder = dir.resolve("token");
      for (int i = 0; i < 6; i++) write(folder, "w" + i + ".bin", random(2 * CHUNK, 400 + i));
      CancellationToken token = CancellationToken.create();
      CompletableFuture<CommitInfo> upload = hub.async().uploadFolder(repo, folder, UploadFolderParams.builder()
          .concurrency(1).cancellationToken(token).listener(e -> {
            if (e instanceof UploadEvent.FileUploaded) token.cancel();
          }).build());
      CompletionException e = assertThrows(CompletionException.class,
          () -> assertTimeoutPreemptively(HANG_GUARD, upload::join));
      assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e.getCause()));
      assertTrue(emulator.repo(repo.toString()).files("main").keySet().stream().noneMatch(p -> p.startsWith("w")),
          "a cancelled single-commit upload commits nothing");
    } finally {
      config.close();
    }
  }
}
