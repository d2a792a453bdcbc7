package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfException;
import io.hf4j.core.RepoId;
import io.hf4j.testfixtures.PythonPeer;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RecordedRequest;
import io.hf4j.xet.XetIntegrityException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hf4j downloads what the Python client stored through Xet, through reconstructions, into the usual cache. */
class XetDownloadTest {
  @TempDir
  Path dir;

  private HubEmulator emulator;
  private HubClient hub;
  private final RepoId repo = RepoId.of("testuser/pyxet");
  private byte[] large;
  private byte[] small;

  @BeforeEach
  void start() throws IOException {
    emulator = HubEmulator.builder().lfsThreshold(1024).build().start();
    hub = HubClient.create(EmulatorSupport.config(emulator));
    Path src = dir.resolve("src");
    large = EmulatorSupport.random(20 * 1024 * 1024 + 11, 7);
    small = EmulatorSupport.random(3000, 8);
    EmulatorSupport.write(src, "model/large.bin", large);
    EmulatorSupport.write(src, "small.bin", small);
    PythonPeer.Result r = PythonPeer.run(dir, Duration.ofMinutes(5), Map.of("HF_ENDPOINT", emulator.url(),
        "HF_TOKEN", emulator.writeToken()), """
        import sys
        from huggingface_hub import HfApi
        api = HfApi()
        api.create_repo("testuser/pyxet")
        api.upload_folder(repo_id="testuser/pyxet", folder_path=sys.argv[1])
        """, src.toString());
    assertEquals(0, r.exitCode(), () -> r.stdout() + r.stderr());
    assertEquals(2, emulator.xet().files());
    emulator.clearRequests();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private String log() {
    return emulator.requests().stream().map(q -> q.host() + " " + q.method() + " " + q.path() + " -> " + q.status())
        .collect(Collectors.joining("\n"));
  }

  private List<RecordedRequest> storage(String prefix) {
    return emulator.requests().stream().filter(q -> q.host() == Host.STORAGE && q.path().startsWith(prefix)).toList();
  }

  @Test
  void hfHubDownloadRebuildsThePythonUploadFromXorbs() throws IOException {
    Path cache = dir.resolve("cache");
    Path p = hub.hfHubDownload(repo, "model/large.bin", DownloadParams.builder().cacheDir(cache).build());
    assertArrayEquals(large, Files.readAllBytes(p));
    assertTrue(emulator.requests().stream().anyMatch(q -> q.host() == Host.CAS
        && q.path().startsWith("/v1/reconstructions/")), this::log);
    assertFalse(storage("/xorbs/").isEmpty(), this::log);
    assertTrue(storage("/objects/").isEmpty(), () -> "went through the LFS bridge:\n" + log());
    // The blob is named by the sha256 etag, as the Python client names it.
    String sha = io.hf4j.testkit.internal.Hashes.sha256(large);
    assertTrue(Files.isRegularFile(cache.resolve("models--testuser--pyxet/blobs/" + sha)));
    assertTrue(emulator.tokenLeaks().isEmpty());
  }

  @Test
  void snapshotDownloadUsesTheTreeXetHashes() throws IOException {
    Path local = hub.snapshotDownload(repo, SnapshotDownloadParams.builder().localDir(dir.resolve("snap")).build());
    assertArrayEquals(large, Files.readAllBytes(local.resolve("model/large.bin")));
    assertArrayEquals(small, Files.readAllBytes(local.resolve("small.bin")));
    assertTrue(storage("/objects/").isEmpty(), this::log);
  }

  @Test
  void faultsOnReconstructionAndXorbReadsAreRetried() throws IOException {
    emulator.faults().inject(FaultRule.on("GET", "/v1/reconstructions/**").host(Host.CAS).nth(1).status(503));
    emulator.faults().inject(FaultRule.on("GET", "/xorbs/**").host(Host.STORAGE).nth(1).resetDuringResponseBody());
    emulator.faults().inject(FaultRule.on("GET", "/xorbs/**").host(Host.STORAGE).nth(2).rateLimited(Duration.ofSeconds(1)));
    Path p = hub.hfHubDownload(repo, "model/large.bin", DownloadParams.builder().cacheDir(dir.resolve("c2")).build());
    assertArrayEquals(large, Files.readAllBytes(p));
    assertTrue(emulator.faults().events().size() >= 3, () -> emulator.faults().events().toString());
  }

  @Test
  void missingXorbIsATypedErrorAndLeavesNothingHalfWritten() throws IOException {
    java.util.Set<String> deleted = emulator.xet().xorbs();
    for (String x : deleted) {
      emulator.xet().deleteXorb(x);
    }
    Path cache = dir.resolve("c3");
    XetIntegrityException e = assertThrows(XetIntegrityException.class,
        () -> hub.hfHubDownload(repo, "model/large.bin", DownloadParams.builder().cacheDir(cache).build()));
    assertTrue(e.getMessage().contains("the storage does not have")
        && deleted.stream().anyMatch(x -> e.getMessage().contains(x)), e.getMessage());
    try (Stream<Path> s = Files.walk(cache)) {
      List<Path> files = s.filter(Files::isRegularFile).filter(f -> f.toString().contains("blobs")
          || f.toString().contains("snapshots")).toList();
      assertTrue(files.isEmpty() || files.stream().allMatch(f -> f.getFileName().toString().endsWith(".lock")),
          () -> "left behind: " + files);
    }
  }

  @Test
  void disableXetDownloadsThroughTheLfsBridge() throws IOException {
    HubClient plain = HubClient.create(EmulatorSupport.config(emulator).toBuilder().disableXet(true).build());
    Path p = plain.hfHubDownload(repo, "small.bin", DownloadParams.builder().cacheDir(dir.resolve("c4")).build());
    assertArrayEquals(small, Files.readAllBytes(p));
    assertFalse(storage("/objects/").isEmpty(), this::log);
    assertTrue(emulator.requests().stream().noneMatch(q -> q.host() == Host.CAS), this::log);
  }
}
