package io.hf4j.testkit.jobs;

import org.jspecify.annotations.Nullable;

import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.internal.Glob;
import io.hf4j.testkit.spi.EmulatorContext;
import io.hf4j.testkit.spi.JobImageHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The Jobs emulation of a {@link io.hf4j.testkit.HubEmulator}: jobs, their logs and metrics, hardware
 * and scheduled jobs, behind the Jobs API routes. Tests find it with {@code
 * hub.module(JobsEmulation.class)} and script it.
 *
 * <p>A job's life runs on the emulator's clock: SCHEDULING, then RUNNING (the log starts with the
 * {@code ===== Job started at ... =====} line), then COMPLETED, ERROR or CANCELED; a job running past its
 * {@code timeoutSeconds} (default 1800) ends in ERROR with the message "Job timeout". What happens while
 * it runs comes, in this order, from a script queued with {@link #scriptNext}, a handler bound to its
 * image with {@code hub.jobImages().bind(...)} (a Java function that really runs, see {@link JobRun}),
 * a script bound to its image with {@link #script}, or {@link JobScript#DEFAULT}.
 *
 * <pre>{@code
 * try (HubEmulator hub = HubEmulator.builder().clock(EmulatorClock.manual()).build().start()) {
 *   JobsEmulation jobs = hub.module(JobsEmulation.class);
 *   jobs.script("python:3.12", JobScript.builder().log(Duration.ofSeconds(1), "hello").complete(Duration.ofSeconds(2)).build());
 *   // ... submit a job with hf4j ...
 *   hub.clock().advance(Duration.ofSeconds(5));   // SCHEDULING -> RUNNING -> COMPLETED
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class JobsEmulation implements AutoCloseable {
  private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** The timeout of a job submitted without one. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  private final EmulatorContext context;
  private final Map<String, EmulatedJob> jobs = new LinkedHashMap<>();
  private final Map<String, ScheduledJob> scheduled = new LinkedHashMap<>();
  private final Deque<JobScript> nextScripts = new ArrayDeque<>();
  private final List<Map.Entry<String, JobScript>> imageScripts = new ArrayList<>();
  private final Map<String, String> denied = new HashMap<>();
  private final Map<String, Integer> logCuts = new HashMap<>();
  private final ExecutorService runners;
  private final Agenda agenda;
  private final Path hfHomes;
  private int pageSize = 50;
  private Duration keepAliveInterval = Duration.ofSeconds(15);
  private Duration metricsInterval = Duration.ofSeconds(1);
  private long sequence;
  private boolean closed;

  JobsEmulation(EmulatorContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
    this.agenda = new Agenda(context.clock());
    this.runners = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hf4j-emulator-job-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      this.hfHomes = Files.createTempDirectory("hf4j-emulator-jobs-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the jobs' HF home directory", e);
    }
  }

  // ---------------------------------------------------------------- scripting API for tests

  /**
   * Runs jobs whose image matches {@code imagePattern} (exact, or a glob such as {@code python:*}) by this script.
   *
   * @param imagePattern the job images the script applies to: an exact name or a glob
   * @param script the script the job runs
   * @return this emulation
   */
  public synchronized JobsEmulation script(String imagePattern, JobScript script) {
    Objects.requireNonNull(imagePattern, "imagePattern == null");
    Objects.requireNonNull(script, "script == null");
    imageScripts.removeIf(e -> e.getKey().equals(imagePattern));
    imageScripts.add(Map.entry(imagePattern, script));
    return this;
  }

  /**
   * Runs the next submitted job (any image, handler bindings included) by this script; queued in order.
   *
   * @param script the script the job runs
   * @return this emulation
   */
  public synchronized JobsEmulation scriptNext(JobScript script) {
    nextScripts.add(Objects.requireNonNull(script, "script == null"));
    return this;
  }

  /**
   * Refuses to run jobs in {@code namespace} with 403 and this message (a namespace without Jobs access).
   *
   * @param namespace the user or organization name
   * @param message the message of the 403 answer
   * @return this emulation
   */
  public synchronized JobsEmulation denyJobs(String namespace, String message) {
    denied.put(Objects.requireNonNull(namespace, "namespace == null"), Objects.requireNonNull(message, "message == null"));
    return this;
  }

  /**
   * Jobs per page of {@code GET /api/jobs/{ns}} (default 50).
   *
   * @param pageSize how many entries a page holds (positive)
   * @return this emulation
   */
  public synchronized JobsEmulation pageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be >= 1 but was " + pageSize);
    }
    this.pageSize = pageSize;
    return this;
  }

  /**
   * Real time between {@code : keep-alive} comments of idle SSE streams (default 15 s).
   *
   * @param interval the real time between two events (positive)
   * @return this emulation
   */
  public synchronized JobsEmulation keepAliveInterval(Duration interval) {
    this.keepAliveInterval = positive(interval, "interval");
    return this;
  }

  /**
   * Real time between metrics events of a running job (default 1 s).
   *
   * @param interval the real time between two events (positive)
   * @return this emulation
   */
  public synchronized JobsEmulation metricsInterval(Duration interval) {
    this.metricsInterval = positive(interval, "interval");
    return this;
  }

  /**
   * Resets the next log connection of the job after {@code afterLines} events (headers and those events
   * sent, then the connection closes without ending the stream), as a dropped connection would.
   *
   * @param jobId the job's id
   * @param afterLines how many log lines the connection delivers before it is reset
   * @return this emulation
   */
  public synchronized JobsEmulation cutNextLogStream(String jobId, int afterLines) {
    if (afterLines < 0) {
      throw new IllegalArgumentException("afterLines must be >= 0 but was " + afterLines);
    }
    logCuts.put(Objects.requireNonNull(jobId, "jobId == null"), afterLines);
    return this;
  }

  /** {@return the ids of every job, oldest first} */
  public synchronized List<String> jobIds() {
    return new ArrayList<>(jobs.keySet());
  }

  /** {@return the ids of every scheduled job, oldest first} */
  public synchronized List<String> scheduledJobIds() {
    return new ArrayList<>(scheduled.keySet());
  }

  /**
   * {@return a job's stage, if the job exists}
   *
   * @param jobId the job's id
   */
  public synchronized @Nullable String stage(String jobId) {
    EmulatedJob j = jobs.get(jobId);
    return j == null ? null : j.stage;
  }

  /**
   * {@return a job's status message (the failure reason), if any}
   *
   * @param jobId the job's id
   */
  public synchronized @Nullable String message(String jobId) {
    EmulatedJob j = jobs.get(jobId);
    return j == null ? null : j.message;
  }

  /**
   * {@return a job's log so far, the "Job started" line included}
   *
   * @param jobId the job's id
   */
  public synchronized List<String> logLines(String jobId) {
    EmulatedJob j = jobs.get(jobId);
    if (j == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (EmulatedJob.LogLine l : j.lines) {
      out.add(l.text());
    }
    return out;
  }

  /**
   * {@return the jobs a scheduled job started, oldest first}
   *
   * @param scheduledJobId the scheduled job's id
   */
  public synchronized List<String> runsOf(String scheduledJobId) {
    List<String> out = new ArrayList<>();
    for (EmulatedJob j : jobs.values()) {
      if ("scheduled-job".equals(j.initiator.get("type")) && scheduledJobId.equals(j.initiator.get("id"))) {
        out.add(j.id);
      }
    }
    return out;
  }

  /**
   * Prints a line in a running job's log.
   *
   * @param jobId the job's id
   * @param line the log line (without a line break)
   */
  public void log(String jobId, String line) {
    EmulatedJob j;
    synchronized (this) {
      j = requireJob(jobId);
    }
    append(j, line);
  }

  /**
   * Ends a job now: COMPLETED, or ERROR with {@code message}.
   *
   * @param jobId the job's id
   * @param success whether the job completes (or else fails)
   * @param message the job's error message (ignored when it completes)
   */
  public synchronized void finish(String jobId, boolean success, String message) {
    EmulatedJob j = requireJob(jobId);
    Instant now = clock().instant();
    if (j.stage.equals("SCHEDULING")) {
      start(j, now);
    }
    end(j, success ? "COMPLETED" : "ERROR", success ? null : message, now);
  }

  private EmulatedJob requireJob(String jobId) {
    EmulatedJob j = jobs.get(jobId);
    if (j == null) {
      throw new IllegalArgumentException("no job " + jobId);
    }
    return j;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name + " == null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive but was " + d);
    }
    return d;
  }

  // ---------------------------------------------------------------- state for the routes

  EmulatorClock clock() {
    return context.clock();
  }

  String apiUrl() {
    return context.apiUrl();
  }

  EmulatorContext context() {
    return context;
  }

  synchronized int pageSize() {
    return pageSize;
  }

  synchronized Duration keepAliveInterval() {
    return keepAliveInterval;
  }

  synchronized Duration metricsInterval() {
    return metricsInterval;
  }

  synchronized String deniedMessage(String namespace) {
    return denied.get(namespace);
  }

  synchronized EmulatedJob job(String namespace, String id) {
    EmulatedJob j = jobs.get(id);
    return j != null && j.namespace.equals(namespace) ? j : null;
  }

  synchronized List<EmulatedJob> jobsOf(String namespace) {
    List<EmulatedJob> out = new ArrayList<>();
    for (EmulatedJob j : jobs.values()) {
      if (j.namespace.equals(namespace)) {
        out.add(j);
      }
    }
    out.sort(Comparator.comparing((EmulatedJob j) -> j.createdAt).thenComparing(j -> j.id).reversed());
    return out;
  }

  synchronized ScheduledJob scheduledJob(String namespace, String id) {
    ScheduledJob s = scheduled.get(id);
    return s != null && s.namespace.equals(namespace) ? s : null;
  }

  synchronized List<ScheduledJob> scheduledOf(String namespace) {
    List<ScheduledJob> out = new ArrayList<>();
    for (ScheduledJob s : scheduled.values()) {
      if (s.namespace.equals(namespace)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The log-cut armed for the job's next connection, consumed; -1 when none. */
  synchronized int takeLogCut(String jobId) {
    Integer n = logCuts.remove(jobId);
    return n == null ? -1 : n;
  }

  /**
   * Runs {@code task} when the clock reaches {@code when}. A timer fired late (a manual clock advanced
   * past several steps at once) schedules its successors from its own instant, so a long advance plays
   * every step in order.
   */
  private Agenda.Event at(Instant when, Runnable task) {
    return agenda.at(when, task);
  }

  private String newId() {
    long seconds = clock().instant().getEpochSecond();
    return String.format("%08x%016x", seconds & 0xffffffffL, ++sequence);
  }

  // ---------------------------------------------------------------- life of a job

  /** Accepts a job: SCHEDULING now, RUNNING after the script's scheduling time. */
  synchronized EmulatedJob submit(String namespace, boolean org, JobRequest request, Map<String, Object> initiator) {
    return submit(namespace, org, request, initiator, clock().instant());
  }

  private EmulatedJob submit(String namespace, boolean org, JobRequest request, Map<String, Object> initiator,
      Instant createdAt) {
    if (closed) {
      throw new IllegalStateException("emulator closed");
    }
    EmulatedJob job = new EmulatedJob(newId(), namespace, org, request, initiator, createdAt);
    jobs.put(job.id, job);
    JobScript script = nextScripts.poll();
    JobImageHandler handler = script == null ? context.jobImages().resolve(request.image()) : null;
    if (script == null && handler == null) {
      script = scriptFor(request.image());
    }
    Duration scheduling = script != null ? script.scheduling() : Duration.ofSeconds(1);
    JobScript chosen = script;
    Instant startAt = createdAt.plus(scheduling);
    job.timers.add(at(startAt, () -> {
      synchronized (this) {
        if (job.terminal()) {
          return;
        }
        start(job, startAt);
        if (handler != null) {
          runHandler(job, handler);
        } else {
          play(job, chosen, startAt);
        }
      }
    }));
    notifyAll();
    return job;
  }

  private JobScript scriptFor(String image) {
    for (int i = imageScripts.size() - 1; i >= 0; i--) {
      Map.Entry<String, JobScript> e = imageScripts.get(i);
      if (e.getKey().equals(image) || Glob.pathPattern(e.getKey()).matcher(image).matches()) {
        return e.getValue();
      }
    }
    return JobScript.DEFAULT;
  }

  private void start(EmulatedJob job, Instant now) {
    job.stage = "RUNNING";
    job.startedAt = now;
    job.updatedAt = now;
    job.lines.add(new EmulatedJob.LogLine(now, "===== Job started at " + STARTED.format(now) + " ====="));
    Duration timeout = job.request.timeoutSeconds() != null ? Duration.ofSeconds(job.request.timeoutSeconds()) : DEFAULT_TIMEOUT;
    Instant deadline = now.plus(timeout);
    job.timers.add(at(deadline, () -> {
      synchronized (this) {
        end(job, "ERROR", "Job timeout", deadline);
      }
    }));
    notifyAll();
  }

  private void play(EmulatedJob job, JobScript script, Instant startedAt) {
    for (JobScript.Line line : script.lines()) {
      Instant when = startedAt.plus(line.at());
      job.timers.add(at(when, () -> append(job, line.text(), when)));
    }
    JobScript.Outcome outcome = script.outcome();
    if (outcome.stage() != null) {
      Instant when = startedAt.plus(outcome.after());
      job.timers.add(at(when, () -> {
        synchronized (this) {
          end(job, outcome.stage(), outcome.message(), when);
        }
      }));
    }
  }

  private void runHandler(EmulatedJob job, JobImageHandler handler) {
    JobRun run = new JobRun(this, job, hfHomes.resolve(job.id));
    job.run = run;
    job.runner = runners.submit(() -> {
      String stage;
      String message = null;
      try {
        int code = handler.run(run);
        stage = code == 0 ? "COMPLETED" : "ERROR";
        if (code != 0) {
          message = "Job failed with exit code: " + code;
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        if (run.isCancelled()) {
          return;
        }
        append(job, e.toString());
        stage = "ERROR";
        message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      }
      synchronized (this) {
        end(job, stage, message, clock().instant());
      }
    });
  }

  /** Appends log lines (one per line of {@code text}) to a running job and wakes its readers. */
  void append(EmulatedJob job, String text) {
    append(job, text, clock().instant());
  }

  private void append(EmulatedJob job, String text, Instant now) {
    synchronized (this) {
      if (!job.stage.equals("RUNNING")) {
        return;
      }
      for (String line : text.split("\r?\n", -1)) {
        job.lines.add(new EmulatedJob.LogLine(now, line));
      }
      notifyAll();
    }
  }

  /** Ends a job (no-op when it has ended already). Callers hold the lock. */
  void end(EmulatedJob job, String stage, String message, Instant now) {
    if (job.terminal()) {
      return;
    }
    job.stage = stage;
    job.message = message;
    job.finishedAt = now;
    job.updatedAt = now;
    for (Agenda.Event t : job.timers) {
      t.cancel();
    }
    job.timers.clear();
    if (job.run != null) {
      job.run.cancel();
    }
    if (job.runner != null) {
      job.runner.cancel(true);
    }
    notifyAll();
  }

  synchronized void cancel(EmulatedJob job) {
    end(job, "CANCELED", null, clock().instant());
  }

  synchronized void relabel(EmulatedJob job, Map<String, String> labels) {
    job.labels = new LinkedHashMap<>(labels);
    job.updatedAt = clock().instant();
  }

  // ---------------------------------------------------------------- scheduled jobs

  synchronized ScheduledJob schedule(String namespace, boolean org, Map<String, Object> owner, JobRequest request,
      String schedule, Cron cron, boolean suspend, boolean concurrency) {
    ScheduledJob s = new ScheduledJob(newId(), namespace, org, owner, request, schedule, cron, suspend, concurrency,
        clock().instant());
    scheduled.put(s.id, s);
    arm(s, s.createdAt);
    return s;
  }

  private void arm(ScheduledJob s, Instant from) {
    if (s.timer != null) {
      s.timer.cancel();
      s.timer = null;
    }
    if (s.suspend || !scheduled.containsKey(s.id)) {
      s.nextRunAt = null;
      return;
    }
    Instant next = s.cron.next(from);
    s.nextRunAt = next;
    if (next == null) {
      return;
    }
    s.timer = at(next, () -> {
      synchronized (this) {
        if (!scheduled.containsKey(s.id) || s.suspend) {
          return;
        }
        s.timer = null;
        if (s.concurrency || !lastRunActive(s)) {
          runNow(s, next);
        }
        arm(s, next);
      }
    });
  }

  private boolean lastRunActive(ScheduledJob s) {
    EmulatedJob last = s.lastJobId == null ? null : jobs.get(s.lastJobId);
    return last != null && !last.terminal();
  }

  /** Starts a run of a scheduled job; {@code null} when one is active and runs may not overlap. */
  synchronized EmulatedJob trigger(ScheduledJob s) {
    if (!s.concurrency && lastRunActive(s)) {
      return null;
    }
    return runNow(s, clock().instant());
  }

  private EmulatedJob runNow(ScheduledJob s, Instant when) {
    Map<String, Object> initiator = new LinkedHashMap<>();
    initiator.put("type", "scheduled-job");
    initiator.put("id", s.id);
    EmulatedJob job = submit(s.namespace, s.org, s.request, initiator, when);
    s.lastJobId = job.id;
    s.lastJobAt = job.createdAt;
    return job;
  }

  synchronized void suspend(ScheduledJob s, boolean suspend) {
    s.suspend = suspend;
    s.updatedAt = clock().instant();
    arm(s, s.updatedAt);
  }

  synchronized void delete(ScheduledJob s) {
    scheduled.remove(s.id);
    arm(s, clock().instant());
  }

  synchronized void relabel(ScheduledJob s, Map<String, String> labels) {
    s.request = s.request.withLabels(labels);
    s.updatedAt = clock().instant();
  }

  // ---------------------------------------------------------------- streams

  /** Waits (on this lock) until {@code ready} or the real-time timeout; returns whether the emulator closed. */
  synchronized boolean await(java.util.function.BooleanSupplier ready, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!closed && !ready.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return closed;
  }

  synchronized List<EmulatedJob.LogLine> linesFrom(EmulatedJob job, int index) {
    return index >= job.lines.size() ? List.of() : new ArrayList<>(job.lines.subList(index, job.lines.size()));
  }

  synchronized boolean ended(EmulatedJob job) {
    return job.terminal();
  }

  synchronized String stageOf(EmulatedJob job) {
    return job.stage;
  }

  synchronized int lineCount(EmulatedJob job) {
    return job.lines.size();
  }

  /** Stops every job's background work and wakes every stream. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      agenda.close();
      for (EmulatedJob j : jobs.values()) {
        for (Agenda.Event t : j.timers) {
          t.cancel();
        }
        if (j.run != null) {
          j.run.cancel();
        }
      }
      for (ScheduledJob s : scheduled.values()) {
        if (s.timer != null) {
          s.timer.cancel();
        }
      }
      notifyAll();
    }
    runners.shutdownNow();
    try (Stream<Path> walk = Files.walk(hfHomes)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Temporary files only; the OS cleans them eventually.
    }
  }
}
