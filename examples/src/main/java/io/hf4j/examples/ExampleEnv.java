package io.hf4j.examples;

import io.hf4j.core.HfConfig;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.Sleeper;
import io.hf4j.hub.HubClient;
import io.hf4j.jobs.JobsClient;
import io.hf4j.r2.R2Client;
import io.hf4j.r2.R2Config;
import io.hf4j.spaces.SpaceEnvironment;
import io.hf4j.spaces.SpacesClient;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the examples run. With {@code HF_TOKEN} set (or inside a Space, {@code SPACE_ID} set, with its
 * {@code HF_TOKEN} secret) they talk to the real Hub at {@code HF_ENDPOINT} (default
 * https://huggingface.co); otherwise an embedded Hub emulator starts, with Jobs and Spaces emulated and
 * its clock sped up so that job and Space stages pass quickly. R2 is the bucket of the {@code R2_*}
 * settings, or, when {@code R2_BUCKET_NAME} is unset, an embedded S3 server. Both fallbacks are
 * announced on the output.
 *
 * <pre>{@code
 * try (ExampleEnv env = ExampleEnv.start(System.out)) {
 *   FreeFlow.run(env);
 * }
 * }</pre>
 */
public final class ExampleEnv implements AutoCloseable {
  /** How fast the embedded emulator's clock runs by default: a simulated minute every two seconds. */
  public static final double DEFAULT_CLOCK_SPEED = 30;
  /** The bucket of the embedded S3 server. */
  public static final String EMBEDDED_BUCKET = "hf4j-examples";

  private final Map<String, String> env;
  private final PrintStream out;
  private final HfConfig config;
  private final @Nullable HubEmulator emulator;
  private final @Nullable EmulatorClock clock;
  private final @Nullable SpaceEnvironment space;
  private final Path workDir;
  private final HubClient hub;
  private final JobsClient jobs;
  private final SpacesClient spaces;
  private @Nullable String namespace;
  private @Nullable R2Client r2;
  private @Nullable EmbeddedS3 s3;

  private ExampleEnv(Map<String, String> env, PrintStream out, HfConfig config, @Nullable HubEmulator emulator,
      @Nullable EmulatorClock clock, @Nullable SpaceEnvironment space, Path workDir) {
    this.env = env;
    this.out = out;
    this.config = config;
    this.emulator = emulator;
    this.clock = clock;
    this.space = space;
    this.workDir = workDir;
    this.hub = HubClient.create(config);
    this.jobs = JobsClient.create(config);
    this.spaces = SpacesClient.create(config);
  }

  /** From this process's environment, printing to {@code out}. */
  public static ExampleEnv start(PrintStream out) {
    return start(System.getenv(), out, DEFAULT_CLOCK_SPEED);
  }

  /**
   * From {@code env}: the real Hub when it holds a token or a Space id, else an embedded emulator whose
   * clock runs {@code clockSpeed} times faster than real time.
   */
  public static ExampleEnv start(Map<String, String> env, PrintStream out, double clockSpeed) {
    Objects.requireNonNull(env, "env == null");
    Objects.requireNonNull(out, "out == null");
    Path workDir = createWorkDir();
    SpaceEnvironment s = SpaceEnvironment.from(env);
    if (s != null) {
      s.token(); // fails with a clear message when the owner stored no HF_TOKEN secret
      out.println("hf4j examples: running inside the Space " + s.spaceId() + ", as its author " + s.authorName()
          + " with the Space's HF_TOKEN secret");
      return new ExampleEnv(env, out, s.hfConfig(), null, null, s, workDir);
    }
    if (hasToken(env)) {
      HfConfig config = HfConfig.builder().fromEnv(env).build();
      out.println("hf4j examples: using the Hub at " + config.endpoint().toString().replaceAll("/$", "")
          + " with the token from the environment");
      return new ExampleEnv(env, out, config, null, null, null, workDir);
    }
    EmulatorClock clock = EmulatorClock.accelerated(clockSpeed);
    HubEmulator emulator;
    try {
      emulator = HubEmulator.builder().clock(clock).build().start();
    } catch (RuntimeException e) {
      clock.close();
      throw e;
    }
    // The clients live in the emulator's time: their waits and timeouts shrink with its clock.
    HfConfig config = emulator.hfConfigBuilder()
        .clock(clock)
        .sleeper(d -> Thread.sleep(Math.max(1, (long) (d.toMillis() / clockSpeed))))
        .initialBackoff(Duration.ofMillis(200))
        .build();
    out.println("hf4j examples: no HF_TOKEN set, so an embedded Hub emulator runs at " + emulator.url() + " (user "
        + emulator.userName() + ", Jobs and Spaces emulated, clock x" + String.format(Locale.ROOT, "%.0f", clockSpeed) + ")");
    return new ExampleEnv(env, out, config, emulator, clock, null, workDir);
  }

  private static boolean hasToken(Map<String, String> env) {
    for (String name : new String[] {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) return true;
    }
    return false;
  }

  private static Path createWorkDir() {
    try {
      return Files.createTempDirectory("hf4j-examples-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work folder", e);
    }
  }

  /** The Hub configuration every client of the examples shares. */
  public HfConfig config() {
    return config;
  }

  /** The Hub's base URL without a trailing slash, e.g. {@code https://huggingface.co}. */
  public String endpoint() {
    String e = config.endpoint().toString();
    return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
  }

  /** A page of the Hub's web site, e.g. {@code webUrl("spaces/acme/demo")}. */
  public String webUrl(String path) {
    return endpoint() + "/" + path;
  }

  public HubClient hub() {
    return hub;
  }

  public JobsClient jobs() {
    return jobs;
  }

  public SpacesClient spaces() {
    return spaces;
  }

  /** The embedded emulator, when no token was configured. */
  public Optional<HubEmulator> emulator() {
    return Optional.ofNullable(emulator);
  }

  /** Whether the examples run on the embedded emulator. */
  public boolean embedded() {
    return emulator != null;
  }

  /** The Space this process runs in, if any. */
  public Optional<SpaceEnvironment> space() {
    return Optional.ofNullable(space);
  }

  /**
   * The namespace repos are created in: the Space's author inside a Space, else the token's user (asked
   * of the Hub once).
   */
  public synchronized String namespace() {
    if (namespace == null) {
      namespace = space != null ? space.authorName() : hub.whoami().name();
    }
    return namespace;
  }

  /** A setting of the environment the examples were started with. */
  public Optional<String> setting(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** Where the examples write generated files; deleted on {@link #close()}. */
  public Path workDir() {
    return workDir;
  }

  /** A fresh folder under {@link #workDir()}. */
  public Path newDir(String name) {
    try {
      return Files.createDirectories(workDir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the flows print what they do. */
  public PrintStream out() {
    return out;
  }

  /** Prints one line of a flow: {@code label} padded, then the text. */
  public void say(String label, String text) {
    out.printf(Locale.ROOT, "  %-9s %s%n", label, text);
  }

  /**
   * The R2 client: the bucket of the {@code R2_*} settings, or an embedded S3 server (started on first
   * use, with {@code R2_FOLDER} as its key folder) when {@code R2_BUCKET_NAME} is unset.
   */
  public synchronized R2Client r2() {
    if (r2 == null) {
      R2Config r2Config;
      if (setting("R2_BUCKET_NAME").isPresent()) {
        r2Config = R2Config.builder().fromEnv(env).build();
        out.println("hf4j examples: using the R2 bucket " + r2Config.bucket() + " (" + r2Config.endpoint() + ")");
      } else {
        s3 = EmbeddedS3.start(EMBEDDED_BUCKET, setting("R2_FOLDER").orElse("fashion-ai"));
        r2Config = s3.r2Config();
        out.println("hf4j examples: no R2_* settings, so an embedded S3 server stands in for R2 at " + s3.endpoint()
            + " (bucket " + EMBEDDED_BUCKET + ", public)");
      }
      // R2 signs requests with the wall clock: the emulator's sped-up clock would make them "skewed".
      HfConfig http = embedded() ? config.toBuilder().clock(Clock.systemUTC()).sleeper(Sleeper.system()).build() : config;
      r2 = R2Client.create(r2Config, http);
    }
    return r2;
  }

  /** Stops what the environment started and deletes the work folder. */
  @Override
  public synchronized void close() {
    if (s3 != null) s3.close();
    if (emulator != null) emulator.close();
    if (clock != null) clock.close();
    ExampleFiles.deleteTree(workDir);
  }
}
