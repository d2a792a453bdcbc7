package io.hf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.PythonPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Python client with {@code hf_xet} against the emulator's Xet side: it uploads a folder through
 * Xet (xorbs and a shard to the CAS server, no LFS transfer) and downloads it back byte-identical through
 * reconstructions.
 */
class XetPythonPeerTest {
  @TempDir
  Path dir;

  private HubEmulator hub;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().lfsThreshold(1024).build().start();
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  static Map<String, String> env(HubEmulator hub) {
    return Map.of("HF_ENDPOINT", hub.url(), "HF_TOKEN", hub.writeToken(), "HF_XET_CACHE",
        hub.storageDirectory().resolve("peer-xet-cache").toString());
  }

  static String requestLog(HubEmulator hub) {
    return hub.requests().stream().map(r -> r.host() + " " + r.method() + " " + r.path() + " -> " + r.status())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void pythonUploadsAFolderThroughXetAndDownloadsItBackIdentical() throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("sub"));
    Files.writeString(src.resolve("README.md"), "# regular\nsmall text, committed inline\n");
    byte[] small = Fixtures.randomBytes(5000, 1);
    Files.write(src.resolve("small.bin"), small);
    byte[] large = Fixtures.randomBytes(70 * 1024 * 1024 + 123, 2);
    Files.write(src.resolve("sub/large.bin"), large);
    byte[] text = "line of repetitive text\n".repeat(4000).getBytes(StandardCharsets.UTF_8);
    Files.write(src.resolve("sub/repetitive.txt"), text);

    PythonPeer.Result up = PythonPeer.run(dir, Duration.ofMinutes(5), env(hub), """
        import sys
        from huggingface_hub import HfApi
        api = HfApi()
        api.create_repo("testuser/xetpy")
        info = api.upload_folder(repo_id="testuser/xetpy", folder_path=sys.argv[1], commit_message="via xet")
        print("COMMIT", info.oid)
        """, src.toString());
    assertEquals(0, up.exitCode(), () -> up.stdout() + up.stderr() + "\n" + requestLog(hub));

    List<RecordedRequest> uploads = hub.requests();
    assertFalse(uploads.stream().anyMatch(r -> r.host() == Host.STORAGE && r.method().equals("PUT")),
        () -> "an LFS PUT was sent:\n" + requestLog(hub));
    assertFalse(uploads.stream().anyMatch(r -> r.path().contains("/info/lfs/objects/batch")),
        () -> "the LFS batch endpoint was called:\n" + requestLog(hub));
    assertTrue(uploads.stream().anyMatch(r -> r.host() == Host.CAS && r.path().startsWith("/v1/xorbs/")),
        () -> requestLog(hub));
    assertTrue(hub.xet().xorbs().size() >= 2, () -> "xorbs: " + hub.xet().xorbs());
    assertTrue(hub.xet().shards() >= 1);
    assertEquals(3, hub.xet().files(), "small.bin, large.bin, repetitive.txt are Xet files");
    assertTrue(hub.tokenLeaks().isEmpty(), () -> "token sent to storage: " + hub.tokenLeaks());
    assertArrayEquals(large, hub.repo("testuser/xetpy").fileBytes("main", "sub/large.bin"), "LFS bridge bytes");

    hub.clearRequests();
    Path out = dir.resolve("out");
    PythonPeer.Result down = PythonPeer.run(dir, Duration.ofMinutes(5), Map.of("HF_ENDPOINT", hub.url(),
        "HF_TOKEN", hub.writeToken(), "HF_HOME", dir.resolve("fresh-home").toString()), """
        import sys
        from huggingface_hub import snapshot_download
        print(snapshot_download("testuser/xetpy", local_dir=sys.argv[1]))
        """, out.toString());
    assertEquals(0, down.exitCode(), () -> down.stdout() + down.stderr() + "\n" + requestLog(hub));
    assertArrayEquals(large, Files.readAllBytes(out.resolve("sub/large.bin")));
    assertArrayEquals(small, Files.readAllBytes(out.resolve("small.bin")));
    assertArrayEquals(text, Files.readAllBytes(out.resolve("sub/repetitive.txt")));
    assertEquals("# regular\nsmall text, committed inline\n", Files.readString(out.resolve("README.md")));
    List<RecordedRequest> downloads = hub.requests();
    assertTrue(downloads.stream().anyMatch(r -> r.host() == Host.CAS && r.path().startsWith("/v1/reconstructions/")),
        () -> "no reconstruction was asked for:\n" + requestLog(hub));
    assertTrue(downloads.stream().anyMatch(r -> r.host() == Host.STORAGE && r.path().startsWith("/xorbs/")),
        () -> requestLog(hub));
    assertFalse(downloads.stream().anyMatch(r -> r.host() == Host.STORAGE && r.path().startsWith("/objects/")),
        () -> "Xet files came through the LFS bridge:\n" + requestLog(hub));
    assertTrue(hub.tokenLeaks().isEmpty(), () -> "token sent to storage: " + hub.tokenLeaks());
  }
}
