package io.hf4j.jobs;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfInterruptedException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.HfTimeoutException;
import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.ServerException;
import io.hf4j.core.internal.HfHttp;
import io.hf4j.core.internal.SseFollower;
import io.hf4j.core.internal.StreamBridge;
import io.hf4j.core.internal.Pagination;
import io.hf4j.core.internal.Waiter;
import io.hf4j.core.WaitParams;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client of Hugging Face Jobs: run containers on the Hub's hardware, follow them and act on the
 * result. Thread-safe; create one per {@link HfConfig} and share it (it shares the configuration's
 * connections).
 *
 * <pre>{@code
 * JobsClient jobs = JobsClient.create(HfConfig.fromEnv());
 * JobInfo job = jobs.runJob(RunJobParams.builder()
 *     .image("python:3.12")
 *     .command("python", "-c", "print('hello from the cloud')")
 *     .flavor(JobHardware.CPU_BASIC)
 *     .timeout("10m")
 *     .build());
 * try (Stream<JobLogLine> log = jobs.fetchJobLogs(job.id())) {     // follows until the job ends
 *   log.forEach(line -> System.out.println(line.text()));
 * }
 * JobInfo done = jobs.waitForJob(job.id(), Duration.ofMinutes(15)); // COMPLETED, ERROR, CANCELED or DELETED
 * }</pre>
 *
 * <p><b>Namespaces.</b> The calls that take a {@link JobRef} (a {@link JobInfo} or a {@link JobId})
 * act in the job's own namespace, so a job run in an organisation is read, waited for, logged and
 * cancelled with the client that ran it: {@code jobs.waitForJob(jobs.runJob(orgSpec), timeout)}. The
 * other calls, the forms taking a plain {@code String} job id included, act in the client's namespace:
 * the token's user, found once with {@code /api/whoami-v2} and cached per configuration, or the
 * namespace of {@link #inNamespace}.
 *
 * <p><b>Failures.</b> Bad input fails with {@link HfValidationException} before anything is sent. An
 * unknown job id fails with {@link JobNotFoundException}; a namespace without Jobs access with the
 * server's own message in a {@link io.hf4j.core.PermissionDeniedException} (or another {@link
 * io.hf4j.core.HfHttpException}). Reads are retried per {@link HfConfig}; submitting, duplicating and
 * triggering a job are sent once, since a retry could start a second job.
 *
 * <p>Python: the Jobs methods of {@code huggingface_hub.HfApi}.
 */
public final class JobsClient {
  private static final Logger LOG = LoggerFactory.getLogger(JobsClient.class);
  private static final Map<HfConfig, AtomicReference<CompletableFuture<String>>> WHOAMI =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final HfConfig config;
  private final HfHttp http;
  private final JobsService service;
  private final @Nullable String namespace;
  private final Hardware hardware;

  private JobsClient(HfConfig config, HfHttp http, JobsService service, @Nullable String namespace, Hardware hardware) {
    this.config = config;
    this.http = http;
    this.service = service;
    this.namespace = namespace;
    this.hardware = hardware;
  }

  /**
   * A client for this configuration. Cheap; sends nothing.
   *
   * @param config the configuration (endpoint, token, HTTP client, retries) the client uses
   * @return a new client acting in the token's namespace
   */
  public static JobsClient create(HfConfig config) {
    Objects.requireNonNull(config, "config == null");
    HfHttp http = HfHttp.of(config, JobNotFoundException::specific);
    return new JobsClient(config, http, http.service(JobsService.class), null, new Hardware());
  }

  /**
   * A view of this client acting in {@code namespace} (a user or an organisation); shares everything else.
   *
   * @param namespace a user or organisation name
   * @return a client acting in {@code namespace}
   */
  public JobsClient inNamespace(String namespace) {
    return new JobsClient(config, http, service, Ids.namespace(namespace), hardware);
  }

  /**
   * This client's waits as {@link java.util.concurrent.CompletableFuture}s on the configuration's executor; see
   * {@link AsyncJobsClient}. A client holds nothing to close: {@link HfConfig#close()} releases the threads and connections.
   *
   * @return the asynchronous view of this client
   */
  public AsyncJobsClient async() {
    return new AsyncJobsClient(this);
  }

  /**
   * The configuration this client was created with.
   *
   * @return the configuration
   */
  public HfConfig config() {
    return config;
  }

