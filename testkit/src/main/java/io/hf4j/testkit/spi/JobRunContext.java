package io.hf4j.testkit.spi;

import io.hf4j.testkit.EmulatorClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a {@link JobImageHandler} sees of the job it runs; implemented by the Jobs emulation. */
public interface JobRunContext {
  String jobId();

  String image();

  List<String> command();

  List<String> arguments();

  Map<String, String> environment();

  Map<String, String> secrets();

  String flavor();

  EmulatorClock clock();

  /**
   * Appends a log line (streamed to SSE log readers).
   *
   * @param line the log line (without a line break)
   */
  void log(String line);

  boolean isCancelled();

  /**
   * Waits {@code duration} of simulated time; throws {@link InterruptedException} when the job is cancelled.
   *
   * @param duration how long to sleep in emulated time
   */
  void sleep(Duration duration) throws InterruptedException;
}
