package io.hf4j.bench;

import io.hf4j.core.RepoId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A file much larger than the heap, uploaded and downloaded back by a child JVM started with
 * {@code -Xmx256m}; the child reports its peak heap (MemoryMXBean samples, GC notifications, pool
 * peaks) and its peak RSS ({@code VmHWM} from /proc). The content is random, so nothing compresses.
 */
final class MemorySection {
  static final String HEAP = "-Xmx256m";

  private MemorySection() {}

  static void run(Bench bench, Report.Section section) {
    Profile p = bench.profile;
    Datasets.Folder folder = Datasets.ensure(bench.data("memory"), Datasets.binaries("huge", 1, p.memoryFileSize()), 5);
    Path scratch = bench.workDir.resolve("memory-child");
    Datasets.deleteTree(scratch);
    try (BenchHub hub = BenchHub.start(p)) {
      RepoId repo = hub.newRepo("memory");
      List<String> cmd = Procs.javaCommand(List.of(HEAP), Child.class,
          List.of("memory", hub.url(), hub.token(), repo.toString(), folder.root().toString(), scratch.toString()));
      bench.log("memory: child JVM %s uploads and downloads %s", HEAP, Report.size(p.memoryFileSize()));
      Procs.Result r = Procs.run(cmd, null, 3600);
      if (r.exit() != 0) {
        section.status = "failed";
        section.note("The child JVM failed (exit " + r.exit() + "): " + Procs.tail(r.err()));
        section.target("Memory: " + Report.size(p.memoryFileSize()) + " up and down with " + HEAP, "completes, peak heap < 256 MiB",
            "failed (exit " + r.exit() + ")", false);
        return;
      }
      String out = r.out().strip();
      Map<String, Object> m = Json.parseObject(out.substring(out.lastIndexOf('\n') + 1));
      Path downloaded = Path.of((String) m.get("snapshot")).resolve(folder.files().get(0).path());
      long mismatch = Files.mismatch(folder.paths().get(0), downloaded);
      boolean identical = mismatch == -1;
      @SuppressWarnings("unchecked")
      Map<String, Object> up = (Map<String, Object>) m.get("upload");
      @SuppressWarnings("unchecked")
      Map<String, Object> down = (Map<String, Object>) m.get("download");
      Report.Table t = section.table("Child JVM " + HEAP + ", " + Report.size(p.memoryFileSize()) + " of random bytes.",
          "phase", "time", "throughput", "heap peak (sampled)", "heap before GC (max)", "live heap after GC (max)",
          "sum of pool peaks", "peak RSS so far");
      row(t, "upload (uploadFolder)", num(m, "uploadSeconds"), p.memoryFileSize(), up);
      row(t, "download (snapshotDownload)", num(m, "downloadSeconds"), p.memoryFileSize(), down);
      long peakHeap = Math.max(num(m, "heapPeakSampled").longValue(), num(m, "heapPeakBeforeGc").longValue());
      long rss = num(m, "vmHwmKiB").longValue() * 1024;
      section.note("Whole child: peak heap " + Report.mib(peakHeap) + " (max of 2 ms samples and of the heap before each"
          + " GC), live heap after GC at most " + Report.mib(num(m, "heapPeakAfterGc").longValue()) + ", peak RSS "
          + Report.mib(rss) + ", " + num(m, "gcCount").longValue() + " GCs taking " + num(m, "gcMillis").longValue()
          + " ms. The downloaded file is " + (identical ? "byte-identical to" : "DIFFERENT from") + " the original.");
      section.note("-Xmx256m caps the heap, so completing at all shows the heap bound holds; the live heap after GC is"
          + " what the client really keeps. RSS adds metaspace, code cache, thread stacks and direct buffers.");
      section.data.putAll(m);
      section.data.put("identical", identical);
      section.data.put("fileBytes", p.memoryFileSize());
      boolean met = identical && peakHeap < 256L * 1024 * 1024;
      section.target("Memory: " + Report.size(p.memoryFileSize()) + " up and down with " + HEAP,
          "completes, peak heap < 256 MiB", "completed" + (identical ? "" : " (content differs)") + ", peak heap "
              + Report.mib(peakHeap) + ", peak RSS " + Report.mib(rss), met);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Datasets.deleteTree(scratch);
    }
  }

  private static void row(Report.Table t, String phase, Number seconds, long bytes, Map<String, Object> m) {
    t.row(phase, Report.secs(seconds.doubleValue()) + " s", Report.mibPerSec(bytes, seconds.doubleValue()),
        Report.mib(num(m, "heapPeakSampled").longValue()), Report.mib(num(m, "heapPeakBeforeGc").longValue()),
        Report.mib(num(m, "heapPeakAfterGc").longValue()), Report.mib(num(m, "heapPoolPeakSum").longValue()),
        Report.mib(num(m, "vmHwmKiB").longValue() * 1024));
  }

  private static Number num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Number n)) throw new IllegalStateException("child report lacks " + key + ": " + m);
    return n;
  }
}
