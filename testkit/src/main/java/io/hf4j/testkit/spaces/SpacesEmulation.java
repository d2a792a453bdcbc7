package io.hf4j.testkit.spaces;

import org.jspecify.annotations.Nullable;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.RepoView;
import io.hf4j.testkit.spi.Caller;
import io.hf4j.testkit.spi.EmulatorContext;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Response;
import io.hf4j.testkit.spi.RouteHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated Spaces runtime, for tests: stages driven by the emulator's clock, secrets and variables, hardware,
 * sleep and wake, and in-process apps. Find it with {@code hub.module(SpacesEmulation.class)}.
 *
 * <pre>{@code
 * try (HubEmulator hub = HubEmulator.builder().clock(EmulatorClock.manual()).build().start()) {
 *   SpacesEmulation spaces = hub.module(SpacesEmulation.class);
 *   spaces.bindApp("testuser/demo", req -> Response.json(200, Map.of("status", "ok")));
 *   // commit app.py to the Space: it is BUILDING
 *   hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));   // now RUNNING
 *   // GET spaces.appUrl("testuser/demo") + "/health" answers through the bound handler
 * }
 * }</pre>
 *
 * <p>Lifecycle after a commit to {@code main}: a Space with no file besides {@code README.md} and
 * {@code .gitattributes} is {@code NO_APP_FILE}; a gradio or streamlit Space without its app file
 * ({@code app_file}, default {@code app.py}) too; otherwise {@code BUILDING} (or {@code RUNNING_BUILDING} while an
 * older version serves) for {@link #buildDuration()}, then {@code APP_STARTING} for {@link #startDuration()},
 * then {@code RUNNING}. A docker Space without a {@code Dockerfile} builds and ends in {@code BUILD_ERROR}. Static
 * Spaces run at once. A running Space with a sleep time ({@code gcTimeout}, 48 h on cpu-basic) and no app
 * traffic for that long becomes {@code SLEEPING}; a request to its app wakes it ({@code APP_STARTING} for
 * {@link #wakeDuration()}, answering 503 meanwhile). Changing hardware, secrets or variables of a live Space
 * rebuilds it; restart rebuilds from any stage; pause stops it. Simulated state is kept in memory only.
 *
 * <p>Logs ({@code GET /api/spaces/{id}/logs/build|run}, server-sent events {@code data: {"data", "timestamp"}} as on
 * the Hub): a build logs its steps (a Docker Space's Dockerfile instructions) while {@code BUILDING}, then {@code
 * DONE} or its error; each app start logs the startup banner, then the app's start line when {@code RUNNING}. A
 * Docker Space whose app listens on another port than {@code app_port} (read from the Dockerfile's CMD, the Python
 * file it runs, or EXPOSE) ends in {@code RUNTIME_ERROR} with a run log line saying nothing answered on that port.
 * Every connection replays the history; a stream ends when its log does. Tests script lines and failures with
 * {@link #scriptNextBuild}, {@link #scriptNextStart}, {@link #appendBuildLog}, {@link #appendRunLog}, {@link
 * #failNextBuild}, {@link #failNextStart} and reset a stream with {@link #cutNextLogStream}.
 */
public final class SpacesEmulation {
  /** The fixed sleep time of cpu-basic Spaces: 48 hours. */
  public static final int CPU_BASIC_SLEEP_SECONDS = 172800;

  static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Set<String> HOUSEKEEPING = Set.of(".gitattributes", "README.md");

  final Object lock = new Object();
  private final EmulatorContext context;
  private final Map<String, SpaceSim> sims = new ConcurrentHashMap<>();
  private volatile Duration buildDuration = Duration.ofSeconds(30);
  private volatile Duration startDuration = Duration.ofSeconds(10);
  private volatile Duration wakeDuration = Duration.ofSeconds(15);
  private volatile Duration logKeepAlive = Duration.ofSeconds(30);
  private boolean closed;

  SpacesEmulation(EmulatorContext context) {
    this.context = context;
  }

  // ------------------------------------------------------------------------------------------ public API

  /** {@return how long a build takes in simulated time (default 30 s)} */
  public Duration buildDuration() {
    return buildDuration;
  }

  /**
   * Sets how long a build takes in emulated time.
   *
   * @param d the duration (not negative)
   */
  public void setBuildDuration(Duration d) {
    buildDuration = nonNegative(d);
  }

  /** {@return how long the app takes to start after a build or a restart (default 10 s)} */
  public Duration startDuration() {
    return startDuration;
  }

  /**
   * Sets how long an app start takes in emulated time.
   *
   * @param d the duration (not negative)
   */
  public void setStartDuration(Duration d) {
    startDuration = nonNegative(d);
  }

  /** {@return how long a sleeping Space takes to wake after a request (default 15 s)} */
  public Duration wakeDuration() {
    return wakeDuration;
  }

  /**
   * Sets how long a sleeping Space takes to wake.
   *
   * @param d the duration (not negative)
   */
  public void setWakeDuration(Duration d) {
    wakeDuration = nonNegative(d);
  }

  private static Duration nonNegative(Duration d) {
    Objects.requireNonNull(d, "duration == null");
    if (d.isNegative()) throw new IllegalArgumentException("duration must not be negative: " + d);
    return d;
  }

  /**
   * {@return the current stage of a Space ({@code BUILDING}, {@code RUNNING}, ...), if the Space exists}
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  public @Nullable String stage(String spaceId) {
    Map<String, Object> runtime = runtime(spaceId);
    return runtime == null ? null : (String) runtime.get("stage");
  }

  /**
   * {@return the runtime JSON object the Hub API would answer now, if the Space exists}
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  public @Nullable Map<String, Object> runtime(String spaceId) {
    if (context.repos().find(RepoType.SPACE, spaceId) == null) return null;
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      return runtimeJson(s);
    }
  }

  /**
   * {@return a secret's value, which the Hub API never returns (tests only)}
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @param key the secret's name
   */
  public @Nullable String secretValue(String spaceId, String key) {
    synchronized (lock) {
      SpaceSim s = sims.get(spaceId);
      SpaceSim.Secret secret = s == null ? null : s.secrets.get(key);
      return secret == null ? null : secret.value();
    }
  }

  /**
   * {@return the Space's secret names}
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  public Set<String> secretNames(String spaceId) {
    synchronized (lock) {
      SpaceSim s = sims.get(spaceId);
      return s == null ? Set.of() : Set.copyOf(s.secrets.keySet());
    }
  }

  /**
   * {@return how many builds the Space went through (commits, restarts, hardware and settings changes)}
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  public int builds(String spaceId) {
    synchronized (lock) {
      SpaceSim s = sims.get(spaceId);
      return s == null ? 0 : s.builds;
    }
  }

  /**
   * The next build of the Space ends in {@code BUILD_ERROR} with this message.
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @param errorMessage the error message the Space reports
   */
  public void failNextBuild(String spaceId, String errorMessage) {
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      s.failBuild = Objects.requireNonNull(errorMessage, "errorMessage == null");
    }
  }

  /**
   * The next start of the Space's app ends in {@code RUNTIME_ERROR} with this message.
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @param errorMessage the error message the Space reports
   */
  public void failNextStart(String spaceId, String errorMessage) {
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      s.failStart = Objects.requireNonNull(errorMessage, "errorMessage == null");
    }
  }

  // ------------------------------------------------------------------------------------------------ logs

  /**
   * {@return the Space's current build log (the last build's), one string a line}
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  public List<String> buildLog(String spaceId) {
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      return s.buildLog.stream().map(SpaceSim.LogLine::text).toList();
    }
  }

  /**
   * {@return the Space's run log (every container start of this emulator's life), one string a line}
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  public List<String> runLog(String spaceId) {
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      return s.runLog.stream().map(SpaceSim.LogLine::text).toList();
    }
  }

  /**
   * Appends lines to the Space's build log now (followers see them at once).
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @param lines the log lines, one string a line
   */
  public void appendBuildLog(String spaceId, String... lines) {
    append(spaceId, true, lines);
  }

  /**
   * Appends lines to the Space's run log now, as the app would print them.
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @param lines the log lines, one string a line
   */
  public void appendRunLog(String spaceId, String... lines) {
    append(spaceId, false, lines);
  }

  private void append(String spaceId, boolean build, String... lines) {
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      for (String line : lines) log(build ? s.buildLog : s.runLog, Objects.requireNonNull(line, "line == null"));
      lock.notifyAll();
    }
  }

  /**
   * The next build logs these lines instead of the steps generated from the Dockerfile (or the sdk); its end
   * ({@code DONE}, or the {@link #failNextBuild} error) follows as usual.
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @param lines the log lines, one string a line
   */
  public void scriptNextBuild(String spaceId, List<String> lines) {
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      s.nextBuildScript = List.copyOf(lines);
    }
  }

  /**
   * The next app start logs these lines after the startup banner, before its start line or failure.
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @param lines the log lines, one string a line
   */
  public void scriptNextStart(String spaceId, List<String> lines) {
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      s.nextStartScript = List.copyOf(lines);
    }
  }

  /**
   * Resets the next connection to the Space's build (or run) log after {@code afterEvents} events, as a dropped
   * connection would: the client must reconnect; the history is replayed, as the Hub does.
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @param build true for the build log, false for the run log
   * @param afterEvents how many events the connection delivers before it is reset
   */
  public void cutNextLogStream(String spaceId, boolean build, int afterEvents) {
    if (afterEvents < 0) throw new IllegalArgumentException("afterEvents must be >= 0: " + afterEvents);
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      if (build) {
        s.cutBuildLog = afterEvents;
      } else {
        s.cutRunLog = afterEvents;
      }
    }
  }

  /** {@return the real time between keep-alive comments of an idle log stream (default 30 s, as the Hub)} */
  public Duration logKeepAlive() {
    return logKeepAlive;
  }

  /**
   * Sets the real time between keep-alive comments of an idle log stream.
   *
   * @param d the interval (positive)
   */
  public void setLogKeepAlive(Duration d) {
    Objects.requireNonNull(d, "duration == null");
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("keep-alive must be positive: " + d);
    logKeepAlive = d;
  }

  private void log(List<SpaceSim.LogLine> log, String text) {
    log.add(new SpaceSim.LogLine(clock().instant(), text));
  }

  /**
   * Streams a log as the Hub does: the history at once, then new lines as they come, keep-alive comments while
   * idle; the stream ends when the log does (build over; app stopped or failed; the emulator closed).
   */
  void writeLog(SpaceSim s, boolean build, int cut, java.io.OutputStream out) throws java.io.IOException {
    int index = 0;
    int sent = 0;
    int epoch;
    synchronized (lock) {
      epoch = s.buildLogEpoch;
    }
    long lastWrite = System.nanoTime();
    while (true) {
      List<SpaceSim.LogLine> batch;
      boolean open;
      synchronized (lock) {
        if (closed || (build && s.buildLogEpoch != epoch)) return;
        List<SpaceSim.LogLine> log = build ? s.buildLog : s.runLog;
        batch = index < log.size() ? new ArrayList<>(log.subList(index, log.size())) : List.of();
        open = build ? s.buildLogOpen() : s.runLogOpen();
        if (batch.isEmpty() && open) {
          long idle = logKeepAlive.toNanos() - (System.nanoTime() - lastWrite);
          if (idle > 0) {
            try {
              lock.wait(Math.max(1, Math.min(250, idle / 1_000_000)));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            continue;
          }
        }
      }
      for (SpaceSim.LogLine line : batch) {
        if (cut >= 0 && sent >= cut) {
          out.flush();
          throw new java.io.IOException("injected: log stream reset after " + cut + " events");
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("data", line.text());
        event.put("timestamp", MILLIS.format(line.timestamp()));
        out.write(("data: " + io.hf4j.testkit.internal.Json.write(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        sent++;
      }
      index += batch.size();
      if (batch.isEmpty()) {
        if (!open) {
          out.flush();
          return;
        }
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
      lastWrite = System.nanoTime();
    }
  }

  /**
   * Puts a running Space to sleep now, as its sleep time would.
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  public void sleepNow(String spaceId) {
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      if (!s.stage.equals("RUNNING")) throw new IllegalStateException(spaceId + " is " + s.stage + ", not RUNNING");
      s.cancelTimers();
      s.stage = "SLEEPING";
    }
  }

  /**
   * Serves {@code app} as the Space's own HTTP API at {@link #appUrl(String)} (and on {@code
   * <subdomain>.hf.space} Host headers). Requests reach it only while the Space serves; a sleeping Space wakes
   * and answers 503 meanwhile, as does a building, starting, paused or failed one. A private Space answers 404
   * unless the request carries a token of a user who may read it.
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @param app the handler that answers the app's requests
   */
  public void bindApp(String spaceId, RouteHandler app) {
    Objects.requireNonNull(app, "app == null");
    context.spaceApps().bind(spaceId, req -> serveApp(spaceId, app, req));
  }

  /**
   * Removes the Space's app, so its app URL answers 404 again.
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  public void unbindApp(String spaceId) {
    context.spaceApps().unbind(spaceId);
  }

  /**
   * {@return the base URL of the Space's app on the emulator (no trailing slash)}
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  public String appUrl(String spaceId) {
    return context.spaceApps().url(spaceId);
  }

  // ------------------------------------------------------------------------------------------ app serving

  private Response serveApp(String spaceId, RouteHandler app, io.hf4j.testkit.spi.Request req) throws Exception {
    Optional<RepoView> repo = Optional.ofNullable(context.repos().find(RepoType.SPACE, spaceId));
    if (repo.isEmpty() || !canRead(repo.get(), req.caller())) {
      throw HubError.notFound("Space not found");
    }
    SpaceSim s = sim(spaceId);
    synchronized (lock) {
      if (s.isServing()) {
        s.lastActivity = clock().instant();
      } else if (s.stage.equals("SLEEPING") || s.stage.equals("STOPPED")) {
        wake(s);
        return unavailable(s);
      } else {
        return unavailable(s);
      }
    }
    return app.handle(req);
  }

  private static Response unavailable(SpaceSim s) {
    return Response.text(503, "Space " + s.id + " is " + s.stage + "; its app is not serving right now.");
  }

  boolean canRead(RepoView repo, Caller caller) {
    return !repo.isPrivate() || (caller != null && context.accounts().canWriteNamespace(caller.user(), namespace(repo.id())));
  }

  static String namespace(String id) {
    return id.substring(0, id.indexOf('/'));
  }

  // ------------------------------------------------------------------------------------------- lifecycle

  /**
   * The simulation of a Space, created from the repo's attributes on first use. Call without holding the lock:
   * code under the lock never calls into the repos, whose own lock may be held by a thread waiting for ours.
   */
  SpaceSim sim(String spaceId) {
    SpaceSim existing = sims.get(spaceId);
    if (existing != null) return existing;
    String sdk = Optional.ofNullable(context.repos().find(RepoType.SPACE, spaceId)).map(SpacesEmulation::sdkOf).orElse("gradio");
    return sims.computeIfAbsent(spaceId, id -> {
      SpaceSim s = new SpaceSim(id, sdk);
      if (s.isStatic()) {
        s.requestedHardware = null;
        s.gcTimeout = null;
      }
      return s;
    });
  }

  static String sdkOf(RepoView repo) {
    Object sdk = repo.attributes().get("sdk");
    if (sdk instanceof String s) return s;
    return frontMatter(repo).getOrDefault("sdk", "gradio");
  }

  /** {@code key: value} lines of the README front matter at {@code main} (enough for sdk and app_file). */
  static Map<String, String> frontMatter(RepoView repo) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<io.hf4j.testkit.StoredFile> readme;
    try {
      readme = Optional.ofNullable(repo.file("main", "README.md"));
    } catch (RuntimeException e) {
      return out;
    }
    if (readme.isEmpty()) return out;
    String text = new String(readme.get().bytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    if (!text.startsWith("---\n")) return out;
    for (String line : text.substring(4).split("\n")) {
      if (line.strip().equals("---")) break;
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith(" ")) {
        String v = line.substring(colon + 1).strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
          v = v.substring(1, v.length() - 1);
        }
        out.put(line.substring(0, colon).strip(), v);
      }
    }
    return out;
  }

  void closeAll() {
    synchronized (lock) {
      closed = true;
      sims.values().forEach(SpaceSim::cancelTimers);
      lock.notifyAll();
    }
  }

  void forget(String spaceId) {
    synchronized (lock) {
      SpaceSim s = sims.remove(spaceId);
      if (s != null) s.cancelTimers();
    }
    context.spaceApps().unbind(spaceId);
  }

  void moved(String from, String to) {
    synchronized (lock) {
      SpaceSim s = sims.remove(from);
      if (s != null) {
        s.id = to;
        sims.put(to, s);
      }
    }
    RouteHandler app = context.spaceApps().app(from);
    if (app != null) {
      context.spaceApps().unbind(from);
      context.spaceApps().bind(to, app);
    }
  }

  /** A commit landed on {@code main}: rebuild from the new files (an older running version keeps serving). */
  void committed(String spaceId) {
    SpaceSim s = sim(spaceId);
    List<String> files = headFiles(spaceId);
    Map<String, String> front = Optional.ofNullable(context.repos().find(RepoType.SPACE, spaceId)).map(SpacesEmulation::frontMatter).orElse(Map.of());
    String head = head(spaceId);
    SpaceLogScript.Plan plan = SpaceLogScript.plan(context, spaceId, files);
    synchronized (lock) {
      build(s, true, files, front, head, plan);
    }
  }

  /** Restart (factory or not): a full rebuild from any stage. */
  void restart(SpaceSim s) {
    List<String> files = headFiles(s.id);
    Map<String, String> front = Optional.ofNullable(context.repos().find(RepoType.SPACE, s.id)).map(SpacesEmulation::frontMatter).orElse(Map.of());
    String head = head(s.id);
    SpaceLogScript.Plan plan = SpaceLogScript.plan(context, s.id, files);
    synchronized (lock) {
      build(s, false, files, front, head, plan);
    }
  }

  /** A setting changed (hardware, secret, variable): a live Space rebuilds, a stopped or failed one stays. */
  void settingsChanged(SpaceSim s) {
    boolean live;
    synchronized (lock) {
      live = s.isOn();
    }
    if (live) {
      List<String> files = headFiles(s.id);
      Map<String, String> front = Optional.ofNullable(context.repos().find(RepoType.SPACE, s.id)).map(SpacesEmulation::frontMatter).orElse(Map.of());
      String head = head(s.id);
      SpaceLogScript.Plan plan = SpaceLogScript.plan(context, s.id, files);
      synchronized (lock) {
        build(s, true, files, front, head, plan);
      }
    }
  }

  private List<String> headFiles(String spaceId) {
    Optional<RepoView> repo = Optional.ofNullable(context.repos().find(RepoType.SPACE, spaceId));
    if (repo.isEmpty() || !repo.get().branches().containsKey("main")) return List.of();
    return new ArrayList<>(repo.get().files("main").keySet());
  }

  private String head(String spaceId) {
    return Optional.ofNullable(context.repos().find(RepoType.SPACE, spaceId)).map(r -> r.branches().get("main")).orElse(null);
  }

  private void build(SpaceSim s, boolean keepServing, List<String> files, Map<String, String> front, String headSha,
      SpaceLogScript.Plan plan) {
    boolean serving = keepServing && s.isServing();
    s.cancelTimers();
    long gen = s.generation;
    s.errorMessage = null;
    List<String> app = files.stream().filter(f -> !HOUSEKEEPING.contains(f)).toList();
    if (s.isStatic()) {
      if (app.isEmpty()) {
        s.stage = "NO_APP_FILE";
      } else {
        s.stage = "RUNNING";
        s.sha = headSha;
        s.builds++;
      }
      return;
    }
    if (app.isEmpty()) {
      s.stage = "NO_APP_FILE";
      return;
    }
    boolean docker = "docker".equals(s.sdk);
    String appFile = front.getOrDefault("app_file", "app.py");
    if (!docker && !files.contains(appFile)) {
      s.stage = "NO_APP_FILE";
      return;
    }
    String failure = s.failBuild;
    s.failBuild = null;
    if (failure == null && docker && !files.contains("Dockerfile")) {
      failure = "Build failed: no Dockerfile at the root of the repository (sdk: docker). Add a Dockerfile or change the"
          + " sdk in README.md.";
    }
    s.builds++;
    s.stage = serving ? "RUNNING_BUILDING" : "BUILDING";
    s.docker = docker;
    s.appPort = SpaceLogScript.appPort(front);
    s.listenPort = plan.listenPort();
    s.buildLog.clear();
    s.buildLogEpoch++;
    List<String> steps = s.nextBuildScript != null ? s.nextBuildScript : plan.buildSteps(docker, files);
    s.nextBuildScript = null;
    steps.forEach(line -> log(s.buildLog, line));
    lock.notifyAll();
    String buildFailure = failure;
    // Chained stages are timed from the previous stage's deadline, so one large advance() runs them all.
    Instant builtAt = clock().instant().plus(buildDuration);
    Instant startedAt = builtAt.plus(startDuration);
    s.timer = clock().schedule(buildDuration, () -> {
      synchronized (lock) {
        if (s.generation != gen) return;
        if (buildFailure != null) {
          log(s.buildLog, "--> ERROR: " + buildFailure);
          s.stage = "BUILD_ERROR";
          s.errorMessage = buildFailure;
          lock.notifyAll();
          return;
        }
        log(s.buildLog, "--> Pushing image");
        log(s.buildLog, "DONE");
        s.stage = serving ? "RUNNING_APP_STARTING" : "APP_STARTING";
        log(s.runLog, SpaceLogScript.banner(clock().instant()));
        lock.notifyAll();
        s.timer = clock().schedule(until(startedAt), () -> started(s, gen, headSha, startedAt));
      }
    });
  }

  private void wake(SpaceSim s) {
    s.cancelTimers();
    long gen = s.generation;
    s.stage = "APP_STARTING";
    log(s.runLog, SpaceLogScript.banner(clock().instant()));
    lock.notifyAll();
    String sha = s.sha;
    Instant awakeAt = clock().instant().plus(wakeDuration);
    s.timer = clock().schedule(wakeDuration, () -> started(s, gen, sha, awakeAt));
  }

  private Duration until(Instant at) {
    Duration d = Duration.between(clock().instant(), at);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private void started(SpaceSim s, long gen, String sha, Instant at) {
    synchronized (lock) {
      if (s.generation != gen) return;
      lock.notifyAll();
      if (s.nextStartScript != null) {
        s.nextStartScript.forEach(line -> log(s.runLog, line));
        s.nextStartScript = null;
      }
      if (s.failStart != null) {
        for (String line : s.failStart.split("\n")) log(s.runLog, line);
        s.stage = "RUNTIME_ERROR";
        s.errorMessage = s.failStart;
        s.failStart = null;
        return;
      }
      if (s.docker && s.listenPort != null && s.listenPort != s.appPort) {
        log(s.runLog, SpaceLogScript.startLine(true, s.listenPort));
        String nothing = "Nothing answered on port " + s.appPort + " (the Space's app_port) before the startup timeout:"
            + " the app must listen on 0.0.0.0:" + s.appPort + ", or app_port must name the port it listens on.";
        log(s.runLog, nothing);
        s.stage = "RUNTIME_ERROR";
        s.errorMessage = "Launch timed out, nothing answered on port " + s.appPort;
        return;
      }
      log(s.runLog, SpaceLogScript.startLine(s.docker, s.docker && s.listenPort != null ? s.listenPort : s.appPort));
      s.stage = "RUNNING";
      s.currentHardware = s.requestedHardware;
      s.sha = sha;
      s.lastActivity = at;
      scheduleSleep(s);
    }
  }

  /** (Re)arms the sleep timer of a running Space. Call under the lock. */
  void scheduleSleep(SpaceSim s) {
    if (s.sleepTimer != null) s.sleepTimer.cancel();
    s.sleepTimer = null;
    if (!s.stage.equals("RUNNING") || s.gcTimeout == null || s.gcTimeout < 0) return;
    long gen = s.generation;
    Instant due = s.lastActivity.plusSeconds(s.gcTimeout);
    s.sleepTimer = clock().schedule(until(due), () -> {
      synchronized (lock) {
        if (s.generation != gen || !s.stage.equals("RUNNING") || s.gcTimeout == null || s.gcTimeout < 0) return;
        if (!clock().instant().isBefore(s.lastActivity.plusSeconds(s.gcTimeout))) {
          s.stage = "SLEEPING";
          s.sleepTimer = null;
        } else {
          scheduleSleep(s);
        }
      }
    });
  }

  void pause(SpaceSim s) {
    lock.notifyAll();
    s.cancelTimers();
    s.stage = "PAUSED";
    s.errorMessage = null;
  }

  EmulatorClock clock() {
    return context.clock();
  }

  Instant now() {
    return context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  EmulatorContext context() {
    return context;
  }

  // ------------------------------------------------------------------------------------------------ JSON

  /** The runtime object, with the keys the Hub sends (a static Space has no gcTimeout, devMode, domains). */
  Map<String, Object> runtimeJson(SpaceSim s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", s.stage);
    Map<String, Object> hw = new LinkedHashMap<>();
    hw.put("current", s.isStatic() ? null : s.currentHardware);
    hw.put("requested", s.isStatic() ? null : s.requestedHardware);
    m.put("hardware", hw);
    m.put("storage", s.storage);
    if (!s.isStatic()) m.put("gcTimeout", s.gcTimeout);
    Map<String, Object> replicas = new LinkedHashMap<>();
    replicas.put("requested", 1);
    if (s.isServing()) replicas.put("current", 1);
    m.put("replicas", replicas);
    if (!s.isStatic()) {
      m.put("devMode", s.devMode);
      Map<String, Object> domain = new LinkedHashMap<>();
      domain.put("domain", context.spaceApps().subdomain(s.id) + ".hf.space");
      domain.put("stage", "READY");
      m.put("domains", List.of(domain));
    }
    if (s.errorMessage != null) m.put("errorMessage", s.errorMessage);
    return m;
  }

  Map<String, Object> variablesJson(SpaceSim s) {
    Map<String, Object> out = new LinkedHashMap<>();
    s.variables.forEach((k, v) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("value", v.value());
      if (v.description() != null) e.put("description", v.description());
      e.put("updatedAt", MILLIS.format(v.updatedAt()));
      out.put(k, e);
    });
    return out;
  }

  Map<String, Object> secretsJson(SpaceSim s) {
    Map<String, Object> out = new LinkedHashMap<>();
    s.secrets.forEach((k, v) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      if (v.description() != null) e.put("description", v.description());
      e.put("updatedAt", MILLIS.format(v.updatedAt()));
      out.put(k, e);
    });
    return Collections.unmodifiableMap(out);
  }
}
