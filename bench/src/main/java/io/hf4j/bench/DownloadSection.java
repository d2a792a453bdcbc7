package io.hf4j.bench;

import io.hf4j.hub.SnapshotDownloadParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code snapshotDownload} of the repos the throughput section uploaded, into a fresh cache each run,
 * against reading the same bytes from disk (page cache warm) and against copying them ({@code cp -r},
 * which also writes them, as a download must).
 */
final class DownloadSection {
  private DownloadSection() {}

  static void run(Bench bench, BenchHub hub, List<ThroughputSection.Uploaded> uploaded, Report.Section section) {
    Profile p = bench.profile;
    Report.Table t = section.table("Download time, median of " + p.runs() + " run(s) (1 for the 10 000-file repo), into an"
            + " empty cache each time.",
        "repo", "files", "bytes", "snapshotDownload", "read from disk", "cp -r", "hf4j / read", "hf4j / cp",
        "hf4j throughput");
    Path scratch = bench.workDir.resolve("downloads");
    try {
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (ThroughputSection.Uploaded u : uploaded) {
      Datasets.Folder folder = u.scenario().folder();
      bench.log("downloads: %s from %s", u.scenario().title(), u.repo());
      List<Double> hf4j = new ArrayList<>();
      List<Double> read = new ArrayList<>();
      List<Double> cp = new ArrayList<>();
      readAll(folder); // warm
      // Ten thousand files take long enough that one run is enough (and keeps the bench under 20 minutes).
      int runs = folder.count() > 5000 ? 1 : p.runs();
      for (int run = 0; run < runs; run++) {
        read.add(readAll(folder));
        Path copy = scratch.resolve("cp-" + run);
        Datasets.deleteTree(copy);
        long c0 = System.nanoTime();
        Procs.check(Procs.run(List.of("cp", "-r", folder.root().toString(), copy.toString()), null, 1800), List.of("cp"));
        cp.add((System.nanoTime() - c0) / 1e9);
        Datasets.deleteTree(copy);

        Path cache = scratch.resolve("cache-" + run);
        Datasets.deleteTree(cache);
        long t0 = System.nanoTime();
        Path snapshot = hub.hub.snapshotDownload(u.repo(), SnapshotDownloadParams.builder().cacheDir(cache).build());
        double secs = (System.nanoTime() - t0) / 1e9;
        hf4j.add(secs);
        verify(snapshot, folder);
        Datasets.deleteTree(cache);
        bench.log("  run %d: snapshotDownload %s s, read %s s, cp %s s", run + 1, Report.secs(secs),
            Report.secs(read.get(run)), Report.secs(cp.get(run)));
      }
      double mHf = Stats.median(hf4j);
      double mRead = Stats.median(read);
      double mCp = Stats.median(cp);
      t.row(u.scenario().title(), folder.count(), Report.mib(folder.bytes()), Report.secs(mHf) + " s",
          Report.secs(mRead) + " s", Report.secs(mCp) + " s", Report.ratio(Stats.ratio(mHf, mRead)),
          Report.ratio(Stats.ratio(mHf, mCp)), Report.mibPerSec(folder.bytes(), mHf));
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("title", u.scenario().title());
      d.put("files", folder.count());
      d.put("bytes", folder.bytes());
      d.put("snapshotDownloadSeconds", hf4j);
      d.put("readSeconds", read);
      d.put("cpSeconds", cp);
      d.put("hf4jOverRead", Stats.ratio(mHf, mRead));
      d.put("hf4jOverCp", Stats.ratio(mHf, mCp));
      section.data.put(u.scenario().id(), d);
    }
    section.note("Every snapshot is checked after the timer stopped: same files, same sha256.");
  }

  /** Reads every byte of the folder's files once (1 MiB buffer); seconds. */
  static double readAll(Datasets.Folder folder) {
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    long t0 = System.nanoTime();
    long total = 0;
    try {
      for (Path f : folder.paths()) {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
          while (true) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) break;
            total += n;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (total != folder.bytes()) throw new IllegalStateException("read " + total + " bytes of " + folder.bytes());
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void verify(Path snapshot, Datasets.Folder folder) {
    for (Datasets.Spec s : folder.files()) {
      Path got = snapshot.resolve(s.path());
      if (!Files.exists(got)) throw new IllegalStateException("snapshot lacks " + s.path());
      if (!Sha.sha256(got).equals(Sha.sha256(folder.root().resolve(s.path())))) {
        throw new IllegalStateException("snapshot file differs: " + s.path());
      }
    }
  }
}
