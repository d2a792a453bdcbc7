package io.hf4j.examples.deployspace;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.SpaceSdk;
import io.hf4j.examples.ExampleEnv;
import io.hf4j.examples.freeflow.Trainer;
import io.hf4j.hub.CommitInfo;
import io.hf4j.hub.CreateRepoParams;
import io.hf4j.hub.UploadFolderParams;
import io.hf4j.spaces.EnvFile;
import io.hf4j.spaces.PreflightIssue;
import io.hf4j.spaces.PreflightReport;
import io.hf4j.spaces.SpaceDiagnosis;
import io.hf4j.spaces.SpaceFailedException;
import io.hf4j.spaces.SpaceHttpClient;
import io.hf4j.spaces.SpacePreflight;
import io.hf4j.spaces.SpaceResponse;
import io.hf4j.spaces.SpaceRuntime;
import io.hf4j.spaces.SpaceLogEvent;
import io.hf4j.spaces.SpaceWaitOptions;
import io.hf4j.core.WaitParams;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.spaces.SpacesEmulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Deploys a Docker backend to a Space: a sample app folder (Dockerfile serving on 7860, README front
 * matter, and a local {@code .env} that must not be pushed); a preflight report; the Space created;
 * its secrets ({@code DATABASE_URL}, {@code JWT_SECRET_KEY}, {@code CORS_ORIGINS} as one
 * comma-separated string) and variables set; the folder uploaded without what preflight excludes; a
 * wait until the Space runs (or the build error reported); and a call to its {@code /health} through
 * {@link SpaceHttpClient}.
 *
 * <p>On the emulator the Space's host is bound to {@link HealthApp}, which answers as the sample app would,
 * from the secrets the emulated Space holds.
 */
public final class DeploySpace {
  /** The Space's name (in the user's namespace). */
  public static final String SPACE_NAME = "hf4j-backend-demo";
  /** The Space of the broken run ({@link #runBroken}): the same app, listening on the wrong port. */
  public static final String BROKEN_SPACE_NAME = "hf4j-backend-demo-broken";
  /** The secrets the app needs; their values come from the local {@code .env}. */
  public static final List<String> SECRETS = List.of("DATABASE_URL", "JWT_SECRET_KEY", "CORS_ORIGINS");
  /** Public settings of the app. */
  public static final Map<String, String> VARIABLES = Map.of("APP_ENV", "production", "LOG_LEVEL", "info");

  /**
   * What the flow did. {@code runtime} is the RUNNING runtime, or null when the Space failed, in which
   * case {@code failure} says why and {@code health} is null.
   */
  public record Result(
      RepoId spaceId, PreflightReport preflight, CommitInfo commit, List<String> uploadedPaths,
      @Nullable SpaceRuntime runtime, @Nullable String failure, @Nullable String health) {
    public boolean running() {
      return runtime != null;
    }
  }

  private DeploySpace() {}

  /** Runs this flow alone: on the Hub when HF_TOKEN is set, else on the embedded emulator. */
  public static void main(String[] args) {
    try (ExampleEnv env = ExampleEnv.start(System.out)) {
      run(env);
    }
  }

  public static Result run(ExampleEnv env) {
    env.out().println("== deploy-space: a Docker backend on a Space, with secrets, checked on /health");
    return deploy(env, RepoId.space(env.namespace() + "/" + SPACE_NAME), SampleDockerApp.write(env.newDir("space-app"), "hf4j backend demo"),
        false);
  }

