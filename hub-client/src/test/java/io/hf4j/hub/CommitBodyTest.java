package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitBodyTest {
  @TempDir Path dir;

  @Test
  void filesAreBase64EncodedOnTheFlyAndTheLengthIsExact() throws Exception {
    CommitBody.Builder b = new CommitBody.Builder("title \"quoted\"", "d\u00e9scription\nline 2", null);
    Random r = new Random(1);
    int[] sizes = {0, 1, 2, 3, 4, 5, 48 * 1024 - 1, 48 * 1024, 48 * 1024 + 1, 200_000};
    byte[][] contents = new byte[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      contents[i] = new byte[sizes[i]];
      r.nextBytes(contents[i]);
      Path f = dir.resolve("f" + i);
      Files.write(f, contents[i]);
      b.file(UploadItem.ofFile("dir/\u00fcml\u00e4ut " + i + ".bin", f, sizes[i]));
    }
    b.lfsFile("w.bin", "ab".repeat(32), 42L).delete("old.txt", false).delete("logs/", true);
    CommitBody body = b.build();
    assertTrue(body.isOneShot(), "OkHttp must never re-send a commit on its own");
    for (int round = 0; round < 2; round++) {
      Buffer out = new Buffer();
      body.writeTo(out);
      assertEquals(body.contentLength(), out.size(), "exact Content-Length, written again for a retry");
      List<Map<String, Object>> lines = TestJson.ndjson(out.readUtf8());
      assertEquals(Map.of("summary", "title \"quoted\"", "description", "d\u00e9scription\nline 2"), lines.get(0).get("value"));
      for (int i = 0; i < sizes.length; i++) {
        Map<?, ?> v = (Map<?, ?>) lines.get(i + 1).get("value");
        assertEquals("dir/\u00fcml\u00e4ut " + i + ".bin", v.get("path"));
        assertEquals("base64", v.get("encoding"));
        assertEquals(Base64.getEncoder().encodeToString(contents[i]), v.get("content"), "size " + sizes[i]);
      }
      assertEquals("lfsFile", lines.get(sizes.length + 1).get("key"));
      assertEquals("deletedFolder", lines.get(sizes.length + 3).get("key"));
    }
  }

  @Test
  void aFileThatChangedSizeFailsLocallyAndIsReported() throws Exception {
    Path f = dir.resolve("f");
    Files.write(f, new byte[10]);
    CommitBody body = new CommitBody.Builder("t", "", null).file(UploadItem.ofFile("f", f, 10)).build();
    Files.write(f, new byte[12]);
    IOException e = assertThrows(IOException.class, () -> body.writeTo(new Buffer()));
    assertTrue(e.getMessage().contains("changed while uploading"), e.getMessage());
    assertNotNull(body.localFailure());
    Files.write(f, new byte[4]);
    assertThrows(IOException.class, () -> body.writeTo(new Buffer()));
  }

  @Test
  void hashesMatchGitAndSha256() throws Exception {
    byte[] hello = "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", Hashing.gitSha1(hello));
    assertEquals("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", Hashing.sha256(hello));
    Path f = dir.resolve("hello");
    Files.write(f, hello);
    CallTracker tracker = new CallTracker();
    assertEquals(Hashing.gitSha1(hello), Hashing.gitSha1(UploadItem.ofFile("hello", f, hello.length), d -> { }, tracker));
    assertEquals(Hashing.sha256(hello), Hashing.sha256(UploadItem.ofFile("hello", f, hello.length), d -> { }, tracker));
  }
}
