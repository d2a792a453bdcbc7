package io.hf4j.testkit.spi;

import io.hf4j.testkit.EmulatorClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a {@link JobImageHandler} sees of the job it runs; implemented by the Jobs emulation. */
public interface JobRunContext {
  /** {@return the job's id} */
  String jobId();

  /** {@return the job's Docker image} */
  String image();

  /** {@return the command the job runs} */
  List<String> command();

  /** {@return the arguments passed after the command} */
  List<String> arguments();

  /** {@return the job's environment variables} */
  Map<String, String> environment();

  /** {@return the job's secrets, by name (values in clear)} */
  Map<String, String> secrets();

  /** {@return the hardware flavor the job runs on (e.g. {@code cpu-basic})} */
  String flavor();

  /** {@return the emulator's clock} */
  EmulatorClock clock();

  /**
   * Appends a log line (streamed to SSE log readers).
   *
   * @param line the log line (without a line break)
   */
  void log(String line);

  /** {@return whether the job was cancelled} */
  boolean isCancelled();

  /**
   * Waits {@code duration} of simulated time; throws {@link InterruptedException} when the job is cancelled.
   *
   * @param duration how long to sleep in emulated time
   * @throws InterruptedException when the job is cancelled (or the thread interrupted) meanwhile
   */
  void sleep(Duration duration) throws InterruptedException;
}
