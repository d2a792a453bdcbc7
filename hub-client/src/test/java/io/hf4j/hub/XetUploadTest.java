package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.testfixtures.PythonPeer;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hf4j uploads through Xet by default, like the Python client; the Python client downloads what it stored. */
class XetUploadTest {
  @TempDir
  Path dir;

  private HubEmulator emulator;
  private HubClient hub;
  private final RepoId repo = RepoId.of("testuser/xet");

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
    return emulator.requests().stream().map(r -> r.host() + " " + r.method() + " " + r.path() + " -> " + r.status())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void uploadFolderGoesThroughXetAndThePythonClientDownloadsItIdentical() {
    Path src = dir.resolve("src");
    byte[] small = EmulatorSupport.random(5000, 1);
    byte[] large = EmulatorSupport.random(30 * 1024 * 1024 + 7, 2);
    byte[] text = "a line of text that repeats\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    EmulatorSupport.write(src, "README.md", "# inline\n".getBytes(StandardCharsets.UTF_8));
    EmulatorSupport.write(src, "small.bin", small);
    EmulatorSupport.write(src, "weights/large.bin", large);
    EmulatorSupport.write(src, "weights/text.txt", text);
    EmulatorSupport.write(src, "weights/large-copy.bin", large);
    List<UploadEvent> events = new CopyOnWriteArrayList<>();
    hub.uploadFolder(repo, src, UploadFolderParams.builder().listener(events::add).build());

    List<RecordedRequest> reqs = emulator.requests();
    assertFalse(reqs.stream().anyMatch(r -> r.path().contains("/info/lfs/objects/batch")), this::log);
    assertFalse(reqs.stream().anyMatch(r -> r.host() == Host.STORAGE && r.method().equals("PUT")), this::log);
    assertTrue(reqs.stream().anyMatch(r -> r.host() == Host.CAS && r.path().startsWith("/v1/xorbs/")), this::log);
    assertTrue(reqs.stream().anyMatch(r -> r.host() == Host.CAS && r.path().equals("/v1/shards")), this::log);
    assertEquals(3, emulator.xet().files(), "the copy is the same Xet file");
    assertTrue(emulator.tokenLeaks().isEmpty());
    UploadEvent.XetSummary summary = events.stream().filter(e -> e instanceof UploadEvent.XetSummary)
        .map(e -> (UploadEvent.XetSummary) e).findFirst().orElseThrow(() -> new AssertionError(events.toString()));
    assertEquals(4, summary.files());
    assertEquals(small.length + 2L * large.length + text.length, summary.bytes());
    assertEquals(large.length, summary.bytesDeduplicated(), "the copy is deduplicated within the upload: " + summary);
    assertEquals(summary.bytes(), summary.bytesDeduplicated() + summary.bytesNew());
    assertTrue(summary.xorbBytesSent() < small.length + large.length + text.length + 64 * 1024, summary::toString);
    assertEquals(4, events.stream().filter(e -> e instanceof UploadEvent.XetFileStored).count());
    List<UploadEvent.HashProgress> largeProgress = events.stream().filter(e -> e instanceof UploadEvent.HashProgress h
        && h.path().equals("weights/large.bin")).map(e -> (UploadEvent.HashProgress) e).toList();
    assertTrue(largeProgress.size() >= 2, "progress while a large file is chunked: " + largeProgress);
    assertEquals(large.length, largeProgress.get(largeProgress.size() - 1).bytesHashed());

    Path out = dir.resolve("py-out");
    PythonPeer.Result r = PythonPeer.run(dir, Duration.ofMinutes(5), Map.of("HF_ENDPOINT", emulator.url(),
        "HF_TOKEN", emulator.writeToken()), """
        import sys
        from huggingface_hub import snapshot_download
        snapshot_download("testuser/xet", local_dir=sys.argv[1])
        """, out.toString());
    assertEquals(0, r.exitCode(), () -> r.stdout() + r.stderr());
    try {
      assertArrayEquals(large, Files.readAllBytes(out.resolve("weights/large.bin")));
      assertArrayEquals(large, Files.readAllBytes(out.resolve("weights/large-copy.bin")));
      assertArrayEquals(small, Files.readAllBytes(out.resolve("small.bin")));
      assertArrayEquals(text, Files.readAllBytes(out.resolve("weights/text.txt")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertTrue(emulator.requests().stream().anyMatch(q -> q.host() == Host.CAS
        && q.path().startsWith("/v1/reconstructions/")), "Python read hf4j's files through Xet");
  }

  @Test
  void refusedTokenFallsBackToLfs() {
    emulator.xet().refuseTokens(RepoType.MODEL, "testuser/xet", 404);
    byte[] big = EmulatorSupport.random(50_000, 3);
    // slf4j-simple writes to whatever System.err is at the time of the call
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      hub.uploadFile(repo, EmulatorSupport.write(dir, "a.bin", big), "a.bin");
    } finally {
      System.setErr(err);
    }
    String log = logged.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("WARN") && log.contains("offers no Xet storage for testuser/xet ")
        && log.contains("xet-write-token route answered HTTP 404") && log.contains("through Git LFS"), log);
    assertArrayEquals(big, emulator.repo("testuser/xet").fileBytes("main", "a.bin"));
    assertTrue(emulator.requests().stream().anyMatch(r -> r.path().contains("/info/lfs/objects/batch")), this::log);
    assertFalse(emulator.requests().stream().anyMatch(r -> r.host() == Host.CAS), this::log);
  }

  @Test
  void disableXetUsesLfs() {
    HubClient lfsOnly = HubClient.create(EmulatorSupport.config(emulator).toBuilder().disableXet(true).build());
    byte[] big = EmulatorSupport.random(50_000, 4);
    lfsOnly.uploadFile(repo, EmulatorSupport.write(dir, "b.bin", big), "b.bin");
    assertArrayEquals(big, emulator.repo("testuser/xet").fileBytes("main", "b.bin"));
    assertFalse(emulator.requests().stream().anyMatch(r -> r.path().contains("xet-write-token")), this::log);
    assertEquals(0, emulator.xet().files());
  }

  @Test
  void createCommitWithBytesGoesThroughXet() {
    byte[] content = EmulatorSupport.random(20_000, 5);
    hub.createCommit(repo, List.of(CommitOperation.add("data/x.bin", content)), "bytes via xet");
    assertArrayEquals(content, emulator.repo("testuser/xet").fileBytes("main", "data/x.bin"));
    assertEquals(1, emulator.xet().files());
  }
}
