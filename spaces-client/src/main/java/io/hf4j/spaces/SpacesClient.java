package io.hf4j.spaces;

import io.hf4j.core.ConflictException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfInterruptedException;
import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.SpaceHardware;
import io.hf4j.core.internal.HfHttp;
import io.hf4j.core.internal.Waiter;
import io.hf4j.core.WaitParams;
import io.hf4j.spaces.internal.JsonValues;
import io.hf4j.spaces.internal.Wire;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manages Spaces on the Hub: runtime and stage, hardware, sleep time, pause and restart, secrets and
 * variables, duplication, and waiting for a Space to come up. Thread-safe; create one per {@link HfConfig}
 * and share it. Names mirror the Python client's {@code HfApi} methods.
 *
 * <pre>{@code
 * SpacesClient spaces = SpacesClient.create(HfConfig.fromEnv());
 * RepoId id = RepoId.space("acme/classifier");
 * spaces.addSpaceSecret(id, "OPENAI_API_KEY", apiKey, "used by /classify");
 * spaces.requestSpaceHardware(id, SpaceHardware.T4_SMALL);
 * SpaceRuntime runtime = spaces.waitForSpace(id, Duration.ofMinutes(30)); // throws SpaceFailedException on BUILD_ERROR
 * }</pre>
 *
 * <p>Every call blocks until the Hub answers. Calls that only set state (secrets, variables, hardware, sleep
 * time, pause) are retried on 5xx/429 per {@link HfConfig}; restart and duplicate are sent once. Errors are
 * hf4j's typed exceptions: {@code RepositoryNotFoundException} for a missing or invisible Space, {@code
 * PermissionDeniedException} for a token that may not manage it, {@code BadRequestException} for an operation
 * the Space does not support (for example pausing a static Space).
 */
public final class SpacesClient {
  /** {@link #setSpaceSleepTime} value meaning "never sleep". */
  public static final int NEVER_SLEEP = -1;
  /** Default interval between two runtime polls of {@link #waitForSpace(RepoId, WaitParams, SpaceWaitOptions)}. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(SpacesClient.class);
  private static final Duration RUNNING_LOG_QUIET = Duration.ofSeconds(1);
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private final HfConfig config;
  private final HfHttp http;
  private final SpacesService service;
  private final Map<RepoId, Set<String>> secretsSetHere = new ConcurrentHashMap<>();
  private volatile @Nullable String whoami;

  private SpacesClient(HfConfig config) {
    this.config = config;
    this.http = HfHttp.of(config);
    this.service = http.service(SpacesService.class);
  }

  /**
   * A client on {@code config}'s endpoint, token and shared connections.
   *
   * @param config the configuration (endpoint, token, HTTP client, retries) the client uses
   * @return a new client
   */
  public static SpacesClient create(HfConfig config) {
    return new SpacesClient(Objects.requireNonNull(config, "config == null"));
  }

  /**
   * This client's waits as {@link java.util.concurrent.CompletableFuture}s on the configuration's executor; see
   * {@link AsyncSpacesClient}. A client holds nothing to close: {@link HfConfig#close()} releases the threads and connections.
   *
   * @return the asynchronous view of this client
   */
  public AsyncSpacesClient async() {
    return new AsyncSpacesClient(this);
  }

  /**
   * The configuration this client uses.
   *
   * @return the configuration this client was created with
   */
  public HfConfig config() {
    return config;
  }

  // ---------------------------------------------------------------------------------------------- runtime

  /**
   * The runtime of a Space: stage, hardware, sleep time, storage, error message. Python: {@code
   * get_space_runtime}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @return the Space's runtime: stage, hardware, sleep time, errors
   * @throws io.hf4j.core.RepositoryNotFoundException if the Space does not exist or is not visible to the token
   */
  public SpaceRuntime getSpaceRuntime(RepoId spaceId) {
    return runtime(service.runtime(id(spaceId)));
  }

