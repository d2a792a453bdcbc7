package io.hf4j.hub;

import static io.hf4j.hub.EmulatorSupport.assertRepoHolds;
import static io.hf4j.hub.EmulatorSupport.localFiles;
import static io.hf4j.hub.EmulatorSupport.random;
import static io.hf4j.hub.EmulatorSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import io.hf4j.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PreparedFolder}: a folder listed and its large files hashed on a thread of their own before the upload is
 * called gives the same upload as a plain {@code uploadFolder}: the same requests, the same commit; a failure of the
 * listing is thrown by the upload before any request; cancelling stops the hashing and leaves no commit; a prepared
 * folder can be uploaded again after a failed upload, its hashes kept.
 */
class PreparedFolderTest {
  /** Over {@link Uploader#EARLY_SHA256_MIN}: hashed ahead on the Git LFS path. */
  private static final int BIG = (int) Uploader.EARLY_SHA256_MIN + 4097;

  @RegisterExtension
  static final HubEmulatorExtension LFS = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024).xet(false));

  @TempDir Path dir;

  private Path folder(String name) {
    Path f = dir.resolve(name);
    write(f, "config.json", "{\"n\": 1}\n".getBytes(StandardCharsets.UTF_8));
    write(f, "sub/notes.txt", "notes".getBytes(StandardCharsets.UTF_8));
    write(f, "small.bin", random(3000, 1));
    write(f, "a-weights.bin", random(BIG, 2));
    write(f, "z-weights.bin", random(BIG + 1, 3));
    return f;
  }

  private static HubClient hub(HubEmulator emulator) {
    HfConfig config = emulator.hfConfigBuilder().disableXet(true).maxRetries(5)
        .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 20))).build();
    return HubClient.create(config);
  }

  /** The requests of one repo's upload, as method and path with the repo's name taken out. */
  private static List<String> shape(HubEmulator emulator, String repoName, long afterSeq) {
    List<String> out = new ArrayList<>();
    for (RecordedRequest r : emulator.requests()) {
      if (r.seq() <= afterSeq || !(r.path().contains(repoName))) continue;
      if (r.host() == Host.API) out.add(r.method() + " " + r.path().replace(repoName, "R"));
    }
    return out;
  }

  private static long lastSeq(HubEmulator emulator) {
    List<RecordedRequest> all = emulator.requests();
    return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
  }

  @Test
  void aPreparedFolderUploadsAsAPlainUploadDoes() throws Exception {
    HubEmulator emulator = LFS.emulator();
    HubClient hub = hub(emulator);
    Path f = folder("same");
    RepoId plain = RepoId.of(emulator.userName(), "prep-plain");
    RepoId prep = RepoId.of(emulator.userName(), "prep-prepared");
    hub.createRepo(plain);
    hub.createRepo(prep);

    long s0 = lastSeq(emulator);
    CommitInfo a = hub.uploadFolder(plain, f, UploadFolderParams.builder().commitMessage("m").build());
    List<String> plainShape = shape(emulator, "prep-plain", s0);

    List<UploadEvent> events = new CopyOnWriteArrayList<>();
    UploadFolderParams params = UploadFolderParams.builder().commitMessage("m").listener(events::add).build();
    try (PreparedFolder prepared = PreparedFolder.start(f, params, true)) {
      assertEquals(5, prepared.items().size());
      // The large files are hashed ahead: wait for the first one here (the thread hashes in the folder's order).
      CompletableFuture<String> first = prepared.claimHash(f.resolve("a-weights.bin"));
      if (first != null) {
        assertEquals(FileHashes.sha256(f.resolve("a-weights.bin")), first.join());
      }
      long s1 = lastSeq(emulator);
      CommitInfo b = hub.uploadFolder(prep, prepared);
      // The same kinds of requests in the same order: preupload first, one commit last. (How many LFS batch calls
      // carry the files depends on which hashes are ready together, in either upload.)
      List<String> prepShape = shape(emulator, "prep-prepared", s1);
      assertEquals(new java.util.TreeSet<>(plainShape), new java.util.TreeSet<>(prepShape), prepShape.toString());
      assertEquals(plainShape.get(0), prepShape.get(0));
      assertEquals(plainShape.get(plainShape.size() - 1), prepShape.get(prepShape.size() - 1));
      assertEquals(1, prepShape.stream().filter(r -> r.endsWith("/commit/main")).count(), prepShape.toString());
      assertRepoHolds(emulator.repo(prep.toString()), "main", localFiles(f));
      assertEquals(emulator.repo(plain.toString()).files("main").keySet(), emulator.repo(prep.toString()).files("main").keySet());
      assertNotNull(a.oid());
      assertEquals(b.oid(), emulator.repo(prep.toString()).commits("main").get(0).id());
    }
    UploadEvent.Finished done = (UploadEvent.Finished) events.stream().filter(e -> e instanceof UploadEvent.Finished)
        .findFirst().orElseThrow();
    assertEquals(5, done.filesCommitted());
    long total = Files.size(f.resolve("a-weights.bin")) + Files.size(f.resolve("z-weights.bin"))
        + Files.size(f.resolve("small.bin")); // LFS files all (over the emulator's 1024-byte threshold)
    assertEquals(total, done.bytesHashed(), "the hashes computed ahead count as hashed bytes of the upload");
  }

  @Test
  void aListingFailureIsThrownByTheUploadBeforeAnyRequest() throws Exception {
    HubEmulator emulator = LFS.emulator();
    HubClient hub = hub(emulator);
    Path loopy = Files.createDirectories(dir.resolve("loopy/sub"));
    Files.writeString(loopy.resolve("f.txt"), "f");
    Files.createSymbolicLink(loopy.resolve("back"), loopy.getParent());
    RepoId repo = RepoId.of(emulator.userName(), "prep-loop");
    hub.createRepo(repo);
    HfValidationException plain = assertThrows(HfValidationException.class,
        () -> hub.uploadFolder(repo, loopy.getParent(), UploadFolderParams.defaults()));
    long s0 = lastSeq(emulator);
    try (PreparedFolder prepared = PreparedFolder.start(loopy.getParent(), UploadFolderParams.defaults(), true)) {
      HfValidationException e = assertThrows(HfValidationException.class, () -> hub.uploadFolder(repo, prepared));
      assertEquals(plain.getMessage(), e.getMessage());
    }
    assertEquals(List.of(), shape(emulator, "prep-loop", s0), "nothing was sent");
    HfValidationException missing = assertThrows(HfValidationException.class,
        () -> hub.uploadFolder(repo, PreparedFolder.start(dir.resolve("nope"), UploadFolderParams.defaults(), false)));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }

  @Test
  void cancellingStopsTheHashingAndLeavesNoCommit() throws Exception {
    HubEmulator emulator = LFS.emulator();
    HubClient hub = hub(emulator);
    Path f = folder("cancel");
    RepoId repo = RepoId.of(emulator.userName(), "prep-cancel");
    hub.createRepo(repo);
    int commitsBefore = emulator.repo(repo.toString()).commits("main").size();
    CancellationToken token = CancellationToken.create();
    UploadFolderParams params = UploadFolderParams.builder().cancellationToken(token).build();
    PreparedFolder prepared = PreparedFolder.start(f, params, true);
    token.cancel();
    assertThrows(CancelledException.class, () -> hub.uploadFolder(repo, prepared));
    prepared.close();
    assertFalse(prepared.running(), "the preparation's thread ended");
    assertEquals(commitsBefore, emulator.repo(repo.toString()).commits("main").size(), "no commit");
    assertTrue(emulator.repo(repo.toString()).files("main").keySet().stream().noneMatch(p -> p.endsWith(".bin")));
    // A hash the preparation did not finish is the upload's to compute: none is handed out half-done.
    CompletableFuture<String> h = prepared.claimHash(f.resolve("z-weights.bin"));
    assertTrue(h == null || h.join().equals(FileHashes.sha256(f.resolve("z-weights.bin"))));
  }

  @Test
  void anUploadCanBeRepeatedWithTheSamePreparationAfterTheRepoIsCreated() throws Exception {
    HubEmulator emulator = LFS.emulator();
    HubClient hub = hub(emulator);
    Path f = folder("again");
    RepoId repo = RepoId.of(emulator.userName(), "prep-again");
    try (PreparedFolder prepared = PreparedFolder.start(f, UploadFolderParams.defaults(), true)) {
      assertThrows(RepositoryNotFoundException.class, () -> hub.uploadFolder(repo, prepared));
      assertNull(emulator.findRepo(io.hf4j.core.RepoType.MODEL, repo.toString()));
      hub.createRepo(repo);
      hub.uploadFolder(repo, prepared);
      assertRepoHolds(emulator.repo(repo.toString()), "main", localFiles(f));
    }
  }

  @Test
  void paramsThatChooseOtherFilesAreRefused() throws Exception {
    HubEmulator emulator = LFS.emulator();
    HubClient hub = hub(emulator);
    Path f = folder("mismatch");
    RepoId repo = RepoId.of(emulator.userName(), "prep-mismatch");
    try (PreparedFolder prepared = PreparedFolder.start(f, UploadFolderParams.defaults(), false)) {
      HfValidationException e = assertThrows(HfValidationException.class, () -> hub.uploadFolder(repo, prepared,
          UploadFolderParams.builder().ignorePatterns("*.bin").build()));
      assertTrue(e.getMessage().contains("prepared with"), e.getMessage());
      // Only the listing is done ahead without Git LFS: no hash is offered.
      assertNull(prepared.claimHash(f.resolve("a-weights.bin")));
    }
  }
}
