package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import io.hf4j.core.RepoId;
import io.hf4j.testfixtures.PythonPeer;
import io.hf4j.testkit.HubEmulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof 4: a 200 MB file, 1 MiB changed in its middle, uploaded again: the second upload sends at most 2 % of
 * the file through Xet. The same edit with the official Python client is measured on its own emulator and
 * reported next to hf4j's number.
 */
class XetDedupeTest {
  private static final long SIZE = 200_000_000L;
  private static final long EDIT_AT = SIZE / 2;
  private static final int EDIT = 1 << 20;

  @TempDir
  Path dir;

  private static void writeRandom(Path file, long size, long seed) throws IOException {
    Random r = new Random(seed);
    byte[] buf = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= buf.length) {
        r.nextBytes(buf);
        out.write(buf, 0, (int) Math.min(buf.length, left));
      }
    }
  }

  private static void editMiddle(Path file) throws IOException {
    byte[] edit = new byte[EDIT];
    new Random(99).nextBytes(edit);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(EDIT_AT);
      f.write(edit);
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 20];
    try (var in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) d.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  @Test
  void reUploadAfterA1MiBEditSendsAtMost2PercentAndPythonIsMeasuredAlongside() throws Exception {
    Path file = dir.resolve("model.bin");
    writeRandom(file, SIZE, 42);

    long hf4jSent;
    long hf4jNew;
    try (HubEmulator emulator = HubEmulator.builder().build().start()) {
      HubClient hub = HubClient.create(EmulatorSupport.config(emulator));
      RepoId repo = RepoId.of("testuser/dedupe");
      hub.createRepo(repo);
      hub.uploadFile(repo, file, "model.bin");
      long first = emulator.xet().xorbBytesReceived();
      assertTrue(first >= SIZE * 9 / 10, "random data is sent nearly whole the first time: " + first);

      editMiddle(file);
      List<UploadEvent> events = new CopyOnWriteArrayList<>();
      hub.uploadFile(repo, file, "model.bin", UploadFileParams.builder().listener(events::add).build());
      hf4jSent = emulator.xet().xorbBytesReceived() - first;
      UploadEvent.XetSummary s = events.stream().filter(e -> e instanceof UploadEvent.XetSummary)
          .map(e -> (UploadEvent.XetSummary) e).findFirst().orElseThrow();
      hf4jNew = s.bytesNew();
      assertEquals(sha256(file), Objects.requireNonNull(emulator.repo("testuser/dedupe").file("main", "model.bin")).sha256());
    }

    Path original = dir.resolve("original.bin");
    writeRandom(original, SIZE, 42);
    long pySent;
    try (HubEmulator emulator = HubEmulator.builder().build().start()) {
      Map<String, String> env = Map.of("HF_ENDPOINT", emulator.url(), "HF_TOKEN", emulator.writeToken());
      String script = """
          import sys
          from huggingface_hub import HfApi
          api = HfApi()
          api.create_repo("testuser/dedupe", exist_ok=True)
          api.upload_file(path_or_fileobj=sys.argv[1], path_in_repo="model.bin", repo_id="testuser/dedupe")
          """;
      PythonPeer.Result r1 = PythonPeer.run(dir.resolve("py"), Duration.ofMinutes(5), env, script, original.toString());
      assertEquals(0, r1.exitCode(), () -> r1.stdout() + r1.stderr());
      long first = emulator.xet().xorbBytesReceived();
      PythonPeer.Result r2 = PythonPeer.run(dir.resolve("py"), Duration.ofMinutes(5), env, script, file.toString());
      assertEquals(0, r2.exitCode(), () -> r2.stdout() + r2.stderr());
      pySent = emulator.xet().xorbBytesReceived() - first;
    }

    System.out.printf("XET-DEDUPE 200 MB file, 1 MiB edited in the middle, re-upload: hf4j sent %d xorb bytes (%.2f %%,"
        + " %d new bytes), Python+hf_xet sent %d xorb bytes (%.2f %%)%n", hf4jSent, 100.0 * hf4jSent / SIZE, hf4jNew,
        pySent, 100.0 * pySent / SIZE);
    assertTrue(hf4jSent <= SIZE / 50, "hf4j re-sent " + hf4jSent + " bytes, more than 2 % of " + SIZE);
    assertTrue(hf4jSent >= EDIT / 2, "the edited MiB must be sent: " + hf4jSent);
  }
}
