package io.hf4j.testkit.jobs;

import io.hf4j.core.HfConfig;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.spi.JobRunContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The job an in-process {@link io.hf4j.testkit.spi.JobImageHandler} runs: its command, environment
 * (with the built-in {@code JOB_ID}, {@code ACCELERATOR}, {@code CPU_CORES} and {@code MEMORY}),
 * secrets, a log to print to, the emulator's clock, and an {@link #hfConfig()} pointed at the emulator
 * with the job's {@code HF_TOKEN} secret, so a trainer can push its results to the emulated Hub.
 */
public final class JobRun implements JobRunContext {
  private final JobsEmulation emulation;
  private final EmulatedJob job;
  private final Map<String, String> environment;
  private final Path hfHome;
  private volatile boolean cancelled;

  JobRun(JobsEmulation emulation, EmulatedJob job, Path hfHome) {
    this.emulation = emulation;
    this.job = job;
    this.hfHome = hfHome;
    Map<String, String> env = new LinkedHashMap<>(job.request.environment());
    Hardware.Flavor f = Hardware.find(job.request.flavor());
    env.put("JOB_ID", job.id);
    env.put("ACCELERATOR", f == null || f.cpu() ? "none" : job.request.flavor());
    env.put("CPU_CORES", String.valueOf(f == null ? 2 : f.vcpu()));
    env.put("MEMORY", (f == null ? 16 : f.ramGb()) + "Gi");
    this.environment = Collections.unmodifiableMap(env);
  }

  @Override
  public String jobId() {
    return job.id;
  }

  /** {@return the namespace the job runs in} */
  public String namespace() {
    return job.namespace;
  }

  @Override
  public String image() {
    return job.request.image();
  }

  @Override
  public List<String> command() {
    return job.request.command();
  }

  @Override
  public List<String> arguments() {
    return job.request.arguments();
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public Map<String, String> secrets() {
    return job.request.secrets();
  }

  @Override
  public String flavor() {
    return job.request.flavor();
  }

  @Override
  public EmulatorClock clock() {
    return emulation.clock();
  }

  /** Prints a line (each line of a multi-line text separately); ignored once the job has ended. */
  @Override
  public void log(String line) {
    emulation.append(job, line);
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  void cancel() {
    cancelled = true;
  }

  /** Waits simulated time; throws {@link InterruptedException} when the job is cancelled or times out. */
  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (cancelled) {
      throw new InterruptedException("job " + job.id + " was stopped");
    }
    CountDownLatch latch = new CountDownLatch(1);
    EmulatorClock.Timer timer = emulation.clock().schedule(duration, latch::countDown);
    try {
      while (!latch.await(20, TimeUnit.MILLISECONDS)) {
        if (cancelled) {
          throw new InterruptedException("job " + job.id + " was stopped");
        }
      }
    } finally {
      timer.cancel();
    }
  }

  /**
   * {@return a configuration pointed at the emulator, with the job's {@code HF_TOKEN} secret as its token (none
   * when the job has no such secret, as on the real service) and an HF home of its own}
   */
  public HfConfig hfConfig() {
    HfConfig.Builder b = HfConfig.builder().endpoint(emulation.apiUrl()).hfHome(hfHome);
    String token = job.request.secrets().get("HF_TOKEN");
    if (token != null && !token.isBlank()) {
      b.token(token);
    } else {
      b.noToken();
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "JobRun[" + job.id + ", " + image() + "]";
  }
}
