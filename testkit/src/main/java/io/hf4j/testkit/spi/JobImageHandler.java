package io.hf4j.testkit.spi;

/**
 * Runs a job whose docker image is bound to it in {@link JobImages}, in process. Returns the exit code
 * (0 = COMPLETED, anything else = ERROR); an exception means ERROR with its message logged.
 */
@FunctionalInterface
public interface JobImageHandler {
  /**
   * Runs a job to its end.
   *
   * @param job the job being run: its spec, log and clock
   * @return the exit code (0: the job completed, otherwise it fails)
   * @throws Exception when the run fails (the job ends in error)
   */
  int run(JobRunContext job) throws Exception;
}
