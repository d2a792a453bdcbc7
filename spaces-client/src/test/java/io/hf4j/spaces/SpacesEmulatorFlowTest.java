package io.hf4j.spaces;

import io.hf4j.core.WaitParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.BadRequestException;
import io.hf4j.core.ConflictException;
import io.hf4j.core.NotFoundException;
import io.hf4j.core.PermissionDeniedException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.SpaceHardware;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.spaces.SpacesEmulation;
import io.hf4j.testkit.spi.Response;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Spaces operation against the testkit's emulated Hub, with the emulator's manual clock: the client's
 * sleeper advances it, so stages move exactly as long as the client waits.
 */
class SpacesEmulatorFlowTest {
  static final RepoId ID = RepoId.space("testuser/demo");

  HubEmulator hub;
  SpacesEmulation emulation;
  SpacesClient spaces;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().clock(EmulatorClock.manual(Instant.parse("2026-03-01T10:00:00Z"))).build().start();
    emulation = hub.module(SpacesEmulation.class);
    spaces = SpacesClient.create(hub.hfConfigBuilder().clock(hub.clock()).sleeper(d -> hub.clock().advance(d)).build());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private void create(RepoId id, String sdk, boolean isPrivate) {
    hub.repos().create(RepoType.SPACE, id.toString(), isPrivate, Map.of("sdk", sdk));
  }