  /**
   * The namespace calls act in: the one given to {@link #inNamespace}, else the token's user (asked of
   * {@code /api/whoami-v2} once per configuration).
   *
   * @return the namespace name
   * @throws io.hf4j.core.LocalTokenNotFoundException if no namespace was given and there is no token
   */
  public String namespace() {
    if (namespace != null) return namespace;
    // Computed once without a lock held across the request (a monitor would pin a virtual thread on
    // JDK 21-23): the first caller installs a future and asks; concurrent callers wait on that future.
    // A failure is handed to those waiting and forgotten, so a later call asks again.
    AtomicReference<CompletableFuture<String>> memo = WHOAMI.computeIfAbsent(config, c -> new AtomicReference<>());
    while (true) {
      CompletableFuture<String> known = memo.get();
      if (known == null) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        if (!memo.compareAndSet(null, mine)) continue;
        try {
          String name = whoami();
          mine.complete(name);
          return name;
        } catch (RuntimeException | Error e) {
          memo.compareAndSet(mine, null);
          mine.completeExceptionally(e);
          throw e;
        }
      }
      try {
        return known.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        if (e.getCause() instanceof Error err) throw err;
        throw e;
      }
    }
  }

  private String whoami() {
    config.requireToken("use Hugging Face Jobs without an explicit namespace");
    String name = JobsJson.whoamiName(service.whoami());
    if (name == null) throw new HfException("/api/whoami-v2 returned no user name; pass a namespace with inNamespace()");
    LOG.debug("Jobs namespace resolved to {}", name);
    return name;
  }

  // ---------------------------------------------------------------- hardware

  /**
   * The hardware flavors Jobs offers now, with specs and prices ({@code GET /api/jobs/hardware}).
   * Python: {@code HfApi.list_jobs_hardware}.
   *
   * @return the flavors, in the server's order
   */
  public List<JobHardwareInfo> listJobsHardware() {
    List<JobHardwareInfo> out = new ArrayList<>();
    for (Object o : service.hardware()) out.add(JobsJson.hardware(o));
    List<JobHardwareInfo> list = List.copyOf(out);
    hardware.list = list;
    return list;
  }

  private void checkFlavor(JobHardware flavor) {
    if (flavor.isKnown()) return;
    List<JobHardwareInfo> live = hardware.list;
    if (live == null) {
      try {
        live = listJobsHardware();
      } catch (HfException e) {
        JobHardware guess = JobHardware.nearestKnown(flavor.value());
        if (guess != null) throw unknownFlavor(flavor, guess, Set.of());
        LOG.debug("could not read the hardware list to check flavor '{}': {}", flavor, e.toString());
        return;
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (JobHardwareInfo h : live) names.add(h.name().value());
    if (names.contains(flavor.value())) return;
    Set<String> candidates = new LinkedHashSet<>(names);
    for (JobHardware k : JobHardware.known()) candidates.add(k.value());
    JobHardware guess = JobHardware.nearest(flavor.value(), candidates);
    throw unknownFlavor(flavor, guess, names.isEmpty() ? candidates : names);
  }

  private static HfValidationException unknownFlavor(JobHardware flavor, @Nullable JobHardware guess, Set<String> all) {
    StringBuilder sb = new StringBuilder("unknown hardware flavor '").append(flavor.value()).append('\'');
    if (guess != null) sb.append(": did you mean '").append(guess.value()).append("'?");
    if (!all.isEmpty()) sb.append(guess != null ? " Flavors: " : ": flavors are ").append(String.join(", ", all));
    return new HfValidationException(sb.toString());
  }

  // ---------------------------------------------------------------- run

  /**
   * Submits a job and returns at once with its first state (usually SCHEDULING). Sent once, never
   * retried. Without a timeout the server stops the job after 30 minutes: hf4j then logs a warning, and
   * the result's {@link JobInfo#usesDefaultTimeout()} is true. Python: {@code HfApi.run_job}.
   *
   * @param spec what to run: image or Space, command, flavor, timeout, environment, labels
   * @return the submitted job's first state
   * @throws HfValidationException for a flavor neither hf4j nor the server knows (with the nearest
   *     known one suggested), before the job is sent
   * @throws io.hf4j.core.PermissionDeniedException if the namespace may not run Jobs (the server's message is kept)
   */
  public JobInfo runJob(RunJobParams spec) {
    Objects.requireNonNull(spec, "spec == null");
    checkFlavor(spec.flavor());
    String ns = spec.namespace() != null ? spec.namespace() : namespace();
    JobInfo job = JobsJson.jobInfo(service.runJob(ns, spec.toJson()), config.endpoint());
    Duration timeout = spec.timeout();
    if (job.timeoutSeconds() == null && timeout != null) job = withTimeout(job, timeout.toSeconds());
    if (spec.usesDefaultTimeout()) {
      LOG.warn("Job {} ({}) was submitted without a timeout: the server stops it after {} minutes. "
          + "Set RunJobParams.Builder.timeout(\"2h\") to give it longer.", job.id(), spec.name(), RunJobParams.DEFAULT_TIMEOUT.toMinutes());
    } else {
      LOG.info("Job {} ({}) submitted on {} with a timeout of {}: {}", job.id(), spec.name(), spec.flavor(),
          spec.effectiveTimeout(), job.url());
    }
    return job;
  }

  /**
   * Runs a Python script with {@code uv run}: the script with its dependencies and Python version
   * becomes the job's command. Python: {@code HfApi.run_uv_job}.
   *
   * @param spec the script, its dependencies and the job's settings
   * @return the submitted job's first state
   */
  public JobInfo runUvJob(RunUvJobParams spec) {
    Objects.requireNonNull(spec, "spec == null");
    return runJob(spec.toRunJobParams());
  }

  private static JobInfo withTimeout(JobInfo j, long seconds) {
    return new JobInfo(j.id(), j.type(), j.createdAt(), j.updatedAt(), j.startedAt(), j.finishedAt(), j.dockerImage(),
        j.spaceId(), j.command(), j.arguments(), j.environment(), j.secrets(), j.flavor(), j.arch(), seconds, j.attempts(),
        j.labels(), j.volumes(), j.status(), j.durations(), j.owner(), j.initiator(), j.createdBy(), j.url(), j.raw());
  }

  // ---------------------------------------------------------------- inspect, list, cancel, labels, duplicate

  /**
   * The job's current state. Python: {@code HfApi.inspect_job}.
   *
   * @param jobId the job's id, in this client's namespace
   * @return the job's state as the server reports it now
   * @throws JobNotFoundException if there is no such job in this namespace
   */
  public JobInfo inspectJob(String jobId) {
    return inspectJobIn(namespace(), Ids.jobId(jobId, "jobId"));
  }

  /**
   * The job's current state, read in the job's own namespace (a {@link JobInfo}'s owner, or a {@link
   * JobId}'s namespace), not this client's.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @return the job's state as the server reports it now
   * @throws JobNotFoundException if there is no such job in that namespace
   */
  public JobInfo inspectJob(JobRef job) {
    JobId ref = ref(job);
    return inspectJobIn(ref.namespace(), ref.id());
  }

  /**
   * The job {@code jobId} in this client's namespace (see {@link #namespace()}), as a value to keep.
   *
   * @param jobId the job's id
   * @return the job's id bound to this client's namespace
   */
  public JobId jobId(String jobId) {
    return new JobId(namespace(), Ids.jobId(jobId, "jobId"));
  }

  private static JobId ref(JobRef job) {
    return Objects.requireNonNull(job, "job == null").jobId();
  }

  JobInfo inspectJobIn(String ns, String jobId) {
    return JobsJson.jobInfo(service.inspectJob(ns, jobId), config.endpoint());
  }

  /**
   * Every job of the namespace, newest first as the server orders them; lazy, page by page. Python: {@code HfApi.list_jobs}.
   *
   * @return a lazy stream of the namespace's jobs
   */
  public Stream<JobInfo> listJobs() {
    return listJobs(ListJobsParams.defaults());
  }

  /**
   * The namespace's jobs in any of the given stages and with all the given labels, filtered by the
   * server. Lazy: pages are fetched (following {@code Link: rel="next"}) as the stream is consumed.
   *
   * @param params the stages and labels to filter on
   * @return a lazy stream of the matching jobs
   */
  public Stream<JobInfo> listJobs(ListJobsParams params) {
    Objects.requireNonNull(params, "params == null");
    HttpUrl.Builder url = http.url("api/jobs/" + namespace()).newBuilder();
    for (JobStage s : params.stages()) url.addQueryParameter("stage", s.value());
    for (Map.Entry<String, String> e : params.labels().entrySet()) url.addQueryParameter("label", e.getKey() + "=" + e.getValue());
    HttpUrl endpoint = config.endpoint();
    return Pagination.<Object>stream(http, url.build(), Object.class).map(o -> JobsJson.jobInfo(o, endpoint));
  }

  /**
   * Cancels a job and returns its state after the cancellation (CANCELED, or the terminal stage it had
   * already reached). Python: {@code HfApi.cancel_job}.
   *
   * @param jobId the job's id, in this client's namespace
   * @return the job's state after the cancellation
   * @throws JobNotFoundException if there is no such job in this namespace
   */
  public JobInfo cancelJob(String jobId) {
    return cancelJobIn(namespace(), Ids.jobId(jobId, "jobId"));
  }

  /**
   * Cancels the job in its own namespace (a {@link JobInfo}'s owner, or a {@link JobId}'s namespace);
   * see {@link #cancelJob(String)}.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @return the job's state after the cancellation
   * @throws JobNotFoundException if there is no such job in that namespace
   */
  public JobInfo cancelJob(JobRef job) {
    JobId ref = ref(job);
    return cancelJobIn(ref.namespace(), ref.id());
  }

  private JobInfo cancelJobIn(String ns, String id) {
    JobInfo echoed = jobFromBody(service.cancelJob(ns, id));
    return echoed != null && echoed.isTerminal() ? echoed : inspectJobIn(ns, id);
  }

  /**
   * Replaces all of a job's labels, the {@code name} label included ({@code PUT .../labels}); an empty
   * map clears them. Python: {@code HfApi.update_job_labels}.
   *
   * @param jobId the job's id, in this client's namespace
   * @param labels the new labels (key to value); empty clears them
   * @return the job's state with its new labels
   */
  public JobInfo updateJobLabels(String jobId, Map<String, String> labels) {
    Objects.requireNonNull(labels, "labels == null");
    return updateJobLabelsIn(namespace(), Ids.jobId(jobId, "jobId"), labels);
  }

  /**
   * Replaces all of a job's labels, in the job's own namespace; see {@link #updateJobLabels(String, Map)}.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @param labels the new labels (key to value); empty clears them
   * @return the job's state with its new labels
   */
  public JobInfo updateJobLabels(JobRef job, Map<String, String> labels) {
    Objects.requireNonNull(labels, "labels == null");
    JobId ref = ref(job);
    return updateJobLabelsIn(ref.namespace(), ref.id(), labels);
  }

  private JobInfo updateJobLabelsIn(String ns, String id, Map<String, String> labels) {
    RunJobParams.checkLabels(labels);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("labels", new LinkedHashMap<>(labels));
    JobInfo echoed = jobFromBody(service.updateJobLabels(ns, id, body));
    return echoed != null ? echoed : inspectJobIn(ns, id);
  }

  /**
   * Starts a new job with the same spec ({@code POST .../duplicate}); sent once. JS: {@code duplicateJob}.
   *
   * @param jobId the id of the job to copy, in this client's namespace
   * @return the new job's first state
   */
  public JobInfo duplicateJob(String jobId) {
    return JobsJson.jobInfo(service.duplicateJob(namespace(), Ids.jobId(jobId, "jobId")), config.endpoint());
  }

  /**
   * Starts a new job with the same spec, in the job's own namespace; see {@link #duplicateJob(String)}.
   *
   * @param job the job to copy (a {@link JobInfo} or a {@link JobId})
   * @return the new job's first state
   */
  public JobInfo duplicateJob(JobRef job) {
    JobId ref = ref(job);
    return JobsJson.jobInfo(service.duplicateJob(ref.namespace(), ref.id()), config.endpoint());
  }

  private @Nullable JobInfo jobFromBody(ResponseBody body) {
    try (body) {
      String text = body.string();
      if (text.isBlank()) return null;
      Object json = JobsJson.parse(text);
      if (!(json instanceof Map<?, ?> m) || m.get("id") == null || m.get("status") == null || m.get("owner") == null) return null;
      return JobsJson.jobInfo(json, config.endpoint());
    } catch (IOException e) {
      return null;
    } catch (HfException e) {
      LOG.debug("ignoring an unreadable answer: {}", e.getMessage());
      return null;
    }
  }

  // ---------------------------------------------------------------- wait

  /** Default first polling interval of {@code waitForJob}: 1 s, as the Python client. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  /** Default cap of the growing polling interval of {@code waitForJob}: 10 s. */
  public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofSeconds(10);

  /**
   * Waits, without a deadline, until the job ends; see {@link #waitForJob(JobRef, JobStage, WaitParams)}.
   *
   * @param jobId the job, in this client's namespace
   * @return the job's final state
   */
  public JobInfo waitForJob(String jobId) {
    return waitForJob(jobId, WaitParams.defaults());
  }

  /**
   * Waits until the job ends or {@code timeout} passes; see {@link #waitForJob(JobRef, JobStage, WaitParams)}.
   *
   * @param jobId the job, in this client's namespace
   * @param timeout the longest to wait
   * @return the job's final state
   */
  public JobInfo waitForJob(String jobId, Duration timeout) {
    return waitForJob(jobId, WaitParams.timeout(timeout));
  }

  /**
   * Waits as {@code params} say until the job ends; see {@link #waitForJob(JobRef, JobStage, WaitParams)}.
   *
   * @param jobId the job, in this client's namespace
   * @param params deadline, polling, tolerance, cancellation, listener
   * @return the job's final state
   */
  public JobInfo waitForJob(String jobId, WaitParams params) {
    return waitForJobIn(namespace(), Ids.jobId(jobId, "jobId"), null, params);
  }

  /**
   * Waits as {@code params} say until the job reaches {@code stage} or ends; see {@link #waitForJob(JobRef,
   * JobStage, WaitParams)}.
   *
   * @param jobId the job, in this client's namespace
   * @param stage the stage that also ends the wait, e.g. {@link JobStage#RUNNING}
   * @param params deadline, polling, tolerance, cancellation, listener
   * @return the job's state then
   */
  public JobInfo waitForJob(String jobId, JobStage stage, WaitParams params) {
    Objects.requireNonNull(stage, "stage == null");
    return waitForJobIn(namespace(), Ids.jobId(jobId, "jobId"), stage, params);
  }

  /**
   * Waits, without a deadline, until the job ends, in the job's own namespace; see {@link #waitForJob(JobRef,
   * JobStage, WaitParams)}.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @return the job's final state
   */
  public JobInfo waitForJob(JobRef job) {
    return waitForJob(job, WaitParams.defaults());
  }

  /**
   * Waits until the job ends or {@code timeout} passes, in the job's own namespace; see {@link
   * #waitForJob(JobRef, JobStage, WaitParams)}.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @param timeout the longest to wait
   * @return the job's final state
   */
  public JobInfo waitForJob(JobRef job, Duration timeout) {
    return waitForJob(job, WaitParams.timeout(timeout));
  }

  /**
   * Waits as {@code params} say until the job ends, in the job's own namespace; see {@link #waitForJob(JobRef,
   * JobStage, WaitParams)}.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @param params deadline, polling, tolerance, cancellation, listener
   * @return the job's final state
   */
  public JobInfo waitForJob(JobRef job, WaitParams params) {
    JobId ref = ref(job);
    return waitForJobIn(ref.namespace(), ref.id(), null, params);
  }

  /**
   * Waits until the job reaches {@code stage} or ends (COMPLETED, ERROR, CANCELED or DELETED), whichever comes
   * first, and returns its state then; ERROR and CANCELED are returned, not thrown. Polls in the job's own
   * namespace, from every second (or the params' interval), slowing down by half each poll to every 10 s (or the
   * params' cap), and rides out 5xx, 429 (waiting as long as announced) and network failures up to {@link
   * WaitParams#maxRetries()} in a row. The params' listener sees each stage change. Python: {@code
   * HfApi.wait_for_job}.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @param stage the stage that also ends the wait, e.g. {@link JobStage#RUNNING}
   * @param params deadline, polling, tolerance, cancellation, listener
   * @return the job's state then
   * @throws HfTimeoutException if the params' timeout passed first
   * @throws JobNotFoundException if there is no such job in that namespace
   * @throws io.hf4j.core.CancelledException if the params' token was cancelled or the thread interrupted
   */
  public JobInfo waitForJob(JobRef job, JobStage stage, WaitParams params) {
    Objects.requireNonNull(stage, "stage == null");
    JobId ref = ref(job);
    return waitForJobIn(ref.namespace(), ref.id(), stage, params);
  }

  private JobInfo waitForJobIn(String ns, String id, @Nullable JobStage target, WaitParams params) {
    Objects.requireNonNull(params, "params == null");
    Waiter waiter = new Waiter("job " + id, params, DEFAULT_POLL_INTERVAL, DEFAULT_MAX_POLL_INTERVAL, config.clock(),
        config.sleeper());
    return waiter.await(new Waiter.Probe<JobInfo>() {
      @Override
      public JobInfo poll() {
        return inspectJobIn(ns, id);
      }

      @Override
      public String stage(JobInfo status) {
        return status.stage().value();
      }

      @Override
      public Waiter.Verdict judge(JobInfo status) {
        JobStage stage = status.stage();
        if (stage.isTerminal() || stage.equals(target)) return Waiter.Verdict.DONE;
        return stage.isKnown() ? Waiter.Verdict.WAITING : Waiter.Verdict.UNKNOWN;
      }

      @Override
      public RuntimeException timedOut(@Nullable JobInfo last, @Nullable HfException lastError, Duration timeout) {
        String what = target == null ? "end" : "reach " + target + " or end";
        String state = last == null ? "its stage could not be read" : "it was " + last.stage();
        String cause = lastError == null ? "" : " (last error: " + lastError.getMessage() + ")";
        return new HfTimeoutException("Job " + id + " did not " + what + " within " + timeout + "; " + state + cause, timeout);
      }
    });
  }

  // ---------------------------------------------------------------- logs and metrics

  /**
   * The job's log, following it until the job ends. Close the stream (try-with-resources) to stop early.
   *
   * @param jobId the job's id, in this client's namespace
   * @return the log lines, ending when the job has ended
   */
  public Stream<JobLogLine> fetchJobLogs(String jobId) {
    return fetchJobLogs(jobId, JobLogsParams.defaults());
  }

  /**
   * The job's log as a lazy stream of lines, read over server-sent events on a background thread.
   * Following, it ends when the job has ended and every line was read; a snapshot ends when the
   * history was read. Broken connections are reopened and lines already delivered skipped, so no line
   * is lost or repeated. The synthetic "===== Job started" line is left out, as in Python. Close the
   * stream to stop early. Python: {@code HfApi.fetch_job_logs}.
   *
   * @param jobId the job's id, in this client's namespace
   * @param params follow or snapshot, tail, timeouts, retries and cancellation token
   * @return the log lines as a lazy stream; close it when done
   * @throws JobNotFoundException (when read) if there is no such job in this namespace
   */
  public Stream<JobLogLine> fetchJobLogs(String jobId, JobLogsParams params) {
    Objects.requireNonNull(params, "params == null");
    return logStream(namespace(), Ids.jobId(jobId, "jobId"), params);
  }

  /**
   * The job's log, following it until the job ends, read in the job's own namespace; see {@link #fetchJobLogs(String, JobLogsParams)}.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @return the log lines, ending when the job has ended
   */
  public Stream<JobLogLine> fetchJobLogs(JobRef job) {
    return fetchJobLogs(job, JobLogsParams.defaults());
  }

  /**
   * The job's log as a lazy stream of lines, read in the job's own namespace (a {@link JobInfo}'s
   * owner, or a {@link JobId}'s namespace); see {@link #fetchJobLogs(String, JobLogsParams)}.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @param params follow or snapshot, tail, timeouts, retries and cancellation token
   * @return the log lines as a lazy stream; close it when done
   */
  public Stream<JobLogLine> fetchJobLogs(JobRef job, JobLogsParams params) {
    Objects.requireNonNull(params, "params == null");
    JobId ref = ref(job);
    return logStream(ref.namespace(), ref.id(), params);
  }

  /**
   * Reads the job's log on the calling thread, in the job's own namespace; see {@link #fetchJobLogs(String, JobLogsParams, Consumer)}.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @param params follow or snapshot, tail, timeouts, retries and cancellation token
   * @param consumer receives each line, in order, on the calling thread
   */
  public void fetchJobLogs(JobRef job, JobLogsParams params, Consumer<JobLogLine> consumer) {
    Objects.requireNonNull(params, "params == null");
    Objects.requireNonNull(consumer, "consumer == null");
    JobId ref = ref(job);
    LogFollower.logs(this, ref.namespace(), ref.id(), params).run(consumer);
  }

  private Stream<JobLogLine> logStream(String ns, String id, JobLogsParams params) {
    SseFollower<JobLogLine> follower = LogFollower.logs(this, ns, id, params);
    return StreamBridge.stream("hf4j-job-logs-" + id, follower::run, follower::cancel);
  }

  /**
   * Reads the job's log on the calling thread, handing each line to {@code consumer}, and returns
   * when done (see {@link #fetchJobLogs(String, JobLogsParams)}). An exception thrown by the consumer
   * stops the read and is rethrown.
   *
   * @param jobId the job's id, in this client's namespace
   * @param params follow or snapshot, tail, timeouts, retries and cancellation token
   * @param consumer receives each line, in order, on the calling thread
   */
  public void fetchJobLogs(String jobId, JobLogsParams params, Consumer<JobLogLine> consumer) {
    Objects.requireNonNull(params, "params == null");
    Objects.requireNonNull(consumer, "consumer == null");
    LogFollower.logs(this, namespace(), Ids.jobId(jobId, "jobId"), params).run(consumer);
  }

  /**
   * The job's resource usage, about one sample a second, until the job ends; a lazy stream read on a
   * background thread. Close it to stop early. Python: {@code HfApi.fetch_job_metrics}.
   *
   * @param jobId the job's id, in this client's namespace
   * @return the samples as a lazy stream; close it when done
   */
  public Stream<JobMetrics> fetchJobMetrics(String jobId) {
    return metricsStream(namespace(), Ids.jobId(jobId, "jobId"));
  }

  /**
   * The job's resource usage until it ends, read in the job's own namespace; see {@link #fetchJobMetrics(String)}.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @return the samples as a lazy stream; close it when done
   */
  public Stream<JobMetrics> fetchJobMetrics(JobRef job) {
    JobId ref = ref(job);
    return metricsStream(ref.namespace(), ref.id());
  }

  /**
   * Reads the job's metrics on the calling thread until the job ends, in the job's own namespace.
   *
   * @param job the job (a {@link JobInfo} or a {@link JobId})
   * @param consumer receives each sample, in order, on the calling thread
   */
  public void fetchJobMetrics(JobRef job, Consumer<JobMetrics> consumer) {
    Objects.requireNonNull(consumer, "consumer == null");
    JobId ref = ref(job);
    LogFollower.metrics(this, ref.namespace(), ref.id(), JobLogsParams.DEFAULT_LIVENESS_INTERVAL).run(consumer);
  }

  private Stream<JobMetrics> metricsStream(String ns, String id) {
    SseFollower<JobMetrics> follower = LogFollower.metrics(this, ns, id, JobLogsParams.DEFAULT_LIVENESS_INTERVAL);
    return StreamBridge.stream("hf4j-job-metrics-" + id, follower::run, follower::cancel);
  }

  /**
   * Reads the job's metrics on the calling thread until the job ends.
   *
   * @param jobId the job's id, in this client's namespace
   * @param consumer receives each sample, in order, on the calling thread
   */
  public void fetchJobMetrics(String jobId, Consumer<JobMetrics> consumer) {
    Objects.requireNonNull(consumer, "consumer == null");
    LogFollower.metrics(this, namespace(), Ids.jobId(jobId, "jobId"), JobLogsParams.DEFAULT_LIVENESS_INTERVAL).run(consumer);
  }

  // ---------------------------------------------------------------- scheduled jobs

  /**
   * Creates a scheduled job in the spec's namespace (default: this client's). Python: {@code
   * HfApi.create_scheduled_job}.
   *
   * @param spec the schedule and the job to run on it
   * @return the created scheduled job
   */
  public ScheduledJobInfo createScheduledJob(CreateScheduledJobParams spec) {
    Objects.requireNonNull(spec, "spec == null");
    checkFlavor(spec.job().flavor());
    String ns = spec.job().namespace() != null ? spec.job().namespace() : namespace();
    if (spec.job().usesDefaultTimeout()) {
      LOG.warn("Scheduled job '{}' has no timeout: each run is stopped after {} minutes", spec.job().name(),
          RunJobParams.DEFAULT_TIMEOUT.toMinutes());
    }
    return JobsJson.scheduledJobInfo(service.createScheduledJob(ns, spec.toJson()));
  }

  /**
   * The namespace's scheduled jobs. Python: {@code HfApi.list_scheduled_jobs}.
   *
   * @return a lazy stream of the namespace's scheduled jobs
   */
  public Stream<ScheduledJobInfo> listScheduledJobs() {
    HttpUrl url = http.url("api/scheduled-jobs/" + namespace());
    return Pagination.<Object>stream(http, url, Object.class).map(JobsJson::scheduledJobInfo);
  }

  /**
   * A scheduled job's state. Python: {@code HfApi.inspect_scheduled_job}.
   *
   * @param scheduledJobId the scheduled job's id, in this client's namespace
   * @return the scheduled job's state
   * @throws JobNotFoundException if there is no such scheduled job in this namespace
   */
  public ScheduledJobInfo inspectScheduledJob(String scheduledJobId) {
    return JobsJson.scheduledJobInfo(service.inspectScheduledJob(namespace(), Ids.jobId(scheduledJobId, "scheduledJobId")));
  }

  /**
   * Pauses a schedule; runs already started go on. Python: {@code HfApi.suspend_scheduled_job}.
   *
   * @param scheduledJobId the scheduled job's id, in this client's namespace
   */
  public void suspendScheduledJob(String scheduledJobId) {
    service.suspendScheduledJob(namespace(), Ids.jobId(scheduledJobId, "scheduledJobId")).close();
  }

  /**
   * Resumes a paused schedule. Python: {@code HfApi.resume_scheduled_job}.
   *
   * @param scheduledJobId the scheduled job's id, in this client's namespace
   */
  public void resumeScheduledJob(String scheduledJobId) {
    service.resumeScheduledJob(namespace(), Ids.jobId(scheduledJobId, "scheduledJobId")).close();
  }

  /**
   * Starts a run now, whatever the schedule; sent once.
   *
   * @param scheduledJobId the scheduled job's id, in this client's namespace
   * @return the started run's first state
   * @throws io.hf4j.core.ConflictException if a run is active and the schedule does not allow overlap
   */
  public JobInfo triggerScheduledJob(String scheduledJobId) {
    return JobsJson.jobInfo(service.triggerScheduledJob(namespace(), Ids.jobId(scheduledJobId, "scheduledJobId")),
        config.endpoint());
  }

  /**
   * Deletes a schedule. Python: {@code HfApi.delete_scheduled_job}.
   *
   * @param scheduledJobId the scheduled job's id, in this client's namespace
   */
  public void deleteScheduledJob(String scheduledJobId) {
    service.deleteScheduledJob(namespace(), Ids.jobId(scheduledJobId, "scheduledJobId")).close();
  }

  /**
   * Replaces all labels of a scheduled job.
   *
   * @param scheduledJobId the scheduled job's id, in this client's namespace
   * @param labels the new labels (key to value); empty clears them
   * @return the scheduled job's state with its new labels
   */
  public ScheduledJobInfo updateScheduledJobLabels(String scheduledJobId, Map<String, String> labels) {
    Objects.requireNonNull(labels, "labels == null");
    RunJobParams.checkLabels(labels);
    String ns = namespace();
    String id = Ids.jobId(scheduledJobId, "scheduledJobId");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("labels", new LinkedHashMap<>(labels));
    try (ResponseBody answer = service.updateScheduledJobLabels(ns, id, body)) {
      String text = answer.string();
      if (!text.isBlank()) {
        Object json = JobsJson.parse(text);
        if (json instanceof Map<?, ?> m && m.get("id") != null && m.get("owner") != null) return JobsJson.scheduledJobInfo(json);
      }
    } catch (IOException e) {
      LOG.debug("ignoring an unreadable answer: {}", e.getMessage());
    }
    return JobsJson.scheduledJobInfo(service.inspectScheduledJob(ns, id));
  }

  // ---------------------------------------------------------------- plumbing for the followers

  HfHttp http() {
    return http;
  }

  @Override
  public String toString() {
    return "JobsClient{endpoint=" + config.endpoint() + (namespace == null ? "" : ", namespace=" + namespace) + "}";
  }

  /** The last hardware list read, shared by a client and its namespace views. */
  private static final class Hardware {
    volatile @Nullable List<JobHardwareInfo> list;
  }
}