  /**
   * The hardware flavors Spaces can run on, with prices. Python: {@code list_spaces_hardware}.
   *
   * @return the flavors, in the server's order
   */
  public List<SpaceHardwareInfo> listSpacesHardware() {
    List<SpaceHardwareInfo> out = new ArrayList<>();
    for (Map<String, Object> m : service.hardware()) {
      Wire.HardwareInfo w = Wire.decode(m, Wire.HardwareInfo.class, "hardware flavor");
      if (w.name() == null) throw new HfException("Unexpected JSON from the Spaces API: a hardware flavor has no 'name'");
      out.add(new SpaceHardwareInfo(SpaceHardware.of(w.name()), w.prettyName(), w.cpu(), w.ram(), w.ephemeralStorage(),
          w.accelerator(), w.unitCostMicroUSD(), w.unitCostUSD(), w.unitLabel(), m));
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------------------------------------- secrets

  /**
   * Adds or updates a secret. Secrets are private: injected as environment variables (and BuildKit secrets
   * in Docker builds), never readable back and never copied when the Space is duplicated. Changing one
   * restarts the Space. Python: {@code add_space_secret}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param key the secret's name
   * @param value its value
   */
  public void addSpaceSecret(RepoId spaceId, String key, String value) {
    addSpaceSecret(spaceId, key, value, null);
  }

  /**
   * Adds or updates a secret with a description. Python: {@code add_space_secret(..., description=)}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param key the secret's name
   * @param value its value
   * @param description a description shown on the Hub, or null
   */
  public void addSpaceSecret(RepoId spaceId, String key, String value, @Nullable String description) {
    checkKey(key);
    Objects.requireNonNull(value, "value == null");
    service.addSecret(id(spaceId), new Wire.KeyValue(key, value, description));
    secretsSetHere.computeIfAbsent(spaceId, k -> ConcurrentHashMap.newKeySet()).add(key);
  }

  /**
   * Deletes a secret; deleting a secret that does not exist is not an error. Python: {@code delete_space_secret}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param key the secret's name
   */
  public void deleteSpaceSecret(RepoId spaceId, String key) {
    checkKey(key);
    service.deleteSecret(id(spaceId), new Wire.Key(key));
    Set<String> set = secretsSetHere.get(spaceId);
    if (set != null) set.remove(key);
  }

  /**
   * The names of the Space's secrets, with descriptions and update times; values are never returned. Uses
   * {@code GET /api/spaces/{id}/secrets}, which the Hub added in 2026; an older server answers 404.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @return the secrets by name (values are never returned)
   */
  public Map<String, SpaceSecret> getSpaceSecrets(RepoId spaceId) {
    Map<String, Map<String, Object>> wire = service.secrets(id(spaceId));
    Map<String, SpaceSecret> out = new LinkedHashMap<>();
    wire.forEach((k, m) -> {
      Wire.Secret v = m == null ? null : Wire.decode(m, Wire.Secret.class, "secret " + k);
      out.put(k, new SpaceSecret(k, v == null ? null : v.description(), v == null ? null : v.updatedAt(), m == null ? Map.of() : m));
    });
    return Collections.unmodifiableMap(out);
  }

  /**
   * Adds or updates several secrets, in the map's order (one call each).
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param secrets the secrets, name to value
   */
  public void addSpaceSecrets(RepoId spaceId, Map<String, String> secrets) {
    Objects.requireNonNull(secrets, "secrets == null");
    secrets.keySet().forEach(SpacesClient::checkKey);
    secrets.forEach((k, v) -> addSpaceSecret(spaceId, k, v));
  }

  /**
   * Adds or updates every entry of a {@code .env} file as a secret (see {@link EnvFile} for the syntax).
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param envFile the {@code .env} file to read
   * @return the keys set, in file order
   */
  public List<String> addSpaceSecretsFromEnvFile(RepoId spaceId, Path envFile) {
    Map<String, String> entries = EnvFile.read(envFile);
    addSpaceSecrets(spaceId, entries);
    return List.copyOf(entries.keySet());
  }

  /**
   * Names of the secrets this client set on the Space (and did not delete) since it was created.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @return the names of the secrets this client set on the Space
   */
  public Set<String> secretsSetByThisClient(RepoId spaceId) {
    Set<String> set = secretsSetHere.get(spaceId);
    return set == null ? Set.of() : Set.copyOf(set);
  }

  // -------------------------------------------------------------------------------------------- variables

  /**
   * The Space's variables, in the Hub's order. Python: {@code get_space_variables}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @return the variables by name
   */
  public Map<String, SpaceVariable> getSpaceVariables(RepoId spaceId) {
    return variables(service.variables(id(spaceId)));
  }

  /**
   * Adds or updates a public variable. Variables are visible to anyone who can see the Space, copied on
   * duplication, passed to Docker builds as build arguments and to the app as environment variables.
   * Python: {@code add_space_variable}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param key the variable's name
   * @param value its value
   * @return all the Space's variables after the change
   */
  public Map<String, SpaceVariable> addSpaceVariable(RepoId spaceId, String key, String value) {
    return addSpaceVariable(spaceId, key, value, null);
  }

  /**
   * Adds or updates a variable with a description; returns all variables after the change.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param key the variable's name
   * @param value its value
   * @param description a description shown on the Hub, or null
   * @return the Space's variables after the change
   */
  public Map<String, SpaceVariable> addSpaceVariable(RepoId spaceId, String key, String value, @Nullable String description) {
    checkKey(key);
    Objects.requireNonNull(value, "value == null");
    return variables(service.addVariable(id(spaceId), new Wire.KeyValue(key, value, description)));
  }

  /**
   * Deletes a variable; deleting one that does not exist is not an error. Python: {@code delete_space_variable}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param key the variable's name
   * @return all the Space's variables after the change
   */
  public Map<String, SpaceVariable> deleteSpaceVariable(RepoId spaceId, String key) {
    checkKey(key);
    return variables(service.deleteVariable(id(spaceId), new Wire.Key(key)));
  }

  /**
   * Adds or updates several variables (one call each); returns all variables after the last change.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param variables the variables, name to value
   * @return the Space's variables after the change
   */
  public Map<String, SpaceVariable> addSpaceVariables(RepoId spaceId, Map<String, String> variables) {
    Objects.requireNonNull(variables, "variables == null");
    variables.keySet().forEach(SpacesClient::checkKey);
    Map<String, SpaceVariable> last = null;
    for (Map.Entry<String, String> e : variables.entrySet()) last = addSpaceVariable(spaceId, e.getKey(), e.getValue());
    return last != null ? last : getSpaceVariables(spaceId);
  }

  /**
   * Adds or updates every entry of a {@code .env} file as a variable (see {@link EnvFile}); a value with commas
   * stays one value.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param envFile the {@code .env} file to read
   * @return all the Space's variables after the change
   */
  public Map<String, SpaceVariable> addSpaceVariablesFromEnvFile(RepoId spaceId, Path envFile) {
    return addSpaceVariables(spaceId, EnvFile.read(envFile));
  }

  // ------------------------------------------------------------------------------------ hardware & state

  /**
   * Requests other hardware; the Space restarts on it. The answer already shows the request in {@link
   * SpaceRuntime#requestedHardware()}. Python: {@code request_space_hardware}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param hardware the flavor to run on
   * @return the Space's runtime after the request
   */
  public SpaceRuntime requestSpaceHardware(RepoId spaceId, SpaceHardware hardware) {
    return requestSpaceHardware(spaceId, hardware, null);
  }

  /**
   * Requests other hardware and a sleep time in seconds ({@link #NEVER_SLEEP} for never; only upgraded
   * hardware accepts a sleep time: cpu-basic always sleeps after 48 h).
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param hardware the flavor to run on
   * @param sleepTimeSeconds seconds of inactivity before the Space sleeps, or null to keep the current setting
   * @return the Space's runtime after the request
   */
  public SpaceRuntime requestSpaceHardware(RepoId spaceId, SpaceHardware hardware, @Nullable Integer sleepTimeSeconds) {
    Objects.requireNonNull(hardware, "hardware == null");
    if (sleepTimeSeconds != null) {
      checkSleepTime(sleepTimeSeconds);
      if (SpaceHardware.CPU_BASIC.equals(hardware)) {
        LOG.warn("Sleep time is fixed at 48 hours on cpu-basic; the requested sleep time for Space {} will be ignored"
            + " unless the Space is upgraded.", spaceId);
      }
    }
    return runtime(service.requestHardware(id(spaceId), new Wire.Hardware(hardware, sleepTimeSeconds)));
  }

  /**
   * Sets how many seconds without traffic a Space stays up before it sleeps; {@link #NEVER_SLEEP} (-1) for
   * never. Only upgraded hardware accepts it. Python: {@code set_space_sleep_time}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param sleepTimeSeconds seconds of inactivity before the Space sleeps
   * @return the Space's runtime after the change
   */
  public SpaceRuntime setSpaceSleepTime(RepoId spaceId, int sleepTimeSeconds) {
    checkSleepTime(sleepTimeSeconds);
    SpaceRuntime runtime = runtime(service.sleepTime(id(spaceId), new Wire.SleepTime(sleepTimeSeconds)));
    SpaceHardware hw = runtime.requestedHardware() != null ? runtime.requestedHardware() : runtime.hardware();
    if (SpaceHardware.CPU_BASIC.equals(hw)) {
      LOG.warn("Space {} runs on cpu-basic, whose sleep time is fixed at 48 hours; upgrade the hardware for a custom"
          + " sleep time.", spaceId);
    }
    return runtime;
  }

  /**
   * Pauses a Space: it stops and is not billed until restarted, which only its owner can do. Python: {@code
   * pause_space}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @return the Space's runtime after pausing
   * @throws io.hf4j.core.BadRequestException for a static Space, which cannot be paused
   */
  public SpaceRuntime pauseSpace(RepoId spaceId) {
    return runtime(service.pause(id(spaceId)));
  }

  /**
   * Restarts a Space (also a paused one). Python: {@code restart_space}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @return the Space's runtime after the restart request
   */
  public SpaceRuntime restartSpace(RepoId spaceId) {
    return restartSpace(spaceId, false);
  }

  /**
   * Restarts a Space; with {@code factoryReboot} it is rebuilt from scratch without the build cache. Python:
   * {@code restart_space(factory_reboot=)}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param factoryReboot {@code true} to rebuild from scratch, without the build cache
   * @return the Space's runtime after the restart request
   */
  public SpaceRuntime restartSpace(RepoId spaceId, boolean factoryReboot) {
    return runtime(service.restart(id(spaceId), factoryReboot ? Boolean.TRUE : null));
  }

  // --------------------------------------------------------------------------------------------- duplicate

  /**
   * Duplicates a Space with every default: same name in the caller's namespace. Python: {@code
   * duplicate_space}.
   *
   * @param fromId the Space to copy
   * @return the new Space's URL
   */
  public SpaceUrl duplicateSpace(RepoId fromId) {
    return duplicateSpace(fromId, DuplicateSpaceParams.defaults());
  }

  /**
   * Duplicates a Space. Variables are copied by the Hub; secrets are not, pass them in {@code params}. Sent
   * once (never retried, as a retry would meet its own copy).
   *
   * @param fromId the Space to copy
   * @param params the target id, visibility, hardware, storage, secrets and variables
   * @return the new Space's URL
   * @throws ConflictException if the target exists and {@link DuplicateSpaceParams#existOk()} is false
   */
  public SpaceUrl duplicateSpace(RepoId fromId, DuplicateSpaceParams params) {
    Objects.requireNonNull(params, "params == null");
    String from = id(fromId);
    RepoId target = params.toId();
    if (target == null) target = RepoId.space(whoami() + "/" + fromId.name());
    else if (target.namespace() == null) target = target.withDefaultNamespace(whoami());
    id(target);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("repository", target.toString());
    Boolean privateRepo = params.privateRepo();
    if (privateRepo != null) body.put("visibility", privateRepo ? "private" : "public");
    SpaceHardware hardware = params.hardware();
    if (hardware != null) body.put("hardware", hardware.value());
    Integer sleepTime = params.sleepTimeSeconds();
    if (sleepTime != null) body.put("sleepTimeSeconds", sleepTime);
    if (!params.secrets().isEmpty()) body.put("secrets", entries(params.secrets()));
    if (!params.variables().isEmpty()) body.put("variables", entries(params.variables()));
    String url;
    try {
      Map<String, Object> answer = service.duplicate(from, body);
      url = answer != null && answer.get("url") instanceof String u ? u : defaultUrl(target);
    } catch (ConflictException e) {
      if (!params.existOk()) throw e;
      url = defaultUrl(target);
    }
    if (!params.secrets().isEmpty()) {
      Set<String> set = secretsSetHere.computeIfAbsent(target, k -> ConcurrentHashMap.newKeySet());
      params.secrets().forEach(s -> set.add(s.key()));
    }
    return new SpaceUrl(url, target);
  }

  private String defaultUrl(RepoId target) {
    return http.url("spaces/" + target).toString();
  }

  private static List<Map<String, Object>> entries(List<DuplicateSpaceParams.Entry> entries) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DuplicateSpaceParams.Entry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", e.key());
      m.put("value", e.value());
      if (e.description() != null) m.put("description", e.description());
      out.add(m);
    }
    return out;
  }

