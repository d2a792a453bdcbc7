package io.hf4j.hub;

import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoId;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The client side of {@link XetHugeFileTest}, run in its own JVM with a small heap: uploads one file through
 * Xet with {@link HubClient#uploadFile}, downloads it into a fresh cache, hashes the downloaded copy, and prints
 * {@code RESULT <sha256 of the download> <size> <peak heap used> <max heap> <upload ms> <download ms>}.
 */
public final class XetHugeFileMain {
  private XetHugeFileMain() {}

  private static void stage(String name, long since) {
    long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    System.out.printf("STAGE %s %.1f s (process cpu so far %.1f s)%n", name, (System.nanoTime() - since) / 1e9,
        cpu / 1000.0);
  }

  /** Args: Hub URL, token, HF home, repo id, source file, cache dir. */
  public static void main(String[] args) throws Exception {
    // Heap use peaks right before a collection: the largest sum of the heap pools' use before any GC is the peak.
    java.util.Set<String> heapPools = new java.util.HashSet<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) heapPools.add(p.getName());
    }
    AtomicLong peakBeforeGc = new AtomicLong();
    AtomicLong liveAfterGc = new AtomicLong();
    AtomicLong collections = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long before = info.getGcInfo().getMemoryUsageBeforeGc().entrySet().stream()
            .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
        peakBeforeGc.accumulateAndGet(before, Math::max);
        long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
            .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
        liveAfterGc.accumulateAndGet(after, Math::max);
        collections.incrementAndGet();
      }, null, null);
    }
    HfConfig config = HfConfig.builder().endpoint(args[0]).token(args[1]).hfHome(Path.of(args[2])).maxRetries(5)
        .build();
    HubClient hub = HubClient.create(config);
    RepoId repo = RepoId.of(args[3]);
    Path source = Path.of(args[4]);
    long t0 = System.nanoTime();
    hub.uploadFile(repo, source, "huge.bin");
    long t1 = System.nanoTime();
    stage("upload", t0);
    Path got = hub.hfHubDownload(repo, "huge.bin", DownloadParams.builder().cacheDir(Path.of(args[5])).build());
    long t2 = System.nanoTime();
    stage("download", t1);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    long size = 0;
    try (InputStream in = Files.newInputStream(got)) {
      byte[] b = new byte[1 << 20];
      int n;
      while ((n = in.read(b)) > 0) {
        md.update(b, 0, n);
        size += n;
      }
    }
    long peak = Math.max(peakBeforeGc.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    System.out.println("collections observed: " + collections.get() + "; largest heap use right after a collection: "
        + (liveAfterGc.get() >> 20) + " MiB");
    System.out.println("RESULT " + HexFormat.of().formatHex(md.digest()) + " " + size + " " + peak + " "
        + Runtime.getRuntime().maxMemory() + " " + (t1 - t0) / 1_000_000 + " " + (t2 - t1) / 1_000_000);
  }
}
