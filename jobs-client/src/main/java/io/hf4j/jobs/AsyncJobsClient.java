package io.hf4j.jobs;

import io.hf4j.core.WaitParams;
import io.hf4j.core.internal.AsyncCall;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The waiting calls of a {@link JobsClient} as {@link CompletableFuture}s, run on the configuration's {@linkplain
 * io.hf4j.core.HfConfig#executor() executor}; get one with {@link JobsClient#async()}.
 *
 * <pre>{@code
 * CompletableFuture<JobInfo> done = jobs.async().runJobAndWait(spec, WaitParams.builder().timeout(Duration.ofHours(1)).build());
 * done.thenAccept(job -> log.info("job {} ended: {}", job.id(), job.status().stage()));
 * }</pre>
 *
 * <p>Each future completes with the result of the blocking method of the same name, or with its exception. {@code
 * cancel(...)} on a returned future stops the wait (an interrupt of the thread running it): the future completes at
 * once with {@link io.hf4j.core.CancelledException}; the job itself keeps running (cancel it with {@link
 * JobsClient#cancelJob}). Thread-safe; holds no state of its own.
 */
public final class AsyncJobsClient {
  private final JobsClient jobs;

  AsyncJobsClient(JobsClient jobs) {
    this.jobs = jobs;
  }

  /** {@return the blocking client this view runs} */
  public JobsClient sync() {
    return jobs;
  }

  /**
   * {@link JobsClient#waitForJob(JobRef, Duration)} on the executor.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @param timeout the longest to wait
   * @return the job's final state
   */
  public CompletableFuture<JobInfo> waitForJob(JobRef job, Duration timeout) {
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(timeout, "timeout == null");
    return AsyncCall.start(jobs.config(), "waitForJob", token -> jobs.waitForJob(job, timeout));
  }

  /**
   * {@link JobsClient#waitForJob(JobRef, WaitParams)} on the executor.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @param params the timeout, polling intervals, retries and cancellation token
   * @return the job's state when the wait ended
   */
  public CompletableFuture<JobInfo> waitForJob(JobRef job, WaitParams params) {
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(params, "params == null");
    return AsyncCall.start(jobs.config(), "waitForJob", token -> jobs.waitForJob(job, params));
  }

  /**
   * {@link JobsClient#waitForJob(String, Duration)} on the executor (the job in the client's namespace).
   *
   * @param jobId the job's id, in the client's namespace
   * @param timeout the longest to wait
   * @return the job's final state
   */
  public CompletableFuture<JobInfo> waitForJob(String jobId, Duration timeout) {
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(timeout, "timeout == null");
    return AsyncCall.start(jobs.config(), "waitForJob", token -> jobs.waitForJob(jobId, timeout));
  }

  /**
   * {@link JobsClient#waitForJob(String, WaitParams)} on the executor (the job in the client's namespace).
   *
   * @param jobId the job's id, in the client's namespace
   * @param params the timeout, polling intervals, retries and cancellation token
   * @return the job's state when the wait ended
   */
  public CompletableFuture<JobInfo> waitForJob(String jobId, WaitParams params) {
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(params, "params == null");
    return AsyncCall.start(jobs.config(), "waitForJob", token -> jobs.waitForJob(jobId, params));
  }

  /**
   * Runs a job ({@link JobsClient#runJob}) and waits for it in its own namespace ({@link
   * JobsClient#waitForJob(JobRef, WaitParams)}), on the executor. Cancelling the future stops the wait, not
   * the job.
   *
   * @param spec the job to run
   * @param params the timeout, polling intervals, retries and cancellation token
   * @return the job's state when the wait ended
   */
  public CompletableFuture<JobInfo> runJobAndWait(RunJobParams spec, WaitParams params) {
    Objects.requireNonNull(spec, "spec == null");
    Objects.requireNonNull(params, "params == null");
    return AsyncCall.start(jobs.config(), "runJobAndWait", token -> jobs.waitForJob(jobs.runJob(spec), params));
  }
}
