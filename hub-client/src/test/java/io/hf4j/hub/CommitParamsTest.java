package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.HfValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commit and upload options the four commit-making params classes share, written once. */
class CommitParamsTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void everySharedOptionSurvivesToBuilderInEachParamsClass() {
    CancellationToken token = CancellationToken.create();
    UploadListener listener = event -> { };
    UploadFolderParams folder = UploadFolderParams.builder().revision("dev").commitDescription("why").createPr(true)
        .parentCommit(SHA).concurrency(3).verifyLfs(true).listener(listener).cancellationToken(token)
        .commitMessage("title").pathInRepo("sub").multiCommit(true).build().toBuilder().build();
    assertShared(folder, "dev", "why", true, SHA);
    assertUpload(folder, 3, true, listener, token);
    assertEquals("title", folder.commitMessage());
    assertEquals("sub", folder.pathInRepo());
    assertTrue(folder.multiCommit());

    UploadFileParams file = UploadFileParams.builder().revision("dev").commitDescription("why").createPr(true)
        .parentCommit(SHA).concurrency(3).verifyLfs(true).listener(listener).cancellationToken(token)
        .commitMessage("title").build().toBuilder().build();
    assertShared(file, "dev", "why", true, SHA);
    assertUpload(file, 3, true, listener, token);
    assertEquals("title", file.commitMessage());

    CreateCommitParams commit = CreateCommitParams.builder().revision("dev").commitDescription("why").createPr(true)
        .parentCommit(SHA).concurrency(3).verifyLfs(true).listener(listener).cancellationToken(token).build()
        .toBuilder().build();
    assertShared(commit, "dev", "why", true, SHA);
    assertUpload(commit, 3, true, listener, token);

    DeleteFilesParams delete = DeleteFilesParams.builder().revision("dev").commitDescription("why").createPr(true)
        .parentCommit(SHA).commitMessage("title").build().toBuilder().build();
    assertShared(delete, "dev", "why", true, SHA);
    assertEquals("title", delete.commitMessage());
  }

  @Test
  void defaultsAreMainWithoutPullRequestOrCheck() {
    for (CommitParams p : List.<CommitParams>of(UploadFolderParams.defaults(), UploadFileParams.defaults(),
        CreateCommitParams.defaults(), DeleteFilesParams.defaults())) {
      assertShared(p, null, "", false, null);
      assertEquals("main", p.branch());
    }
    UploadOptions o = UploadFolderParams.defaults().toOptions();
    assertEquals("main", o.revision());
    assertEquals("Upload folder using huggingface_hub", o.commitMessage());
    assertEquals(UploadDefaults.NUM_THREADS, o.numThreads());
    assertEquals("Upload weights.bin with huggingface_hub", UploadFileParams.defaults().optionsFor("weights.bin")
        .commitMessage());
    assertEquals("dev", DeleteFilesParams.builder().revision("dev").build().branch());
  }

  @Test
  void everyParamsClassChecksTheParentCommitTheSameWay() {
    // deletions used to accept any non-blank text here; now all four refuse what is not a commit sha
    List<Runnable> setters = List.of(
        () -> DeleteFilesParams.builder().parentCommit("main"),
        () -> UploadFileParams.builder().parentCommit("main"),
        () -> UploadFolderParams.builder().parentCommit("main"),
        () -> CreateCommitParams.builder().parentCommit("main"));
    for (Runnable r : setters) {
      HfValidationException e = assertThrows(HfValidationException.class, r::run);
      assertTrue(e.getMessage().contains("parentCommit"), e.getMessage());
    }
    assertThrows(HfValidationException.class, () -> UploadFolderParams.builder().concurrency(0));
    assertThrows(NullPointerException.class, () -> CreateCommitParams.builder().listener(null));
  }

  private static void assertShared(CommitParams p, String revision, String description, boolean pr, String parent) {
    if (revision == null) assertNull(p.revision()); else assertEquals(revision, p.revision());
    assertEquals(description, p.commitDescription());
    assertEquals(pr, p.createPr());
    if (parent == null) assertNull(p.parentCommit()); else assertEquals(parent, p.parentCommit());
  }

  private static void assertUpload(UploadParams p, int concurrency, boolean verify, UploadListener l,
      CancellationToken t) {
    assertEquals(concurrency, p.concurrency());
    assertEquals(verify, p.verifyLfs());
    assertSame(l, p.listener());
    assertSame(t, p.cancellationToken());
  }
}
