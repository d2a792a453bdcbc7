package io.hf4j.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoId;
import io.hf4j.hub.HubClient;
import io.hf4j.hub.SnapshotDownloadParams;
import io.hf4j.hub.UploadEvent;
import io.hf4j.hub.UploadFolderParams;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The bench's child JVM: {@code memory} uploads a folder then downloads the repo back, reporting peak
 * heap (sampled, before each GC, and per-pool peaks) and peak RSS; {@code upload} just uploads (the
 * fault section kills it midway; the throughput section times the first call of a cold JVM) and {@code download}
 * downloads into {@code CACHE_DIR/cache}. Prints one JSON line on stdout.
 *
 * <pre>java -Xmx256m -cp ... io.hf4j.bench.Child memory ENDPOINT TOKEN REPO FOLDER CACHE_DIR</pre>
 */
public final class Child {
  private Child() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    // HF_HUB_DISABLE_XET=1 selects the Git LFS path, as for the Python client and the hf4j command beside it.
    // Timed too ("createSeconds", reported beside the call): what the configuration and the client cost before the
    // call, so that nothing moved out of the call's timer goes unseen.
    long c0 = System.nanoTime();
    HfConfig config = HfConfig.builder().endpoint(args[1]).token(args[2]).hfHome(Path.of(args[5]).resolve("home"))
        .disableXet("1".equals(System.getenv("HF_HUB_DISABLE_XET"))).build();
    HubClient hub = HubClient.create(config);
    double createSeconds = (System.nanoTime() - c0) / 1e9;
    RepoId repo = RepoId.of(args[3]);
    Path folder = Path.of(args[4]);
    Map<String, Object> out = new LinkedHashMap<>();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    if (mode.equals("upload")) {
      AtomicReference<UploadEvent.Finished> finished = new AtomicReference<>();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      hub.uploadFolder(repo, folder, BenchHub.quietParams(finished));
      out.put("seconds", (System.nanoTime() - t0) / 1e9);
      out.put("cpuSeconds", (os.getProcessCpuTime() - cpu0) / 1e9);
      out.put("createSeconds", createSeconds);
      out.put("bytesUploaded", finished.get().bytesUploaded());
      System.out.println(Json.write(out).replace("\n", " "));
      return;
    }
    if (mode.equals("download")) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Path snapshot = hub.snapshotDownload(repo, SnapshotDownloadParams.builder().cacheDir(Path.of(args[5]).resolve("cache")).build());
      out.put("seconds", (System.nanoTime() - t0) / 1e9);
      out.put("cpuSeconds", (os.getProcessCpuTime() - cpu0) / 1e9);
      out.put("snapshot", snapshot.toString());
      System.out.println(Json.write(out).replace("\n", " "));
      return;
    }
    if (!mode.equals("memory")) throw new IllegalArgumentException("mode " + mode);
    HeapWatch watch = new HeapWatch();
    watch.start();

    watch.resetPeaks();
    long t0 = System.nanoTime();
    AtomicReference<UploadEvent.Finished> finished = new AtomicReference<>();
    UploadFolderParams params = BenchHub.quietParams(finished);
    hub.uploadFolder(repo, folder, params);
    out.put("uploadSeconds", (System.nanoTime() - t0) / 1e9);
    out.put("upload", watch.snapshot());

    watch.resetPeaks();
    long t1 = System.nanoTime();
    Path snapshot = hub.snapshotDownload(repo, SnapshotDownloadParams.builder().cacheDir(Path.of(args[5]).resolve("cache")).build());
    out.put("downloadSeconds", (System.nanoTime() - t1) / 1e9);
    out.put("download", watch.snapshot());
    out.put("snapshot", snapshot.toString());

    out.put("heapPeakSampled", watch.maxSampled.get());
    out.put("heapPeakBeforeGc", watch.maxBeforeGc.get());
    out.put("heapPeakAfterGc", watch.maxAfterGc.get());
    out.put("heapMax", Runtime.getRuntime().maxMemory());
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    out.put("gcCount", gcCount);
    out.put("gcMillis", gcMillis);
    out.put("vmHwmKiB", procStatus("VmHWM"));
    out.put("vmRssKiB", procStatus("VmRSS"));
    System.out.println(Json.write(out).replace("\n", " "));
  }

  /** A field of /proc/self/status in KiB, or -1. */
  static long procStatus(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    return -1;
  }

  /** Peak heap by four measures: sampled every 2 ms, before and after each GC (the live set), and per-pool peaks. */
  static final class HeapWatch {
    final AtomicLong maxSampled = new AtomicLong();
    final AtomicLong maxBeforeGc = new AtomicLong();
    final AtomicLong phaseSampled = new AtomicLong();
    final AtomicLong phaseBeforeGc = new AtomicLong();
    final AtomicLong maxAfterGc = new AtomicLong();
    final AtomicLong phaseAfterGc = new AtomicLong();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();

    void start() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (!(gc instanceof NotificationEmitter emitter)) continue;
        emitter.addNotificationListener((n, h) -> {
          if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
          GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
          long before = 0;
          for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (isHeapPool(e.getKey())) before += e.getValue().getUsed();
          }
          long after = 0;
          for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeapPool(e.getKey())) after += e.getValue().getUsed();
          }
          max(maxBeforeGc, before);
          max(phaseBeforeGc, before);
          max(maxAfterGc, after);
          max(phaseAfterGc, after);
        }, null, null);
      }
      Thread sampler = new Thread(() -> {
        while (true) {
          long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          max(maxSampled, used);
          max(phaseSampled, used);
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    private boolean isHeapPool(String name) {
      for (MemoryPoolMXBean p : heapPools) if (p.getName().equals(name)) return true;
      return false;
    }

    void resetPeaks() {
      phaseSampled.set(0);
      phaseBeforeGc.set(0);
      phaseAfterGc.set(0);
      for (MemoryPoolMXBean p : heapPools) p.resetPeakUsage();
    }

    Map<String, Object> snapshot() {
      Map<String, Object> m = new LinkedHashMap<>();
      long poolPeaks = 0;
      for (MemoryPoolMXBean p : heapPools) poolPeaks += p.getPeakUsage().getUsed();
      m.put("heapPeakSampled", phaseSampled.get());
      m.put("heapPeakBeforeGc", phaseBeforeGc.get());
      m.put("heapPeakAfterGc", phaseAfterGc.get());
      m.put("heapPoolPeakSum", poolPeaks);
      m.put("heapCommitted", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
      m.put("vmHwmKiB", procStatus("VmHWM"));
      return m;
    }

    private static void max(AtomicLong a, long v) {
      a.accumulateAndGet(v, Math::max);
    }
  }
}
