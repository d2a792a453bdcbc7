package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.ConflictException;
import io.hf4j.core.EntryNotFoundException;
import io.hf4j.core.GatedRepoException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.RevisionNotFoundException;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and other users' views of issue 16's calls, against the emulator: typed errors, nothing half-done. */
@Timeout(60)
class RepoAdminEmulatorTest {
  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024));

  @TempDir Path tmp;

  private static Map<String, byte[]> files(String... pathsAndContents) {
    Map<String, byte[]> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return m;
  }

  private HubClient other(HubEmulator hub) {
    HfConfig c = hub.hfConfigBuilder().token(HubEmulator.OTHER_USER_TOKEN).hubCache(tmp.resolve("other-cache")).build();
    return HubClient.create(c);
  }

  @Test
  void deletionsThatMatchNothingCommitNothing() {
    HubEmulator hub = HUB.emulator();
    hub.repos().create(RepoType.MODEL, "testuser/del", false, Map.of());
    hub.repos().commit(RepoType.MODEL, "testuser/del", "main", "seed", files("a.txt", "a", "dir/b.txt", "b"), Set.of());
    HubClient hf4j = HubClient.create(EmulatorSupport.config(hub));
    RepoId id = RepoId.of("testuser/del");
    String head = hub.repo("testuser/del").head("main");
    assertThrows(EntryNotFoundException.class, () -> hf4j.deleteFile(id, "missing.txt"));
    assertThrows(EntryNotFoundException.class, () -> hf4j.deleteFolder(id, "nodir"));
    HfValidationException none = assertThrows(HfValidationException.class, () -> hf4j.deleteFiles(id, List.of("*.bin")));
    assertTrue(none.getMessage().contains("*.bin"), none.getMessage());
    assertEquals(head, hub.repo("testuser/del").head("main"));

    CommitInfo pr = hf4j.deleteFolder(id, "dir", DeleteFilesParams.builder().createPr(true).commitMessage("drop dir").build());
    assertEquals(1, pr.prNum());
    assertEquals("refs/pr/1", pr.prRevision());
    assertTrue(pr.prUrl().endsWith("/testuser/del/discussions/1"), pr.prUrl());
    assertEquals(head, hub.repo("testuser/del").head("main"), "a PR leaves main alone");
    assertEquals(List.of(".gitattributes", "a.txt"), hf4j.listRepoFiles(id, RepoRefParams.builder().revision("refs/pr/1").build())
        .sorted().toList());
  }

  @Test
  void otherUsersSeeVisibilityAndGatingAsTheHubEnforcesThem() {
    HubEmulator hub = HUB.emulator();
    hub.repos().create(RepoType.MODEL, "testuser/gate", false, Map.of());
    hub.repos().commit(RepoType.MODEL, "testuser/gate", "main", "w", files("w.txt", "weights"), Set.of());
    hub.repos().create(RepoType.MODEL, "testuser/hush", false, Map.of());
    HubClient owner = HubClient.create(EmulatorSupport.config(hub));
    HubClient other = other(hub);
    RepoId gate = RepoId.of("testuser/gate");
    owner.updateRepoSettings(gate, RepoSettingsParams.builder().gated("auto").build());
    owner.updateRepoSettings(RepoId.of("testuser/hush"), RepoSettingsParams.builder().privateRepo(true).build());

    assertEquals("auto", other.modelInfo(gate).gated());
    assertTrue(other.revisionExists(gate, "main"));
    assertThrows(GatedRepoException.class, () -> other.hfHubDownload(gate, "w.txt"));
    assertThrows(GatedRepoException.class, () -> other.getHfFileMetadata(gate, "w.txt"));
    assertEquals(7, owner.getHfFileMetadata(gate, "w.txt").size());

    List<String> seenByOther = other.listModels(ListReposParams.builder().author("testuser").build()).map(ModelInfo::id).toList();
    assertTrue(seenByOther.contains("testuser/gate"));
    assertFalse(seenByOther.contains("testuser/hush"));
    assertTrue(owner.listModels(ListReposParams.builder().author("testuser").build()).anyMatch(m -> m.id().equals("testuser/hush")));
    assertFalse(other.repoExists(RepoId.of("testuser/hush")));
    assertTrue(owner.listModels(ListReposParams.builder().author("testuser").gated(true).build())
        .allMatch(m -> m.id().equals("testuser/gate")));
  }

  @Test
  void refsErrorsAreTypedAndNameTheRef() {
    HubEmulator hub = HUB.emulator();
    hub.repos().create(RepoType.DATASET, "testuser/refs-ds", false, Map.of());
    HubClient hf4j = HubClient.create(EmulatorSupport.config(hub));
    RepoId id = RepoId.dataset("testuser/refs-ds");
    CreateBranchParams ds = CreateBranchParams.defaults();
    hf4j.createBranch(id, "exp", ds);
    ConflictException dup = assertThrows(ConflictException.class, () -> hf4j.createBranch(id, "exp", ds));
    assertTrue(dup.getMessage().contains("exp"), dup.getMessage());
    RevisionNotFoundException noStart = assertThrows(RevisionNotFoundException.class,
        () -> hf4j.createBranch(id, "exp2", ds.toBuilder().revision("ghost").build()));
    assertTrue(noStart.getMessage().contains("ghost"), noStart.getMessage());
    RevisionNotFoundException noRev = assertThrows(RevisionNotFoundException.class, () -> hf4j.createTag(id, "v1",
        CreateTagParams.builder().revision("ghost").build()));
    assertTrue(noRev.getMessage().contains("ghost"), noRev.getMessage());
    assertEquals(Set.of("main", "exp"), hub.repo(RepoType.DATASET, "testuser/refs-ds").branches().keySet());
    assertTrue(hf4j.listRepoRefs(id).tags().isEmpty());
    assertThrows(RevisionNotFoundException.class, () -> hf4j.deleteTag(id, "v1"));
    assertFalse(hf4j.revisionExists(id, "ghost"));
    assertTrue(hf4j.revisionExists(id, "exp"));

    // Like the Python client: a token that may not write succeeds with existOk when the branch is there already.
    HubClient reader = other(hub);
    CreateBranchParams existOk = ds.toBuilder().existOk(true).build();
    reader.createBranch(id, "exp", existOk);
    assertThrows(io.hf4j.core.PermissionDeniedException.class, () -> reader.createBranch(id, "exp3", existOk));
    assertEquals(Set.of("main", "exp"), hub.repo(RepoType.DATASET, "testuser/refs-ds").branches().keySet());
  }
}
