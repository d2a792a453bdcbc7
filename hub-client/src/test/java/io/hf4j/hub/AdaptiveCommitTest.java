package io.hf4j.hub;

import static io.hf4j.hub.EmulatorSupport.assertRepoHolds;
import static io.hf4j.hub.EmulatorSupport.localFiles;
import static io.hf4j.hub.EmulatorSupport.random;
import static io.hf4j.hub.EmulatorSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import io.hf4j.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The multi-commit pipeline's batch sizing and overlap. */
class AdaptiveCommitTest {
  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024));

  @TempDir Path dir;
  HubEmulator emulator;
  HubClient hub;

  @BeforeEach
  void setUp() {
    emulator = HUB.emulator();
    hub = HubClient.create(EmulatorSupport.config(emulator).toBuilder().disableXet(true).build()); // LFS PUT timing
  }

  @AfterEach
  void clearFaults() {
    emulator.faults().clear();
  }

  private static UploadTuning tuning(List<Integer> sizes, int start, Duration target) {
    UploadTuning d = UploadTuning.DEFAULTS;
    return new UploadTuning(d.preuploadBatch(), d.lfsBatch(), sizes, start, target, d.maxBatchAge(),
        d.regularBytesBudget(), d.maxInflightFiles());
  }

  private List<UploadEvent.Committed> upload(RepoId repo, Path folder, UploadTuning tuning) {
    List<UploadEvent.Committed> commits = new CopyOnWriteArrayList<>();
    hub.uploadFolder(repo, folder, UploadFolderParams.builder().tuning(tuning).multiCommit(true).concurrency(1).listener(e -> {
      if (e instanceof UploadEvent.Committed c) commits.add(c);
    }).build());
    return commits;
  }

  @Test
  @Timeout(60)
  void slowCommitsShrinkTheNextBatch() {
    RepoId repo = RepoId.of(emulator.userName(), "slow");
    hub.createRepo(repo);
    Path folder = dir.resolve("slow");
    for (int i = 0; i < 60; i++) write(folder, "f" + i + ".txt", ("x" + i).getBytes(StandardCharsets.UTF_8));
    emulator.faults().inject(FaultRule.on("POST", "/api/models/*/*/commit/**").delay(Duration.ofMillis(150)));

    List<UploadEvent.Committed> commits = upload(repo, folder, tuning(List.of(5, 10, 20), 2, Duration.ofMillis(50)));

    assertEquals(List.of(20, 10), commits.subList(0, 2).stream().map(UploadEvent.Committed::files).toList(),
        "each slow commit steps the size down");
    assertTrue(commits.subList(2, commits.size()).stream().allMatch(c -> c.files() <= 5), commits.toString());
    assertEquals(60, commits.stream().mapToInt(UploadEvent.Committed::files).sum());
    assertRepoHolds(emulator.repo(repo.toString()), "main", localFiles(folder));
  }

  @Test
  @Timeout(60)
  void aCommitRefusedAsTooLargeIsSplitAndTitlesStayUnique() {
    RepoId repo = RepoId.of(emulator.userName(), "split");
    hub.createRepo(repo);
    Path folder = dir.resolve("split");
    for (int i = 0; i < 40; i++) write(folder, "f" + i + ".txt", ("y" + i).getBytes(StandardCharsets.UTF_8));
    emulator.faults().inject(FaultRule.on("POST", "/api/models/*/*/commit/**").nth(1).status(413));

    List<UploadEvent.Committed> commits = upload(repo, folder, tuning(List.of(20, 40), 1, Duration.ofSeconds(40)));

    assertEquals(List.of(20, 20), commits.stream().map(UploadEvent.Committed::files).toList());
    assertEquals(List.of("Upload folder using huggingface_hub (part 2)", "Upload folder using huggingface_hub"),
        emulator.repo(repo.toString()).commits("main").subList(0, 2).stream().map(c -> c.title()).toList());
    assertRepoHolds(emulator.repo(repo.toString()), "main", localFiles(folder));
  }

  @Test
  @Timeout(60)
  void theNextBatchUploadsWhileTheCurrentOneCommits() {
    RepoId repo = RepoId.of(emulator.userName(), "overlap");
    hub.createRepo(repo);
    Path folder = dir.resolve("overlap");
    for (int i = 0; i < 12; i++) write(folder, "w" + i + ".bin", random(4096, i));
    emulator.faults().inject(FaultRule.on("POST", "/api/models/*/*/commit/**").delay(Duration.ofMillis(400)));
    emulator.faults().inject(FaultRule.on("PUT", "/upload/*").host(Host.STORAGE).delay(Duration.ofMillis(60)));
    emulator.clearRequests();

    List<UploadEvent.Committed> commits = upload(repo, folder, tuning(List.of(4), 0, Duration.ofSeconds(40)));

    assertEquals(3, commits.size());
    List<RecordedRequest> log = emulator.requests();
    RecordedRequest firstCommit = log.stream().filter(r -> r.path().endsWith("/commit/main")).findFirst().orElseThrow();
    Instant commitEnd = firstCommit.at().plusMillis(firstCommit.durationMillis());
    long putsDuringCommit = log.stream().filter(r -> r.host() == Host.STORAGE)
        .filter(r -> r.at().isAfter(firstCommit.at()) && r.at().isBefore(commitEnd)).count();
    assertTrue(putsDuringCommit > 0, "storage PUTs of batch 2 must arrive while batch 1 commits: " + log);
    assertRepoHolds(emulator.repo(repo.toString()), "main", localFiles(folder));
  }
}