  private String whoami() {
    String name = whoami;
    if (name == null) {
      Map<String, Object> me = service.whoami();
      Object n = me == null ? null : me.get("name");
      if (!(n instanceof String s) || s.isBlank()) throw new HfException("whoami-v2 returned no 'name'");
      name = s;
      whoami = name;
    }
    return name;
  }

  // ------------------------------------------------------------------------------------------------- wait

  /**
   * Waits, without a deadline, until the Space runs; see {@link #waitForSpace(RepoId, WaitParams, SpaceWaitOptions)}.
   *
   * @param spaceId the Space
   * @return the {@code RUNNING} runtime
   */
  public SpaceRuntime waitForSpace(RepoId spaceId) {
    return waitForSpace(spaceId, WaitParams.defaults(), SpaceWaitOptions.defaults());
  }

  /**
   * Waits until the Space runs or {@code timeout} passes; see {@link #waitForSpace(RepoId, WaitParams,
   * SpaceWaitOptions)}.
   *
   * @param spaceId the Space
   * @param timeout the longest to wait
   * @return the {@code RUNNING} runtime
   */
  public SpaceRuntime waitForSpace(RepoId spaceId, Duration timeout) {
    return waitForSpace(spaceId, WaitParams.timeout(timeout), SpaceWaitOptions.defaults());
  }

