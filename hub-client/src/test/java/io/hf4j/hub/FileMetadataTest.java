package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** How the answer to a metadata HEAD becomes a {@link FileMetadata}. */
class FileMetadataTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String SHA256 = "403450e234d65943a7dcf7e05a771ce3c92faa84dd07db4ac20f592037a1e4bd";
  private static final HttpUrl RESOLVE = HttpUrl.get("https://huggingface.co/acme/demo/resolve/main/model.bin");

  private static DownloadHttp.Head head(int code, String... namesAndValues) {
    return new DownloadHttp.Head(code, Headers.of(namesAndValues), RESOLVE);
  }

  @Test
  void etagsAreNormalizedLikePython() {
    assertEquals("abc", Downloader.normalizeEtag("\"abc\""));
    assertEquals("abc", Downloader.normalizeEtag("W/\"abc\""));
    assertEquals("abc", Downloader.normalizeEtag("abc"));
    assertNull(Downloader.normalizeEtag(null));
  }

  @Test
  void regularFileTakesEtagAndContentLength() {
    FileMetadata m = Downloader.parseMetadata(head(200, "X-Repo-Commit", COMMIT, "ETag", "\"d7edf6bd2a681fb0175f7735299831ee1b22b812\"",
        "Content-Length", "519"), "config.json");
    assertEquals(new FileMetadata(COMMIT, "d7edf6bd2a681fb0175f7735299831ee1b22b812", RESOLVE.toString(), 519), m);
    assertFalse(m.isLfs());
  }

  @Test
  void lfsRedirectTakesLinkedHeadersAndTheLocation() {
    FileMetadata m = Downloader.parseMetadata(head(302, "X-Repo-Commit", COMMIT, "ETag", "\"ignored\"",
        "X-Linked-Etag", "\"" + SHA256 + "\"", "X-Linked-Size", "1234567", "Content-Length", "42",
        "Location", "https://cdn-lfs.hf.co/repos/x?X-Amz-Signature=s"), "model.bin");
    assertEquals(SHA256, m.etag());
    assertEquals(1234567, m.size());
    assertEquals("https://cdn-lfs.hf.co/repos/x?X-Amz-Signature=s", m.location());
    assertTrue(m.isLfs());
    assertFalse(m.toString().contains("X-Amz-Signature=s"), m.toString());
  }

  @Test
  void redirectWithoutLinkedSizeHasNoSize() {
    FileMetadataException e = assertThrows(FileMetadataException.class, () -> Downloader.parseMetadata(
        head(302, "X-Repo-Commit", COMMIT, "X-Linked-Etag", SHA256, "Content-Length", "42", "Location", "https://cdn/x"), "m"));
    assertTrue(e.getMessage().contains("size"), e.getMessage());
  }

  @Test
  void missingHubHeadersAreFileMetadataErrors() {
    assertThrows(FileMetadataException.class, () -> Downloader.parseMetadata(head(200, "ETag", "\"a\"", "Content-Length", "1"), "m"));
    assertThrows(FileMetadataException.class, () -> Downloader.parseMetadata(head(200, "X-Repo-Commit", COMMIT, "Content-Length", "1"), "m"));
    assertThrows(FileMetadataException.class,
        () -> Downloader.parseMetadata(head(200, "X-Repo-Commit", COMMIT, "ETag", "\"../../x\"", "Content-Length", "1"), "m"));
    assertThrows(FileMetadataException.class,
        () -> Downloader.parseMetadata(head(200, "X-Repo-Commit", "../..", "ETag", "\"a\"", "Content-Length", "1"), "m"));
  }

  @Test
  void relativeLocationIsResolvedAgainstTheRequest() {
    FileMetadata m = Downloader.parseMetadata(head(302, "X-Repo-Commit", COMMIT, "X-Linked-Etag", SHA256, "X-Linked-Size", "3",
        "Location", "/storage/blob"), "m");
    assertEquals("https://huggingface.co/storage/blob", m.location());
  }
}
