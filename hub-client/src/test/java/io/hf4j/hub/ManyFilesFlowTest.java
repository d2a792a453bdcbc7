package io.hf4j.hub;

import static io.hf4j.hub.EmulatorSupport.assertRepoHolds;
import static io.hf4j.hub.EmulatorSupport.count;
import static io.hf4j.hub.EmulatorSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.testkit.CommitView;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RepoView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Ten thousand small files through the multi-commit pipeline. */
class ManyFilesFlowTest {
  @Test
  void tenThousandSmallFilesGoThroughSeveralAdaptiveCommits() {
    try (FastDisk disk = FastDisk.create("hf4j-many-");
        HubEmulator emulator = HubEmulator.builder().dataDir(disk.root.resolve("hub")).build().start()) {
      HubClient hub = HubClient.create(EmulatorSupport.config(emulator));
      RepoId repo = RepoId.dataset(emulator.userName() + "/many");
      hub.createRepo(repo);
      Path folder = disk.root.resolve("many");
      SortedMap<String, byte[]> expected = new TreeMap<>();
      for (int i = 0; i < 10_000; i++) {
        String rel = "shard-" + (i % 10) + "/f" + i + ".txt";
        byte[] content = ("file " + i + "\n").getBytes(StandardCharsets.UTF_8);
        write(folder, rel, content);
        expected.put(rel, content);
      }
      List<UploadEvent.Committed> commits = new CopyOnWriteArrayList<>();
      emulator.clearRequests();

      CommitInfo last = hub.uploadFolder(repo, folder, UploadFolderParams.builder().multiCommit(true)
          .commitMessage("Add shards").listener(e -> {
            if (e instanceof UploadEvent.Committed c) commits.add(c);
          }).build());
      RepoView view = emulator.repo(RepoType.DATASET, repo.toString());
      assertRepoHolds(view, "main", expected);
      List<CommitView> history = view.commits("main");
      int n = commits.size();
      assertTrue(n >= 5 && n <= 40, "adaptive commits: " + n);
      assertEquals(10_000, commits.stream().mapToInt(UploadEvent.Committed::files).sum());
      assertEquals(n, count(emulator.requests(), "POST", ".*/commit/main"));
      assertEquals("Add shards", history.get(n - 1).title());
      for (int part = 2; part <= n; part++) assertEquals("Add shards (part " + part + ")", history.get(n - part).title());
      assertEquals(last.oid(), history.get(0).id());
      assertTrue(commits.get(1).files() > commits.get(0).files(), "fast commits grow the batch: " + commits);
      assertEquals(40, count(emulator.requests(), "POST", ".*/preupload/main"));
      emulator.clearRequests();
      CommitInfo again = hub.uploadFolder(repo, folder);
      assertEquals(last.oid(), again.oid(), "a re-run of a complete upload commits nothing");
      assertEquals(0, count(emulator.requests(), "POST", ".*/commit/.*"));
    }
  }
}