  /**
   * Waits as {@code params} say until the Space runs; see {@link #waitForSpace(RepoId, WaitParams,
   * SpaceWaitOptions)}.
   *
   * @param spaceId the Space
   * @param params deadline, polling, tolerance, cancellation, listener
   * @return the {@code RUNNING} runtime
   */
  public SpaceRuntime waitForSpace(RepoId spaceId, WaitParams params) {
    return waitForSpace(spaceId, params, SpaceWaitOptions.defaults());
  }

  /**
   * Polls the runtime until the Space runs: every {@link #DEFAULT_POLL_INTERVAL} unless the params say otherwise
   * (mind the Hub's rate limit, for a free account 1,000 API calls per 5 minutes), riding out 5xx, 429 and network
   * failures up to {@link WaitParams#maxRetries()} in a row, telling the params' listener of each stage change,
   * and handing the build log and then the run log to the options' log listener meanwhile (read on a background
   * thread with the shared log follower; the lines it had not delivered when the wait ended are read and handed
   * over before this returns). An unknown stage is logged once and polled past. On {@code BUILD_ERROR}, {@code
   * CONFIG_ERROR} or {@code RUNTIME_ERROR} the exception carries the last {@link
   * SpaceWaitOptions#failureLogLines()} lines of the relevant log and a {@link SpaceDiagnosis} when the logs show a
   * common mistake (wrong port, missing variable, failing build step). Python: {@code wait_for_space} (which
   * returns on any settled stage; this one throws unless the Space runs).
   *
   * @param spaceId the Space
   * @param params deadline, polling, tolerance, cancellation, listener
   * @param options what to do with the logs meanwhile
   * @return the {@code RUNNING} runtime
   * @throws SpaceFailedException on {@code BUILD_ERROR}, {@code RUNTIME_ERROR}, {@code CONFIG_ERROR} or {@code
   *     NO_APP_FILE}, with the server's message, log lines and diagnosis
   * @throws SpaceStoppedException on {@code PAUSED}, {@code STOPPED}, {@code SLEEPING} or {@code DELETING}
   * @throws SpaceTimeoutException when the params' timeout passes first, with the last stage seen
   * @throws io.hf4j.core.CancelledException if the params' token is cancelled or the thread interrupted (its
   *     interrupt flag set again)
   */
  public SpaceRuntime waitForSpace(RepoId spaceId, WaitParams params, SpaceWaitOptions options) {
    Objects.requireNonNull(spaceId, "spaceId == null");
    Objects.requireNonNull(params, "params == null");
    Objects.requireNonNull(options, "options == null");
    id(spaceId);
    Duration interval = params.pollInterval() != null ? params.pollInterval() : DEFAULT_POLL_INTERVAL;
    Waiter waiter = new Waiter("Space " + spaceId, params, interval, interval, config.clock(), config.sleeper());
    SpaceLogListener logListener = options.logListener();
    SpaceLogs.Watcher watcher = logListener == null ? null : new SpaceLogs.Watcher(this, spaceId, logListener, interval).start();
    try {
      SpaceRuntime runtime = waiter.await(new Waiter.Probe<SpaceRuntime>() {
        @Override
        public SpaceRuntime poll() {
          return getSpaceRuntime(spaceId);
        }

        @Override
        public String stage(SpaceRuntime status) {
          return status.stage().value();
        }

        @Override
        public Waiter.Verdict judge(SpaceRuntime status) {
          switch (status.stage().kind()) {
            case RUNNING:
              return Waiter.Verdict.DONE;
            case FAILED:
              throw failure(spaceId, status, options, watcher);
            case STOPPED:
              throw new SpaceStoppedException(spaceId, status);
            case UNKNOWN:
              return Waiter.Verdict.UNKNOWN;
            default:
              return Waiter.Verdict.WAITING;
          }
        }

        @Override
        public RuntimeException timedOut(@Nullable SpaceRuntime last, @Nullable HfException lastError, Duration timeout) {
          String state = last == null ? "its runtime could not be read" : "last stage " + last.stage()
              + (last.errorMessage() != null ? " (" + last.errorMessage() + ")" : "");
          String cause = lastError == null ? "" : "; last error: " + lastError.getMessage();
          return new SpaceTimeoutException("Space " + spaceId + " was not running after " + timeout + ": " + state + cause,
              timeout, spaceId, last, 0);
        }
      });
      if (watcher != null) {
        watcher.stop();
        // The run log of a running app stays open: a short silence ends its last read.
        Duration quiet = options.logReadTimeout().compareTo(RUNNING_LOG_QUIET) < 0 ? options.logReadTimeout() : RUNNING_LOG_QUIET;
        SpaceLogs.collect(this, spaceId, watcher, options.failureLogLines(), List.of(SpaceLogKind.BUILD, SpaceLogKind.RUN), quiet);
      }
      return runtime;
    } finally {
      if (watcher != null) watcher.stop();
    }
  }

