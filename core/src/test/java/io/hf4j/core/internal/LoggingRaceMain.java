package io.hf4j.core.internal;

import io.hf4j.core.HfConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link LoggingStartTest}: the {@code hf4j} command's start, with SLF4J's start held open. A thread
 * runs {@link HttpStack#prepare} (as the command's second thread does) and gets stuck inside SLF4J's start
 * ({@link BlockingSlf4jProvider}); meanwhile this thread builds a configuration and logs a line. SLF4J's start is
 * released once this thread waits (hf4j waits for the start) or has logged (it did not: the line went to SLF4J's
 * stand-in). Prints {@code built} after the configuration.
 */
public final class LoggingRaceMain {
  private LoggingRaceMain() {}

  public static void main(String[] args) throws Exception {
    Thread self = Thread.currentThread();
    CountDownLatch logged = new CountDownLatch(1);
    Thread prepare = new Thread(HttpStack.prepare(true), "hf4j-prepare-http");
    prepare.setDaemon(true);
    prepare.start();
    if (!BlockingSlf4jProvider.entered.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("SLF4J never started");
    Thread releaser = new Thread(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && logged.getCount() > 0) {
        Thread.State s = self.getState();
        if (s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) break;
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      BlockingSlf4jProvider.release.countDown();
    }, "releaser");
    releaser.start();
    Path home = Files.createTempDirectory("hf4j-logging-race");
    try (HfConfig config = HfConfig.builder().endpoint("http://127.0.0.1:9").token("hf_race_token").hfHome(home).build()) {
      System.out.println("built " + config.endpoint());
      org.slf4j.LoggerFactory.getLogger("race").info("after build");
      logged.countDown();
      releaser.join();
      prepare.join(TimeUnit.SECONDS.toMillis(60));
    }
    System.out.flush();
  }
}
