package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.HfValidationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options a single-file and a snapshot download share, written once. */
class DownloadParamsSharedTest {

  @Test
  void everySharedOptionSurvivesToBuilderInBothParamsClasses() {
    CancellationToken token = CancellationToken.create();
    DownloadListener listener = event -> { };
    DownloadParams one = DownloadParams.builder().revision("v1").cacheDir(Path.of("c")).localDir(Path.of("l"))
        .forceDownload(true).listener(listener).cancellationToken(token).subfolder("sub").build().toBuilder().build();
    assertShared(one, "v1", Path.of("c"), Path.of("l"), true, false, listener, token);
    assertEquals("sub", one.subfolder());

    SnapshotDownloadParams all = SnapshotDownloadParams.builder().revision("v1").cacheDir(Path.of("c"))
        .localDir(Path.of("l")).localFilesOnly(true).listener(listener).cancellationToken(token)
        .allowPatterns("*.json").concurrency(2).build().toBuilder().build();
    assertShared(all, "v1", Path.of("c"), Path.of("l"), false, true, listener, token);
    assertEquals(List.of("*.json"), all.allowPatterns());
    assertEquals(2, all.concurrency());
  }

  @Test
  void defaultsAndToStringWithoutListenerOrToken() {
    for (DownloadParamsBase p : List.<DownloadParamsBase>of(DownloadParams.defaults(),
        SnapshotDownloadParams.defaults())) {
      assertShared(p, "main", null, null, false, false, null, null);
    }
    String s = DownloadParams.builder().revision("v1").subfolder("a/b").cancellationToken(CancellationToken.create())
        .build().toString();
    assertEquals("DownloadParams{revision=v1, cacheDir=null, localDir=null, forceDownload=false,"
        + " localFilesOnly=false, subfolder=a/b}", s);
    assertTrue(SnapshotDownloadParams.defaults().toString()
        .startsWith("SnapshotDownloadParams{revision=main, cacheDir=null"), SnapshotDownloadParams.defaults().toString());
  }

  @Test
  void bothRefuseForceDownloadWithLocalFilesOnlyAndABlankRevision() {
    for (Runnable r : List.<Runnable>of(
        () -> DownloadParams.builder().forceDownload(true).localFilesOnly(true).build(),
        () -> SnapshotDownloadParams.builder().forceDownload(true).localFilesOnly(true).build())) {
      HfValidationException e = assertThrows(HfValidationException.class, r::run);
      assertTrue(e.getMessage().contains("forceDownload and localFilesOnly"), e.getMessage());
    }
    assertThrows(HfValidationException.class, () -> DownloadParams.builder().revision(" "));
    assertThrows(HfValidationException.class, () -> SnapshotDownloadParams.builder().revision(""));
  }

  private static void assertShared(DownloadParamsBase p, String revision, Path cache, Path local, boolean force,
      boolean localOnly, DownloadListener listener, CancellationToken token) {
    assertEquals(revision, p.revision());
    if (cache == null) assertNull(p.cacheDir()); else assertEquals(cache, p.cacheDir());
    if (local == null) assertNull(p.localDir()); else assertEquals(local, p.localDir());
    assertEquals(force, p.forceDownload());
    assertEquals(localOnly, p.localFilesOnly());
    assertSame(listener, p.listener());
    assertSame(token, p.cancellationToken());
  }
}