  private SpaceFailedException failure(RepoId spaceId, SpaceRuntime runtime, SpaceWaitOptions options,
      SpaceLogs.@Nullable Watcher watcher) {
    SpaceStage stage = runtime.stage();
    if (watcher != null) watcher.stop();
    if (stage.equals(SpaceStage.NO_APP_FILE) || (options.failureLogLines() == 0 && watcher == null)) {
      return new SpaceFailedException(spaceId, runtime);
    }
    Map<SpaceLogKind, List<SpaceLogLine>> logs = SpaceLogs.collect(this, spaceId, watcher, options.failureLogLines(),
        List.of(SpaceLogKind.BUILD, SpaceLogKind.RUN), options.logReadTimeout());
    List<SpaceLogLine> build = logs.getOrDefault(SpaceLogKind.BUILD, List.of());
    List<SpaceLogLine> run = logs.getOrDefault(SpaceLogKind.RUN, List.of());
    SpaceDiagnosis diagnosis = SpaceDiagnosis.diagnose(stage, build, run, options.appPort());
    SpaceLogKind kind = stage.equals(SpaceStage.RUNTIME_ERROR) ? SpaceLogKind.RUN : SpaceLogKind.BUILD;
    if (logs.getOrDefault(kind, List.of()).isEmpty()) {
      SpaceLogKind other = kind == SpaceLogKind.RUN ? SpaceLogKind.BUILD : SpaceLogKind.RUN;
      if (!logs.getOrDefault(other, List.of()).isEmpty()) kind = other;
    }
    List<SpaceLogLine> lines = options.failureLogLines() == 0 ? List.of() : logs.getOrDefault(kind, List.of());
    return new SpaceFailedException(spaceId, runtime, lines.isEmpty() ? null : kind, lines, diagnosis);
  }

