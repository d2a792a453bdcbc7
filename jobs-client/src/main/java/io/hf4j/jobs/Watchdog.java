package io.hf4j.jobs;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** The one daemon thread that checks followed jobs' stages while their streams are open. */
final class Watchdog {
  private static final AtomicInteger IDS = new AtomicInteger();

  static final ScheduledExecutorService EXECUTOR = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "hf4j-jobs-liveness-" + IDS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private Watchdog() {}
}