  private void push(RepoId id, Map<String, String> files) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    hub.repos().commit(RepoType.SPACE, id.toString(), "main", "deploy", bytes, Set.of());
  }

  private SpaceRuntime deployGradio(RepoId id) {
    create(id, "gradio", false);
    push(id, Map.of("app.py", "import gradio as gr\n"));
    return spaces.waitForSpace(id, WaitParams.builder().timeout(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).build());
  }

  @Test
  void newSpaceBuildsAndWaitReturnsTheRunningRuntime() {
    create(ID, "gradio", false);
    assertEquals(SpaceStage.NO_APP_FILE, spaces.getSpaceRuntime(ID).stage());
    push(ID, Map.of("app.py", "import gradio as gr\n"));
    SpaceRuntime building = spaces.getSpaceRuntime(ID);
    assertEquals(SpaceStage.BUILDING, building.stage());
    assertNull(building.hardware());
    assertEquals(SpaceHardware.CPU_BASIC, building.requestedHardware());
    assertEquals(172800, building.sleepTime());
    assertEquals("testuser-demo.hf.space", building.host());
    SpaceRuntime running = spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).build());
    assertEquals(SpaceStage.RUNNING, running.stage());
    assertEquals(SpaceHardware.CPU_BASIC, running.hardware());
  }

  @Test
  void theWaitListenerSeesTheEmulatedStagesAndTheTokenStopsTheWait() {
    create(ID, "gradio", false);
    push(ID, Map.of("app.py", "import gradio as gr\n"));
    List<String> stages = new ArrayList<>();
    io.hf4j.core.CancellationToken token = io.hf4j.core.CancellationToken.create();
    WaitParams params = WaitParams.builder().pollInterval(Duration.ofSeconds(5)).cancellationToken(token).listener(e -> {
      if (e instanceof io.hf4j.core.WaitEvent.StageChanged s) stages.add(s.stage());
    }).build();
    assertEquals(SpaceStage.RUNNING, spaces.waitForSpace(ID, params).stage());
    assertEquals("BUILDING", stages.get(0));
    assertEquals("RUNNING", stages.get(stages.size() - 1));

    push(ID, Map.of("app.py", "import gradio as gr  # v2\n"));
    token.cancel();
    assertThrows(io.hf4j.core.CancelledException.class, () -> spaces.waitForSpace(ID, params));
  }

  @Test
  void aSpaceThatFailsToBuildEndsTheWaitWithTheServersMessage() {
    create(ID, "docker", false);
    push(ID, Map.of("main.py", "print('no Dockerfile')\n"));
    Instant before = hub.clock().instant();
    SpaceFailedException e = assertThrows(SpaceFailedException.class,
        () -> spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(5)).build()));
    assertEquals(SpaceStage.BUILD_ERROR, e.stage());
    assertTrue(e.serverMessage().contains("Dockerfile"), e.getMessage());
    assertTrue(Duration.between(before, hub.clock().instant()).compareTo(Duration.ofMinutes(2)) < 0, "ended at once");
  }

  @Test
  void emptySpaceFailsAtOnceWithNoAppFile() {
    create(ID, "gradio", false);
    SpaceFailedException e = assertThrows(SpaceFailedException.class, () -> spaces.waitForSpace(ID, Duration.ofMinutes(5)));
    assertEquals(SpaceStage.NO_APP_FILE, e.stage());
  }

  @Test
  void runtimeErrorIsTyped() {
    create(ID, "gradio", false);
    emulation.failNextStart(ID.toString(), "Traceback: ModuleNotFoundError: torch");
    push(ID, Map.of("app.py", "import torch\n"));
    SpaceFailedException e = assertThrows(SpaceFailedException.class, () -> spaces.waitForSpace(ID, Duration.ofMinutes(5)));
    assertEquals(SpaceStage.RUNTIME_ERROR, e.stage());
    assertEquals("Traceback: ModuleNotFoundError: torch", e.serverMessage());
  }

  @Test
  void waitTimesOutWhileStillBuilding() {
    emulation.setBuildDuration(Duration.ofHours(1));
    create(ID, "gradio", false);
    push(ID, Map.of("app.py", "x"));
    SpaceTimeoutException e = assertThrows(SpaceTimeoutException.class,
        () -> spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(30)).build()));
    assertEquals(SpaceStage.BUILDING, e.lastStage());
  }

  @Test
  void secretsAreWriteOnlyAndListedByName() {
    create(ID, "gradio", false);
    spaces.addSpaceSecret(ID, "OPENAI_API_KEY", "sk-123", "chat backend");
    spaces.addSpaceSecret(ID, "HF_TOKEN", "hf_abc");
    Map<String, SpaceSecret> secrets = spaces.getSpaceSecrets(ID);
    assertEquals(List.of("OPENAI_API_KEY", "HF_TOKEN"), List.copyOf(secrets.keySet()));
    assertEquals("chat backend", secrets.get("OPENAI_API_KEY").description());
    assertEquals(Instant.parse("2026-03-01T10:00:00Z"), secrets.get("HF_TOKEN").updatedAt());
    assertEquals("sk-123", emulation.secretValue(ID.toString(), "OPENAI_API_KEY"));
    spaces.deleteSpaceSecret(ID, "HF_TOKEN");
    spaces.deleteSpaceSecret(ID, "missing_key");
    assertEquals(Set.of("OPENAI_API_KEY"), spaces.getSpaceSecrets(ID).keySet());
  }

  @Test
  void variablesRoundTripInOrder() {
    create(ID, "gradio", false);
    assertTrue(spaces.getSpaceVariables(ID).isEmpty());
    spaces.addSpaceVariable(ID, "foo", "123");
    spaces.addSpaceVariable(ID, "MODEL_REPO_ID", "user/repo");
    Map<String, SpaceVariable> vars = spaces.addSpaceVariable(ID, "foo", "456", "updated description");
    assertEquals(List.of("foo", "MODEL_REPO_ID"), List.copyOf(vars.keySet()));
    assertEquals("456", vars.get("foo").value());
    assertEquals("updated description", vars.get("foo").description());
    assertEquals(vars, spaces.deleteSpaceVariable(ID, "missing_key"));
    assertEquals(Set.of("MODEL_REPO_ID"), spaces.deleteSpaceVariable(ID, "foo").keySet());
    assertEquals(Set.of("MODEL_REPO_ID"), spaces.getSpaceVariables(ID).keySet());
  }

  @Test
  void bulkLoadFromEnvFiles() throws Exception {
    create(ID, "gradio", false);
    Path secretsFile = dir.resolve("secrets.env");
    Files.writeString(secretsFile, "# production secrets\nexport DB_PASSWORD='p@ss # word'\nAPI_KEYS=k1,k2,k3\n");
    Path varsFile = dir.resolve("vars.env");
    Files.writeString(varsFile, "ALLOWED_HOSTS=a.example,b.example # the public hosts\nMODE=\"prod\"\n");
    assertEquals(List.of("DB_PASSWORD", "API_KEYS"), spaces.addSpaceSecretsFromEnvFile(ID, secretsFile));
    assertEquals("p@ss # word", emulation.secretValue(ID.toString(), "DB_PASSWORD"));
    assertEquals("k1,k2,k3", emulation.secretValue(ID.toString(), "API_KEYS"));
    Map<String, SpaceVariable> vars = spaces.addSpaceVariablesFromEnvFile(ID, varsFile);
    assertEquals("a.example,b.example", vars.get("ALLOWED_HOSTS").value());
    assertEquals("prod", vars.get("MODE").value());
  }

  @Test
  void hardwareRequestRebuildsOnTheNewFlavor() {
    deployGradio(ID);
    SpaceRuntime requested = spaces.requestSpaceHardware(ID, SpaceHardware.T4_SMALL);
    assertEquals(SpaceHardware.T4_SMALL, requested.requestedHardware());
    assertEquals(SpaceHardware.CPU_BASIC, requested.hardware());
    assertEquals(SpaceStage.RUNNING_BUILDING, requested.stage());
    SpaceRuntime running = spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).build());
    assertEquals(SpaceHardware.T4_SMALL, running.hardware());
    assertNull(running.sleepTime());
    assertThrows(BadRequestException.class, () -> spaces.requestSpaceHardware(ID, SpaceHardware.of("quantum-x1")));
    assertEquals(3600, spaces.requestSpaceHardware(ID, SpaceHardware.T4_MEDIUM, 3600).sleepTime());
  }

  @Test
  void listSpacesHardwareFromTheHub() {
    List<SpaceHardwareInfo> hw = spaces.listSpacesHardware();
    assertEquals(SpaceHardware.CPU_BASIC, hw.get(0).name());
    assertTrue(hw.stream().anyMatch(h -> h.name().equals(SpaceHardware.T4_SMALL) && "T4".equals(h.accelerator().model())));
  }

  @Test
  void aSpaceThatSleepsIsWokenBySpaceHttpClient() {
    create(ID, "gradio", false);
    emulation.bindApp(ID.toString(), req -> Response.json(200, Map.of("status", "ok")));
    push(ID, Map.of("app.py", "x"));
    spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).build());
    spaces.requestSpaceHardware(ID, SpaceHardware.CPU_UPGRADE);
    spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).build());
    assertEquals(900, spaces.setSpaceSleepTime(ID, 900).sleepTime());
    hub.clock().advance(Duration.ofMinutes(16));
    assertEquals(SpaceStage.SLEEPING, spaces.getSpaceRuntime(ID).stage());
    SpaceStoppedException stopped = assertThrows(SpaceStoppedException.class, () -> spaces.waitForSpace(ID, Duration.ofMinutes(1)));
    assertEquals(SpaceStage.SLEEPING, stopped.stage());

    SpaceHttpClient app = SpaceHttpClient.builder(spaces, ID).baseUrl(emulation.appUrl(ID.toString())).build();
    Instant before = hub.clock().instant();
    SpaceResponse health = app.get("/health");
    assertEquals(Map.of("status", "ok"), health.json(Map.class));
    Duration waited = Duration.between(before, hub.clock().instant());
    assertTrue(waited.compareTo(emulation.wakeDuration()) >= 0, "waited " + waited + " for the wake");
    assertEquals(SpaceStage.RUNNING, spaces.getSpaceRuntime(ID).stage());
  }

  @Test
  void neverSleepKeepsItUp() {
    deployGradio(ID);
    spaces.requestSpaceHardware(ID, SpaceHardware.T4_SMALL);
    spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).build());
    assertNull(spaces.setSpaceSleepTime(ID, SpacesClient.NEVER_SLEEP).sleepTime());
    hub.clock().advance(Duration.ofDays(10));
    assertEquals(SpaceStage.RUNNING, spaces.getSpaceRuntime(ID).stage());
  }

  @Test
  void pauseThenRestartAndFactoryReboot() {
    deployGradio(ID);
    assertEquals(SpaceStage.PAUSED, spaces.pauseSpace(ID).stage());
    assertThrows(SpaceStoppedException.class, () -> spaces.waitForSpace(ID, Duration.ofMinutes(1)));
    int builds = emulation.builds(ID.toString());
    assertEquals(SpaceStage.BUILDING, spaces.restartSpace(ID).stage());
    assertEquals(SpaceStage.RUNNING, spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).build()).stage());
    assertEquals(SpaceStage.BUILDING, spaces.restartSpace(ID, true).stage());
    assertEquals(builds + 2, emulation.builds(ID.toString()));
    assertEquals("/api/spaces/testuser/demo/restart", lastRequestPath("/restart", 2));
  }

  private String lastRequestPath(String suffix, int n) {
    List<io.hf4j.testkit.RecordedRequest> restarts =
        hub.requests().stream().filter(r -> r.path().endsWith(suffix)).toList();
    assertEquals(n, restarts.size());
    assertEquals("factory=true", restarts.get(n - 1).query());
    assertNull(restarts.get(0).query());
    return restarts.get(0).path();
  }

  @Test
  void staticSpacesCannotBePaused() {
    create(ID, "static", false);
    push(ID, Map.of("index.html", "<h1>hi</h1>"));
    SpaceRuntime r = spaces.getSpaceRuntime(ID);
    assertEquals(SpaceStage.RUNNING, r.stage());
    assertNull(r.hardware());
    assertNull(r.sleepTime());
    assertThrows(BadRequestException.class, () -> spaces.pauseSpace(ID));
  }

  @Test
  void duplicateCopiesVariablesAndTakesNewSecrets() {
    deployGradio(ID);
    spaces.addSpaceVariable(ID, "MODEL_ID", "acme/m");
    spaces.addSpaceSecret(ID, "SOURCE_ONLY", "s");
    SpaceUrl url = spaces.duplicateSpace(ID, DuplicateSpaceParams.builder()
        .toId(RepoId.space("copy")).privateRepo(true).hardware(SpaceHardware.T4_SMALL)
        .addSecret("API_KEY", "k", "for the copy").addVariable("EXTRA", "e").build());
    RepoId copy = RepoId.space("testuser/copy");
    assertEquals(copy, url.repoId());
    assertEquals(hub.url() + "/spaces/testuser/copy", url.url());
    assertTrue(hub.repo(RepoType.SPACE, "testuser/copy").isPrivate());
    assertEquals(Set.of("API_KEY"), spaces.getSpaceSecrets(copy).keySet());
    assertEquals(Set.of("MODEL_ID", "EXTRA"), spaces.getSpaceVariables(copy).keySet());
    SpaceRuntime running = spaces.waitForSpace(copy, WaitParams.builder().timeout(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).build());
    assertEquals(SpaceHardware.T4_SMALL, running.hardware());
    DuplicateSpaceParams again = DuplicateSpaceParams.builder().toId(copy).build();
    assertThrows(ConflictException.class, () -> spaces.duplicateSpace(ID, again));
    assertEquals(copy, spaces.duplicateSpace(ID, again.toBuilder().existOk(true).build()).repoId());
    assertEquals(RepoId.space("testuser/demo-2"),
        spaces.duplicateSpace(ID, DuplicateSpaceParams.builder().toId(RepoId.space("testuser/demo-2")).build()).repoId());
  }

  @Test
  void spaceHttpClientCallsTheAppWithMultipartAndTheTokenForPrivateSpaces() {
    RepoId id = RepoId.space("testuser/classifier");
    create(id, "docker", true);
    emulation.bindApp(id.toString(), req -> {
      if (req.param("path").equals("/health")) return Response.json(200, Map.of("status", "ok"));
      String body = new String(req.bodyBytes(1 << 20), StandardCharsets.ISO_8859_1);
      boolean multipart = req.header("Content-Type").startsWith("multipart/form-data") && body.contains("filename=\"cat.png\"");
      return Response.json(multipart ? 200 : 400, Map.of("label", "cat", "score", 0.97));
    });
    push(id, Map.of("Dockerfile", "FROM python:3.12\nCMD uvicorn app:app --host 0.0.0.0 --port 7860\n"));
    spaces.waitForSpace(id, WaitParams.builder().timeout(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).build());

    SpaceHttpClient anonymous = SpaceHttpClient.builder(spaces, id).baseUrl(emulation.appUrl(id.toString())).wakeTimeout(Duration.ZERO).build();
    assertThrows(NotFoundException.class, () -> anonymous.get("/health"), "a private Space hides from callers without a token");

    SpaceHttpClient app = SpaceHttpClient.builder(spaces, id).baseUrl(emulation.appUrl(id.toString())).sendToken(true).build();
    assertEquals(200, app.get("/health").code());
    MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("file", "cat.png", RequestBody.create(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, MediaType.get("image/png")))
        .build();
    SpaceResponse classified = app.post("/classify", body);
    assertEquals("cat", classified.json(Map.class).get("label"));
    assertTrue(hub.tokenLeaks().isEmpty(), "the token never reached the storage host");
  }

  @Test
  void baseUrlIsResolvedFromTheRuntime() {
    deployGradio(ID);
    assertEquals("https://testuser-demo.hf.space/", SpaceHttpClient.builder(spaces, ID).build().baseUrl().toString());
  }

  @Test
  void errorsAreTyped() {
    assertThrows(RepositoryNotFoundException.class, () -> spaces.getSpaceRuntime(RepoId.space("testuser/missing")));
    create(ID, "gradio", false);
    SpacesClient reader = SpacesClient.create(hub.hfConfigBuilder().token(HubEmulator.DEFAULT_READ_TOKEN).build());
    assertEquals(SpaceStage.NO_APP_FILE, reader.getSpaceRuntime(ID).stage());
    assertThrows(PermissionDeniedException.class, () -> reader.addSpaceSecret(ID, "K", "v"));
    SpacesClient other = SpacesClient.create(hub.hfConfigBuilder().token(HubEmulator.OTHER_USER_TOKEN).build());
    assertThrows(PermissionDeniedException.class, () -> other.pauseSpace(ID));
  }

  @Test
  void preflightChecksRequiredSecretsAgainstTheEmulatedSpace() throws Exception {
    create(ID, "docker", false);
    Path app = dir.resolve("app");
    Files.createDirectories(app);
    Files.writeString(app.resolve("README.md"), "---\ntitle: Demo\nsdk: docker\napp_port: 8000\n---\n");
    Files.writeString(app.resolve("Dockerfile"), "FROM python:3.12\nEXPOSE 8000\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]\n");
    spaces.addSpaceSecret(ID, "OPENAI_API_KEY", "sk");
    spaces.addSpaceVariable(ID, "LEAKY", "oops");
    PreflightReport report = SpacePreflight.builder(app).requiredSecrets("OPENAI_API_KEY", "LEAKY", "DB_URL")
        .space(spaces, ID).build().run();
    assertEquals(List.of(PreflightIssue.Code.SECRET_IS_VARIABLE, PreflightIssue.Code.SECRET_MISSING),
        report.errors().stream().map(PreflightIssue::code).toList(), report.toString());
    assertFalse(report.toString().contains("oops"));
    spaces.addSpaceSecret(ID, "DB_URL", "postgres://");
    spaces.deleteSpaceVariable(ID, "LEAKY");
    spaces.addSpaceSecret(ID, "LEAKY", "now-secret");
    assertFalse(SpacePreflight.builder(app).requiredSecrets("OPENAI_API_KEY", "LEAKY", "DB_URL").space(spaces, ID).build().run()
        .hasErrors());
  }
}