  // ------------------------------------------------------------------------------------------------- logs

  /**
   * A Space's build or run log as a lazy stream of lines, read over server-sent events on a background
   * thread. A snapshot (the default, as in Python) ends when the history was read; following ends when the
   * Space is past that log (build over; app stopped or failed) or at the params' deadline, and a run log of a
   * running Space is followed until the stream is closed. Broken connections are reopened and the replayed
   * history skipped, so no line is lost or repeated; events that are not log lines are skipped and counted.
   * A Space with no logs yet gives an empty stream. Python: {@code HfApi.fetch_space_logs}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param params follow or snapshot, build or run log, tail, timeouts and cancellation token
   * @return the log lines as a lazy stream; close it when done
   * @throws io.hf4j.core.RepositoryNotFoundException (when read) if the Space does not exist or is not visible
   */
  public java.util.stream.Stream<SpaceLogLine> fetchSpaceLogs(RepoId spaceId, SpaceLogsParams params) {
    Objects.requireNonNull(params, "params == null");
    SpaceLogs logs = new SpaceLogs(this, spaceId);
    return io.hf4j.core.internal.StreamBridge.stream("hf4j-space-logs-" + spaceId.name(),
        sink -> logs.read(params, sink), logs::cancel);
  }

  /**
   * Reads a Space's log on the calling thread (see {@link #fetchSpaceLogs(RepoId, SpaceLogsParams)}), handing
   * each line to {@code consumer}. An exception thrown by the consumer stops the read and is rethrown.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @param params follow or snapshot, build or run log, tail, timeouts and cancellation token
   * @param consumer receives each line, in order, on the calling thread
   * @return how many lines were read, events skipped as garbage, and reconnections
   */
  public SpaceLogsSummary fetchSpaceLogs(RepoId spaceId, SpaceLogsParams params, java.util.function.Consumer<SpaceLogLine> consumer) {
    Objects.requireNonNull(params, "params == null");
    Objects.requireNonNull(consumer, "consumer == null");
    return new SpaceLogs(this, spaceId).read(params, consumer);
  }

