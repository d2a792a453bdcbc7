package io.hf4j.hub;

import static io.hf4j.hub.EmulatorSupport.random;
import static io.hf4j.hub.EmulatorSupport.write;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoId;
import io.hf4j.testkit.CommitView;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import io.hf4j.testkit.RepoView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lost-commit race: client A's commit fails with an unknown outcome; before A looks at the branch,
 * client B commits with the same message. A must never take B's commit for its own.
 */
class LostCommitRaceTest {
  static final AtomicInteger REPOS = new AtomicInteger();
  static final String MESSAGE = "Upload with a common message";

  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024));

  @TempDir Path dir;

  @AfterEach
  void clearFaults() {
    HUB.emulator().faults().clear();
  }

  private RepoId newRepo(HubClient hub) {
    RepoId id = RepoId.of(HUB.emulator().userName(), "race-" + REPOS.incrementAndGet());
    hub.createRepo(id);
    return id;
  }

  /** A client whose first wait before looking at the branch lets {@code meanwhile} run (client B's commit). */
  private static HubClient clientA(HubEmulator emulator, Runnable meanwhile) {
    AtomicBoolean once = new AtomicBoolean();
    HfConfig config = emulator.hfConfigBuilder().maxRetries(3).sleeper(d -> {
      if (once.compareAndSet(false, true)) meanwhile.run();
    }).build();
    return HubClient.create(config);
  }

  @ParameterizedTest(name = "A''s file {0} bytes")
  @ValueSource(ints = {40, 5000})
  @Timeout(60)
  void aCommitRefusedWith500IsNotConfusedWithAnotherClientsCommitOfTheSameTitle(int size) {
    HubEmulator emulator = HUB.emulator();
    HubClient b = HubClient.create(emulator.hfConfig());
    RepoId repo = newRepo(b);
    byte[] aBytes = random(size, 7);
    Path aFile = write(dir, "a.bin", aBytes);
    Path bFile = write(dir, "b.txt", "client B".getBytes(StandardCharsets.UTF_8));
    AtomicReference<CommitInfo> bInfo = new AtomicReference<>();
    UploadFileParams message = UploadFileParams.builder().commitMessage(MESSAGE).build();
    HubClient a = clientA(emulator, () -> bInfo.set(b.uploadFile(repo, bFile, "b.txt", message)));
    // The first commit POST (A's) is answered 500 without being applied; B's and A's second go through.
    FaultRule rule = emulator.faults().inject(FaultRule.on("POST", "/api/models/*/*/commit/**").nth(1).status(500));

    CommitInfo aInfo = a.uploadFile(repo, aFile, "a.bin", message);

    assertEquals(1, rule.fired());
    assertNotEquals(bInfo.get().oid(), aInfo.oid(), "A took B's commit for its own");
    RepoView view = emulator.repo(repo.toString());
    assertArrayEquals(aBytes, view.fileBytes("main", "a.bin"), "A's file is on main");
    assertNotNull(view.file("main", "b.txt"));
    List<CommitView> history = view.commits("main");
    assertEquals(aInfo.oid(), history.get(0).id());
    assertEquals(bInfo.get().oid(), history.get(1).id());
    assertEquals(3, history.size(), history.toString());
  }

  @Test
  @Timeout(60)
  void aCommitWhoseAnswerWasLostIsFoundByItsContentBelowAnotherOfTheSameTitle() {
    HubEmulator emulator = HUB.emulator();
    HubClient b = HubClient.create(emulator.hfConfig());
    RepoId repo = newRepo(b);
    Path aFile = write(dir, "a2.txt", "client A".getBytes(StandardCharsets.UTF_8));
    Path bFile = write(dir, "b2.txt", "client B".getBytes(StandardCharsets.UTF_8));
    AtomicReference<CommitInfo> bInfo = new AtomicReference<>();
    UploadFileParams message = UploadFileParams.builder().commitMessage(MESSAGE).build();
    HubClient a = clientA(emulator, () -> bInfo.set(b.uploadFile(repo, bFile, "b.txt", message)));
    emulator.faults().inject(FaultRule.on("POST", "/api/models/*/*/commit/**").nth(1).dropResponseAfterApply());

    CommitInfo aInfo = a.uploadFile(repo, aFile, "a.txt", message);

    List<CommitView> history = emulator.repo(repo.toString()).commits("main");
    assertEquals(3, history.size(), "A's commit is not posted again: " + history);
    assertEquals(bInfo.get().oid(), history.get(0).id());
    assertEquals(history.get(1).id(), aInfo.oid(), "A recognised its own (older) commit, not B's newer one");
  }

  @Test
  @Timeout(60)
  void aLostDeleteIsRecognisedByTheAbsenceOfThePath() {
    HubEmulator emulator = HUB.emulator();
    HubClient b = HubClient.create(emulator.hfConfig());
    RepoId repo = newRepo(b);
    b.uploadFile(repo, write(dir, "gone.txt", "x".getBytes(StandardCharsets.UTF_8)), "gone.txt");
    HubClient a = clientA(emulator, () -> {});
    emulator.faults().inject(FaultRule.on("POST", "/api/models/*/*/commit/**").nth(1).dropResponseAfterApply());
    CommitInfo info = a.createCommit(repo, List.of(CommitOperation.delete("gone.txt")), "Delete it");
    List<CommitView> history = emulator.repo(repo.toString()).commits("main");
    assertEquals(3, history.size(), history.toString());
    assertEquals(history.get(0).id(), info.oid());
  }
}
