package io.hf4j.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent in this JVM while something runs, split by who spent it: the hf4j client (its shared
 * pool, its Xet threads, the rest), the emulator, and the JVM itself (GC, JIT: process time not owned by a Java
 * thread). Threads are sampled every 10 ms, so threads that end between samples lose at most that
 * much. Answers "where does the time go" for the throughput scenarios.
 */
final class CpuMeter implements AutoCloseable {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final Map<Long, long[]> firstAndLast = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final long process0 = OS.getProcessCpuTime();
  private final long wall0 = System.nanoTime();
  private final Thread sampler;
  private volatile boolean running = true;
  private long process1;
  private long wall1;

  private CpuMeter() {
    sample(true);
    sampler = new Thread(() -> {
      while (running) {
        sample(false);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-cpu-meter");
    sampler.setDaemon(true);
    sampler.start();
  }

  static CpuMeter start() {
    return new CpuMeter();
  }

  private synchronized void sample(boolean initial) {
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long t = THREADS.getThreadCpuTime(ids[i]);
      if (t < 0 || infos[i] == null) continue;
      long[] fl = firstAndLast.get(ids[i]);
      // A thread first seen after the start began at zero; one seen at the start began at its first reading.
      if (fl == null) firstAndLast.put(ids[i], new long[] {initial ? t : 0, t});
      else fl[1] = t;
      names.putIfAbsent(ids[i], infos[i].getThreadName());
    }
  }

  @Override
  public void close() {
    if (running) stop();
  }

  /** Stops sampling; {@link #breakdown()} covers the time from start to here. */
  void stop() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample(false);
    process1 = OS.getProcessCpuTime();
    wall1 = System.nanoTime();
  }

  /** CPU seconds by group, plus {@code wall}, {@code process} and {@code jvm} (process minus Java threads). */
  synchronized Map<String, Double> breakdown() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String g : new String[] {POOL, XET, OTHER, "emulator"}) out.put(g, 0.0);
    double javaThreads = 0;
    for (Map.Entry<Long, long[]> e : firstAndLast.entrySet()) {
      double secs = (e.getValue()[1] - e.getValue()[0]) / 1e9;
      if (secs <= 0) continue;
      String name = names.get(e.getKey());
      if (name.startsWith("bench-cpu-meter")) continue;
      out.merge(group(name), secs, Double::sum);
      javaThreads += secs;
    }
    double process = (process1 - process0) / 1e9;
    out.put("jvm (GC, JIT)", Math.max(0, process - javaThreads));
    out.put("process", process);
    out.put("wall", (wall1 - wall0) / 1e9);
    return out;
  }

  /** The client's shared pool ({@code HfConfig.executor()}, "hf4j-worker"): LFS hashing and PUTs, downloads. */
  static final String POOL = "client pool";
  /** The xet module's threads: chunking and hashing ("hf4j-xet-cpu", shared with the emulator's xorb checks) and xorb uploads. */
  static final String XET = "client xet";
  /** Every other client thread: the calling thread, OkHttp's own threads. */
  static final String OTHER = "client other";

  /** {@return the client's CPU seconds in a {@link #breakdown()}: its pool, its Xet threads and the rest} */
  static double client(Map<String, Double> breakdown) {
    return breakdown.get(POOL) + breakdown.get(XET) + breakdown.get(OTHER);
  }

  private static String group(String name) {
    if (name.startsWith("hf4j-xet")) return XET;
    if (name.startsWith("hf4j-worker") || name.startsWith("hf4j-hash") || name.startsWith("hf4j-transfer")) return POOL;
    if (name.startsWith("hf4j-emulator") || name.startsWith("HTTP-Dispatcher") || name.startsWith("hf4j-clock")) {
      return "emulator";
    }
    return OTHER;
  }

}