  // --------------------------------------------------------------------------------------------- dev mode

  /**
   * Turns dev mode on: the app can be restarted without rebuilding the container (a PRO / Team feature).
   * Python: {@code enable_space_dev_mode}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @return the Space's runtime after the change
   * @throws io.hf4j.core.BadRequestException for a static Space
   */
  public SpaceRuntime enableSpaceDevMode(RepoId spaceId) {
    return runtime(service.devMode(id(spaceId), Map.of("enabled", true)));
  }

  /**
   * Turns dev mode off. Python: {@code disable_space_dev_mode}.
   *
   * @param spaceId the Space, e.g. {@code RepoId.space("acme/demo")}
   * @return the Space's runtime after the change
   */
  public SpaceRuntime disableSpaceDevMode(RepoId spaceId) {
    return runtime(service.devMode(id(spaceId), Map.of("enabled", false)));
  }

  void sleep(Duration d, String what) {
    try {
      config.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HfInterruptedException("Interrupted while " + what, e);
    }
  }

  // -------------------------------------------------------------------------------------------- helpers

  HfHttp http() {
    return http;
  }

  static String id(RepoId spaceId) {
    Objects.requireNonNull(spaceId, "spaceId == null");
    if (!spaceId.type().equals(RepoType.SPACE)) {
      throw new HfValidationException("'" + spaceId.toPrefixedString() + "' is a " + spaceId.type()
          + " repo id; use RepoId.space(\"" + spaceId + "\") for a Space");
    }
    if (spaceId.namespace() == null) {
      throw new HfValidationException("A Space id needs a namespace ('owner/name') but was '" + spaceId + "'");
    }
    return spaceId.toString();
  }

  static void checkKey(String key) {
    Objects.requireNonNull(key, "key == null");
    if (!KEY.matcher(key).matches()) {
      throw new HfValidationException("Invalid secret or variable key '" + key
          + "': use letters, digits and '_' (not starting with a digit)");
    }
  }

  static void checkSleepTime(int seconds) {
    if (seconds < -1) throw new HfValidationException("sleep time must be -1 (never) or >= 0 seconds but was " + seconds);
  }

  private static SpaceRuntime runtime(ResponseBody body) {
    try (body) {
      return SpaceRuntime.fromJson(body.string());
    } catch (IOException e) {
      throw new HfException("Cannot read the Space runtime: " + e.getMessage(), e);
    }
  }

  private static Map<String, SpaceVariable> variables(@Nullable Map<String, Map<String, Object>> wire) {
    Map<String, SpaceVariable> out = new LinkedHashMap<>();
    if (wire != null) {
      wire.forEach((k, m) -> {
        Wire.Variable v = m == null ? null : Wire.decode(m, Wire.Variable.class, "variable " + k);
        out.put(k, new SpaceVariable(k, v == null || v.value() == null ? "" : v.value(), v == null ? null : v.description(),
            v == null ? null : v.updatedAt(), m == null ? Map.of() : m));
      });
    }
    return Collections.unmodifiableMap(out);
  }

  static String jsonOf(Object value) {
    return JsonValues.write(value);
  }
}
