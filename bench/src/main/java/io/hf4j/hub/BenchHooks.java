package io.hf4j.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.RequestBody;

/**
 * The bench's window on hub-client internals that have no public entry: the streaming hashes and the
 * NDJSON commit body, so JMH measures the very code an upload runs. It lives in the bench module, in
 * hub-client's package (a split package, fine on the class path); if those internals change, the bench
 * stops compiling, which is the point. See docs/REQUESTS-bench.md for the public hook asked for instead.
 */
public final class BenchHooks {
  private BenchHooks() {}

  /** hf4j's streaming sha256 of a file (the LFS oid), as the upload computes it. */
  public static String sha256(Path file) throws IOException {
    return Hashing.sha256(UploadItem.ofFile("bench", file, Files.size(file)), n -> { }, new CallTracker());
  }

  /** hf4j's streaming git blob sha1 of a file (the regular-file oid), as the upload computes it. */
  public static String gitSha1(Path file) throws IOException {
    return Hashing.gitSha1(UploadItem.ofFile("bench", file, Files.size(file)), n -> { }, new CallTracker());
  }

  /** A commit body adding these contents as regular files {@code f00000.txt}... (inlined as base64). */
  public static RequestBody commitBody(List<byte[]> contents) {
    CommitBody.Builder b = new CommitBody.Builder("bench commit", "", null);
    for (int i = 0; i < contents.size(); i++) {
      b.file(UploadItem.ofBytes(String.format("part-%03d/f%05d.txt", i / 1000, i), contents.get(i)));
    }
    return b.build();
  }
}
