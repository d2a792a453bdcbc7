package io.hf4j.hub;

import static io.hf4j.hub.EmulatorSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import io.hf4j.testkit.RepoView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A folder is one commit unless the caller allows several; then deletions ride the last part. */
class FolderCommitModeTest {
  static final AtomicInteger REPOS = new AtomicInteger();
  static final String COMMIT = "/api/models/*/*/commit/**";
  static final UploadTuning TENS = new UploadTuning(UploadTuning.DEFAULTS.preuploadBatch(), UploadTuning.DEFAULTS.lfsBatch(),
      List.of(10), 0, UploadTuning.DEFAULTS.targetCommitDuration(), UploadTuning.DEFAULTS.maxBatchAge(),
      UploadTuning.DEFAULTS.regularBytesBudget(), UploadTuning.DEFAULTS.maxInflightFiles());

  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.inMemory());

  @TempDir Path dir;
  HubEmulator emulator;
  HubClient hub;

  @BeforeEach
  void setUp() {
    emulator = HUB.emulator();
    hub = HubClient.create(EmulatorSupport.config(emulator));
  }

  @AfterEach
  void clearFaults() {
    emulator.faults().clear();
  }

  /** A repo with 6 old files under {@code old/}, and a local folder of 30 new files. */
  private RepoId repoWithOldFiles() {
    RepoId id = RepoId.of(emulator.userName(), "mode-" + REPOS.incrementAndGet());
    hub.createRepo(id);
    Map<String, byte[]> old = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) old.put("old/o" + i + ".txt", ("old " + i).getBytes(StandardCharsets.UTF_8));
    emulator.repos().commit(RepoType.MODEL, id.toString(), "main", "old files", old, Set.of());
    return id;
  }

  private Path newFolder() {
    Path folder = dir.resolve("new");
    for (int i = 0; i < 30; i++) write(folder, String.format("new/n%02d.txt", i), ("new " + i).getBytes(StandardCharsets.UTF_8));
    return folder;
  }

  private static long oldFiles(RepoView view) {
    return view.files("main").keySet().stream().filter(p -> p.startsWith("old/")).count();
  }

  @Test
  @Timeout(60)
  void byDefaultAFolderIsOneCommitWhateverTheBatchSizes() {
    RepoId repo = repoWithOldFiles();
    int before = emulator.repo(repo.toString()).commits("main").size();
    List<UploadEvent.Committed> commits = new CopyOnWriteArrayList<>();
    hub.uploadFolder(repo, newFolder(), UploadFolderParams.builder().tuning(TENS).deletePatterns("old/*")
        .listener(e -> {
          if (e instanceof UploadEvent.Committed c) commits.add(c);
        }).build());
    RepoView view = emulator.repo(repo.toString());
    assertEquals(before + 1, view.commits("main").size());
    assertEquals(0, oldFiles(view));
    assertEquals(1, commits.size());
    assertFalse(commits.get(0).intermediate());
    assertEquals(30, commits.get(0).files());
  }

  @Test
  @Timeout(60)
  void aMultiCommitUploadThatFailsAfterPartTwoLeavesEveryOldFileInPlace() {
    RepoId repo = repoWithOldFiles();
    Path folder = newFolder();
    int before = emulator.repo(repo.toString()).commits("main").size();
    List<UploadEvent.Committed> commits = new CopyOnWriteArrayList<>();
    UploadFolderParams params = UploadFolderParams.builder().tuning(TENS).multiCommit(true).deletePatterns("old/*")
        .listener(e -> {
          if (e instanceof UploadEvent.Committed c) commits.add(c);
        }).build();
    // Part 3 is refused outright (not retried, not split): the upload stops after part 2.
    FaultRule refuse = emulator.faults().inject(FaultRule.on("POST", COMMIT).nth(3).status(422));
    assertThrows(HfException.class, () -> hub.uploadFolder(repo, folder, params));
    assertEquals(1, refuse.fired());
    RepoView view = emulator.repo(repo.toString());
    assertEquals(before + 2, view.commits("main").size(), "parts 1 and 2 landed");
    assertEquals(6, oldFiles(view), "no old file is deleted before the last part");
    assertEquals(2, commits.size());
    assertTrue(commits.stream().allMatch(UploadEvent.Committed::intermediate), "the repo is between states: " + commits);

    emulator.faults().clear();
    commits.clear();
    hub.uploadFolder(repo, folder, params);
    view = emulator.repo(repo.toString());
    assertEquals(0, oldFiles(view), "the deletions rode the last part");
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 30; i++) expected.add(String.format("new/n%02d.txt", i));
    Set<String> got = new HashSet<>(view.files("main").keySet());
    got.remove(".gitattributes");
    assertEquals(expected, got);
    assertFalse(commits.get(commits.size() - 1).intermediate());
  }

  @Test
  @Timeout(60)
  void aMultiCommitUploadWithDeletionsOnlyMakesOneFinalCommit() {
    RepoId repo = repoWithOldFiles();
    Path empty = dir.resolve("empty");
    write(empty, "keep.txt", "k".getBytes(StandardCharsets.UTF_8));
    hub.uploadFolder(repo, empty, UploadFolderParams.builder().multiCommit(true).deletePatterns("old/*").build());
    assertEquals(0, oldFiles(emulator.repo(repo.toString())));
  }
}