  /**
   * The second run: the same app with a broken Dockerfile whose server listens on 8080 while the Space sends
   * traffic to {@code app_port} 7860. Preflight flags it; the flow pushes anyway to show what the Space does:
   * it fails in RUNTIME_ERROR and the wait's exception carries the run log and the diagnosis. Returns a result
   * that is not running (the caller exits non-zero).
   */
  public static Result runBroken(ExampleEnv env) {
    env.out().println("== deploy-space (broken): the same backend, its Dockerfile listening on port 8080");
    Path app = SampleDockerApp.write(env.newDir("space-app-broken"), "hf4j backend demo (broken)");
    try {
      Path dockerfile = app.resolve("Dockerfile");
      java.nio.file.Files.writeString(dockerfile, java.nio.file.Files.readString(dockerfile).replace("7860", "8080"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return deploy(env, RepoId.space(env.namespace() + "/" + BROKEN_SPACE_NAME), app, true);
  }

  private static Result deploy(ExampleEnv env, RepoId spaceId, Path app, boolean pushDespitePreflight) {

    // 1. Preflight, before anything is sent: front matter, Dockerfile port, files that must stay local.
    PreflightReport report = SpacePreflight.builder(app).requiredSecrets(SECRETS).build().run();
    env.say("preflight", "sdk " + java.util.Objects.requireNonNullElse(report.sdk(), "?") + ", app_port " + report.appPort() + ", "
        + report.errors().size() + " error(s), " + report.warnings().size() + " warning(s); kept local: "
        + String.join(", ", report.excludedPaths()));
    for (PreflightIssue issue : report.issues()) {
      if (issue.code() != PreflightIssue.Code.FILE_NOT_PUSHED && issue.code() != PreflightIssue.Code.SECRETS_UNVERIFIED) {
        env.say("", issue.toString());
      }
    }
    if (report.hasErrors()) {
      if (!pushDespitePreflight) throw new IllegalStateException(report.toString());
      env.say("", "pushing anyway: this run shows what the Space reports after the push");
    }

    // 2. The Space, then its secrets (from the local .env) and variables, before the first build.
    env.hub().createRepo(spaceId, CreateRepoParams.builder()
        .spaceSdk(SpaceSdk.DOCKER).privateRepo(true).existOk(true).build());
    Map<String, String> local = EnvFile.read(app.resolve(".env"));
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String name : SECRETS) {
      String value = local.get(name);
      if (value == null) throw new IllegalStateException(".env has no " + name);
      secrets.put(name, value);
    }
    // One string: the app splits it on commas.
    secrets.put("CORS_ORIGINS", Arrays.stream(secrets.get("CORS_ORIGINS").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.joining(",")));
    secrets.forEach((k, v) -> env.spaces().addSpaceSecret(spaceId, k, v));
    VARIABLES.forEach((k, v) -> env.spaces().addSpaceVariable(spaceId, k, v));
    env.say("space", env.webUrl(spaceId.toPrefixedString()) + " (private, docker): secrets "
        + String.join(", ", secrets.keySet()) + "; variables " + String.join(", ", VARIABLES.keySet()));

    // 3. Upload everything preflight did not exclude.
    CommitInfo commit = env.hub().uploadFolder(spaceId, app, UploadFolderParams.builder()
        .ignorePatterns(report.ignorePatterns())
        .commitMessage("Deploy the backend")
        .build());
    List<String> uploaded = env.hub().listRepoFiles(spaceId).toList();
    env.say("upload", "commit " + Trainer.shortOid(commit.oid()) + ": " + String.join(", ", uploaded)
        + (uploaded.contains(".env") ? "" : " (no .env)"));

    // 4. Wait for the build; report a failure rather than calling a broken app.
    Optional<HubEmulator> emulator = env.emulator();
    if (emulator.isPresent()) {
      // The emulated container sees what the real one would: the Space's secrets (as the emulator stores them)
      // and its variables.
      SpacesEmulation sim = emulator.get().module(SpacesEmulation.class);
      String id = spaceId.toString();
      sim.bindApp(id, new HealthApp(() -> {
        Map<String, String> containerEnv = new LinkedHashMap<>(VARIABLES);
        for (String name : sim.secretNames(id)) {
          String value = sim.secretValue(id, name);
          if (value != null) containerEnv.put(name, value);
        }
        return containerEnv;
      }));
    }
    // The build log (then the app's log) streams while the wait polls the stage.
    SpaceRuntime runtime;
    try {
      runtime = env.spaces().waitForSpace(spaceId,
          WaitParams.builder().timeout(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(5)).build(),
          SpaceWaitOptions.builder().logListener(event -> {
            if (event instanceof SpaceLogEvent.Line l) env.say(l.kind().path() + " |", l.line().text());
          }).build());
    } catch (SpaceFailedException e) {
      String failure = e.stage() + (e.serverMessage() != null ? ": " + e.serverMessage().strip() : "");
      env.say("failed", failure);
      SpaceDiagnosis diagnosis = e.diagnosis();
      if (diagnosis != null) env.say("diagnosis", diagnosis.summary());
      return new Result(spaceId, report, commit, uploaded, null,
          failure + (diagnosis != null ? ". " + diagnosis.summary() : ""), null);
    }
    env.say("runtime", runtime.stage() + (runtime.hardware() == null ? "" : " on " + runtime.hardware()));

    // 5. Call the app. The Space is private, so the token goes to its host (and only there).
    SpaceHttpClient.Builder client = SpaceHttpClient.builder(env.spaces(), spaceId)
        .sendToken(true)
        .wakeTimeout(Duration.ofMinutes(5));
    emulator.ifPresent(e -> client.baseUrl(e.module(SpacesEmulation.class).appUrl(spaceId.toString())));
    SpaceResponse health = client.build().get("/health");
    env.say("health", "GET /health -> " + health.code() + " " + health.bodyString());
    return new Result(spaceId, report, commit, uploaded, runtime, null, health.bodyString());
  }
}
