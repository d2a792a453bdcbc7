package io.hf4j.testkit.spi;

/**
 * Runs a job whose docker image is bound to it in {@link JobImages}, in process. Returns the exit code
 * (0 = COMPLETED, anything else = ERROR); an exception means ERROR with its message logged.
 */
@FunctionalInterface
public interface JobImageHandler {
  int run(JobRunContext job) throws Exception;
}
