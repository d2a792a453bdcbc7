package io.hf4j.jobs;

import io.hf4j.core.WaitParams;
import io.hf4j.core.internal.AsyncCall;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

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
 * cancel(...)} on a returned future stops the wait: it cancels the wait's {@link io.hf4j.core.CancellationToken}
 * (one token that the future and the token the caller put in the {@link WaitParams}, if any, both cancel; the
 * caller's own token is left as it is) and interrupts the thread running it. The future completes at once with
 * {@link io.hf4j.core.CancelledException}; the job itself keeps running (cancel it with {@link
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
    return start("waitForJob", WaitParams.timeout(timeout), p -> jobs.waitForJob(job, p));
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
    return start("waitForJob", params, p -> jobs.waitForJob(job, p));
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
    return start("waitForJob", WaitParams.timeout(timeout), p -> jobs.waitForJob(jobId, p));
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
    return start("waitForJob", params, p -> jobs.waitForJob(jobId, p));
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
    return start("runJobAndWait", params, p -> jobs.waitForJob(jobs.runJob(spec), p));
  }

  /**
   * Runs {@code call} on the executor with {@code params} whose token is cancelled by the future's cancellation or
   * by the caller's own token in {@code params}, whichever comes first.
   */
  private <T> CompletableFuture<T> start(String what, WaitParams params, Function<WaitParams, T> call) {
    return AsyncCall.start(jobs.config(), what, params.cancellationToken(),
        token -> call.apply(params.toBuilder().cancellationToken(token).build()));
  }
}
