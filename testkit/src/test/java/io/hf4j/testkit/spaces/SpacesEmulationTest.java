package io.hf4j.testkit.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.spi.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Spaces emulation over raw HTTP, with a manual clock driving the stages. */
class SpacesEmulationTest {
  static final String WRITE = HubEmulator.DEFAULT_WRITE_TOKEN;
  static final String READ = HubEmulator.DEFAULT_READ_TOKEN;
  static final String OTHER = HubEmulator.OTHER_USER_TOKEN;
  static final String ID = "testuser/demo";
  static final String API = "/api/spaces/" + ID;

  HubEmulator hub;
  SpacesEmulation spaces;
  SpaceHttp http;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().clock(EmulatorClock.manual(Instant.parse("2026-03-01T10:00:00Z"))).build().start();
    spaces = hub.module(SpacesEmulation.class);
    http = new SpaceHttp(hub.url());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private void createSpace(String id, String sdk, boolean isPrivate) {
    hub.repos().create(RepoType.SPACE, id, isPrivate, Map.of("sdk", sdk));
  }

  private void commit(String id, Map<String, String> files) {
    java.util.Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    hub.repos().commit(RepoType.SPACE, id, "main", "update", bytes, Set.of());
  }

  private String stage() {
    return (String) http.get(API + "/runtime", WRITE).obj().get("stage");
  }

  private void runGradioSpace() {
    createSpace(ID, "gradio", false);
    commit(ID, Map.of("app.py", "import gradio\n"));
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    assertEquals("RUNNING", stage());
  }

  @Test
  void newSpaceHasNoAppFileThenBuildsStartsAndRuns() {
    createSpace(ID, "gradio", false);
    assertEquals("NO_APP_FILE", stage());
    commit(ID, Map.of("app.py", "import gradio\n"));
    Map<String, Object> building = http.get(API + "/runtime", WRITE).obj();
    assertEquals(List.of("stage", "hardware", "storage", "gcTimeout", "replicas", "devMode", "domains"), List.copyOf(building.keySet()),
        "the recorded key set");
    assertEquals("BUILDING", building.get("stage"));
    assertEquals(Map.of("requested", "cpu-basic"), withoutNulls(building.get("hardware")));
    assertEquals(172800L, building.get("gcTimeout"));
    assertEquals(List.of(Map.of("domain", "testuser-demo.hf.space", "stage", "READY")), building.get("domains"));
    hub.clock().advance(spaces.buildDuration());
    assertEquals("APP_STARTING", stage());
    hub.clock().advance(spaces.startDuration());
    Map<String, Object> running = http.get(API + "/runtime", READ).obj();
    assertEquals("RUNNING", running.get("stage"));
    assertEquals("cpu-basic", ((Map<?, ?>) running.get("hardware")).get("current"));
    assertEquals(Map.of("requested", 1L, "current", 1L), running.get("replicas"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutNulls(Object o) {
    Map<String, Object> m = new java.util.LinkedHashMap<>((Map<String, Object>) o);
    m.values().removeIf(java.util.Objects::isNull);
    return m;
  }

  @Test
  void dockerSpaceWithoutDockerfileFailsToBuild() {
    createSpace(ID, "docker", false);
    commit(ID, Map.of("main.py", "print('hi')\n"));
    assertEquals("BUILDING", stage());
    hub.clock().advance(spaces.buildDuration());
    Map<String, Object> r = http.get(API + "/runtime", WRITE).obj();
    assertEquals("BUILD_ERROR", r.get("stage"));
    assertTrue(((String) r.get("errorMessage")).contains("Dockerfile"), r.toString());
    commit(ID, Map.of("Dockerfile", "FROM python:3.12\nCMD python -m http.server 7860\n"));
    assertEquals("BUILDING", stage());
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    assertEquals("RUNNING", stage());
  }

  @Test
  void gradioSpaceWithoutItsAppFileHasNoAppFile() {
    createSpace(ID, "gradio", false);
    commit(ID, Map.of("other.py", "x"));
    assertEquals("NO_APP_FILE", stage());
  }

  @Test
  void injectedFailuresCarryTheirMessage() {
    createSpace(ID, "gradio", false);
    spaces.failNextStart(ID, "ModuleNotFoundError: No module named 'torch'");
    commit(ID, Map.of("app.py", "import torch\n"));
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    Map<String, Object> r = http.get(API + "/runtime", WRITE).obj();
    assertEquals("RUNTIME_ERROR", r.get("stage"));
    assertEquals("ModuleNotFoundError: No module named 'torch'", r.get("errorMessage"));
  }

  @Test
  void staticSpaceRunsAtOnceWithTheStaticShape() {
    createSpace(ID, "static", false);
    commit(ID, Map.of("index.html", "<h1>hi</h1>"));
    Map<String, Object> r = http.get(API + "/runtime", null).obj();
    assertEquals(List.of("stage", "hardware", "storage", "replicas"), List.copyOf(r.keySet()));
    assertEquals("RUNNING", r.get("stage"));
    assertEquals(400, http.post(API + "/pause", WRITE, null).code());
    assertEquals(400, http.post(API + "/restart", WRITE, null).code());
  }

  @Test
  void secretsAreWriteOnly() {
    createSpace(ID, "gradio", false);
    assertEquals("{}", http.post(API + "/secrets", WRITE, Map.of("key", "foo", "value", "123")).body());
    assertEquals("{}", http.post(API + "/secrets", WRITE, Map.of("key", "bar", "value", "456", "description", "d")).body());
    SpaceHttp.Reply list = http.get(API + "/secrets", WRITE);
    assertEquals(200, list.code());
    assertFalse(list.body().contains("123") || list.body().contains("456"), list.body());
    assertEquals(Set.of("foo", "bar"), list.obj().keySet());
    assertEquals("d", ((Map<?, ?>) list.obj().get("bar")).get("description"));
    assertEquals("123", spaces.secretValue(ID, "foo"));
    assertEquals("{}", http.delete(API + "/secrets", WRITE, Map.of("key", "foo")).body());
    assertEquals(200, http.delete(API + "/secrets", WRITE, Map.of("key", "missing_key")).code());
    assertEquals(Set.of("bar"), spaces.secretNames(ID));
  }

  @Test
  void managingNeedsTheOwnersWriteToken() {
    createSpace(ID, "gradio", false);
    assertEquals(401, http.post(API + "/secrets", null, Map.of("key", "k", "value", "v")).code());
    assertEquals(403, http.post(API + "/secrets", READ, Map.of("key", "k", "value", "v")).code());
    assertEquals(403, http.post(API + "/pause", OTHER, null).code());
    assertEquals(400, http.post(API + "/secrets", WRITE, Map.of("key", "bad key", "value", "v")).code());
    createSpace("testuser/hidden", "gradio", true);
    SpaceHttp.Reply anonymous = http.get("/api/spaces/testuser/hidden/runtime", null);
    assertEquals(401, anonymous.code());
    SpaceHttp.Reply other = http.get("/api/spaces/testuser/hidden/runtime", OTHER);
    assertEquals(404, other.code());
    assertEquals(404, http.get("/api/spaces/testuser/nope/runtime", WRITE).code());
  }

  @Test
  void variablesAnswerTheWholeMapInInsertionOrder() {
    createSpace(ID, "gradio", false);
    assertEquals("{}", http.get(API + "/variables", WRITE).body());
    http.post(API + "/variables", WRITE, Map.of("key", "foo", "value", "123"));
    http.post(API + "/variables", WRITE, Map.of("key", "MODEL_REPO_ID", "value", "user/repo"));
    hub.clock().advance(Duration.ofMillis(1500));
    Map<String, Object> after = http.post(API + "/variables", WRITE,
        Map.of("key", "foo", "value", "456", "description", "updated description")).obj();
    assertEquals(List.of("foo", "MODEL_REPO_ID"), List.copyOf(after.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> foo = (Map<String, Object>) after.get("foo");
    assertEquals(List.of("value", "description", "updatedAt"), List.copyOf(foo.keySet()));
    assertEquals("2026-03-01T10:00:01.500Z", foo.get("updatedAt"));
    assertTrue(Pattern.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z",
        (String) ((Map<?, ?>) after.get("MODEL_REPO_ID")).get("updatedAt")));
    assertEquals(after, http.delete(API + "/variables", WRITE, Map.of("key", "missing_key")).obj());
    assertEquals(Set.of("MODEL_REPO_ID"), http.delete(API + "/variables", WRITE, Map.of("key", "foo")).obj().keySet());
    assertEquals(200, http.get(API + "/variables", null).code(), "variables of a public Space are public");
  }

  @Test
  void hardwareRequestRebuildsOnTheNewFlavor() {
    runGradioSpace();
    int builds = spaces.builds(ID);
    Map<String, Object> r = http.post(API + "/hardware", WRITE, Map.of("flavor", "t4-small")).obj();
    assertEquals("RUNNING_BUILDING", r.get("stage"));
    assertEquals("t4-small", ((Map<?, ?>) r.get("hardware")).get("requested"));
    assertEquals("cpu-basic", ((Map<?, ?>) r.get("hardware")).get("current"));
    assertNull(r.get("gcTimeout"), "upgraded hardware never sleeps by default");
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    Map<String, Object> after = http.get(API + "/runtime", WRITE).obj();
    assertEquals("RUNNING", after.get("stage"));
    assertEquals("t4-small", ((Map<?, ?>) after.get("hardware")).get("current"));
    assertEquals(builds + 1, spaces.builds(ID));
    assertEquals(400, http.post(API + "/hardware", WRITE, Map.of("flavor", "quantum-x1")).code());
    Map<String, Object> withSleep = http.post(API + "/hardware", WRITE, Map.of("flavor", "t4-medium", "sleepTimeSeconds", 3600)).obj();
    assertEquals(3600L, withSleep.get("gcTimeout"));
  }

  @Test
  void aSpaceSleepsWithoutTrafficAndWakesOnARequest() {
    createSpace(ID, "gradio", false);
    spaces.bindApp(ID, req -> Response.json(200, Map.of("status", "ok", "path", req.param("path"))));
    commit(ID, Map.of("app.py", "x"));
    SpaceHttp app = new SpaceHttp(spaces.appUrl(ID));
    assertEquals(503, app.get("/health", null).code(), "building");
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    SpaceHttp.Reply ok = app.get("/health", null);
    assertEquals(200, ok.code());
    assertEquals("/health", ok.obj().get("path"));

    http.post(API + "/hardware", WRITE, Map.of("flavor", "cpu-upgrade"));
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    assertEquals("RUNNING", ((Map<?, ?>) http.post(API + "/sleeptime", WRITE, Map.of("seconds", 600)).obj()).get("stage"));
    hub.clock().advance(Duration.ofSeconds(599));
    assertEquals(200, app.get("/health", null).code(), "traffic keeps it awake");
    hub.clock().advance(Duration.ofSeconds(599));
    assertEquals("RUNNING", stage());
    hub.clock().advance(Duration.ofSeconds(2));
    assertEquals("SLEEPING", stage());

    assertEquals(503, app.get("/health", null).code(), "the first request wakes it");
    assertEquals("APP_STARTING", stage());
    hub.clock().advance(spaces.wakeDuration());
    assertEquals(200, app.get("/health", null).code());
    assertEquals("RUNNING", stage());
  }

  @Test
  void neverSleepingSpaceStaysUp() {
    runGradioSpace();
    http.post(API + "/hardware", WRITE, Map.of("flavor", "t4-small"));
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    Map<String, Object> r = http.post(API + "/sleeptime", WRITE, Map.of("seconds", -1)).obj();
    assertTrue(r.containsKey("gcTimeout") && r.get("gcTimeout") == null, r.toString());
    hub.clock().advance(Duration.ofDays(30));
    assertEquals("RUNNING", stage());
  }

  @Test
  void cpuBasicSleepsAfter48Hours() {
    runGradioSpace();
    hub.clock().advance(Duration.ofHours(47));
    assertEquals("RUNNING", stage());
    hub.clock().advance(Duration.ofHours(1));
    assertEquals("SLEEPING", stage());
  }

  @Test
  void privateSpaceAppNeedsAReaderToken() {
    createSpace("testuser/private-app", "gradio", true);
    spaces.bindApp("testuser/private-app", req -> Response.text(200, "secret model"));
    commit("testuser/private-app", Map.of("app.py", "x"));
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    SpaceHttp app = new SpaceHttp(spaces.appUrl("testuser/private-app"));
    assertEquals(404, app.get("/predict", null).code());
    assertEquals(404, app.get("/predict", OTHER).code());
    assertEquals("secret model", app.get("/predict", READ).body());
  }

  @Test
  void pauseAndRestart() {
    runGradioSpace();
    assertEquals("PAUSED", http.post(API + "/pause", WRITE, null).obj().get("stage"));
    hub.clock().advance(Duration.ofHours(1));
    assertEquals("PAUSED", stage());
    int builds = spaces.builds(ID);
    assertEquals("BUILDING", http.post(API + "/restart", WRITE, null).obj().get("stage"));
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    assertEquals("RUNNING", stage());
    assertEquals("BUILDING", http.post(API + "/restart?factory=true", WRITE, null).obj().get("stage"));
    assertEquals(builds + 2, spaces.builds(ID));
  }

  @Test
  void secretChangeRestartsALiveSpace() {
    runGradioSpace();
    http.post(API + "/secrets", WRITE, Map.of("key", "API_KEY", "value", "v"));
    assertEquals("RUNNING_BUILDING", stage());
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    assertEquals("RUNNING", stage());
  }

  @Test
  void persistentStorageRoutesAreGoneAsOnTheHub() {
    createSpace(ID, "gradio", false);
    assertEquals(404, http.post(API + "/storage", WRITE, Map.of("tier", "large")).code());
    assertEquals(404, http.delete(API + "/storage", WRITE, null).code());
    // Runtime answers still carry the field (read side kept).
    assertTrue(http.get(API + "/runtime", WRITE).obj().containsKey("storage"));
    assertNull(http.get(API + "/runtime", WRITE).obj().get("storage"));
  }

  @Test
  void duplicateCopiesFilesAndVariablesButNotSecrets() {
    runGradioSpace();
    http.post(API + "/variables", WRITE, Map.of("key", "MODEL", "value", "acme/m"));
    http.post(API + "/secrets", WRITE, Map.of("key", "SRC_SECRET", "value", "s"));
    SpaceHttp.Reply r = http.post(API + "/duplicate", WRITE, Map.of("repository", "testuser/copy", "visibility", "private",
        "hardware", "t4-small", "secrets", List.of(Map.of("key", "NEW_SECRET", "value", "n")),
        "variables", List.of(Map.of("key", "EXTRA", "value", "e", "description", "d"))));
    assertEquals(200, r.code(), r.toString());
    assertEquals(hub.url() + "/spaces/testuser/copy", r.obj().get("url"));
    assertTrue(hub.repo(RepoType.SPACE, "testuser/copy").isPrivate());
    assertEquals("import gradio\n", new String(hub.repo(RepoType.SPACE, "testuser/copy").fileBytes("main", "app.py"),
        StandardCharsets.UTF_8));
    assertEquals(Set.of("NEW_SECRET"), spaces.secretNames("testuser/copy"));
    assertEquals(Set.of("MODEL", "EXTRA"), http.get("/api/spaces/testuser/copy/variables", WRITE).obj().keySet());
    Map<String, Object> rt = http.get("/api/spaces/testuser/copy/runtime", WRITE).obj();
    assertEquals("BUILDING", rt.get("stage"));
    assertEquals("t4-small", ((Map<?, ?>) rt.get("hardware")).get("requested"));
    assertEquals(409, http.post(API + "/duplicate", WRITE, Map.of("repository", "testuser/copy")).code());
    assertEquals(403, http.post(API + "/duplicate", WRITE, Map.of("repository", "otheruser/copy")).code());
  }

  @Test
  void createWithOptionsAppliesHardwareSecretsAndVariables() {
    Map<String, Object> body = Map.of("name", "opts", "organization", "testuser", "type", "space", "sdk", "gradio",
        "hardware", "t4-medium", "sleepTimeSeconds", 123,
        "secrets", List.of(Map.of("key", "S", "value", "v")), "variables", List.of(Map.of("key", "V", "value", "w")));
    assertEquals(200, http.post("/api/repos/create", WRITE, body).code());
    Map<String, Object> rt = http.get("/api/spaces/testuser/opts/runtime", WRITE).obj();
    assertEquals("t4-medium", ((Map<?, ?>) rt.get("hardware")).get("requested"));
    assertEquals(123L, rt.get("gcTimeout"));
    assertEquals(Set.of("S"), spaces.secretNames("testuser/opts"));
    assertEquals(Set.of("V"), http.get("/api/spaces/testuser/opts/variables", WRITE).obj().keySet());
  }

  @Test
  void hardwareListAndHostAndSpaceInfo() {
    createSpace(ID, "gradio", false);
    SpaceHttp.Reply hw = http.get("/api/spaces/hardware", null);
    assertEquals(200, hw.code());
    assertTrue(hw.body().contains("\"name\":\"cpu-basic\"") && hw.body().contains("\"unitLabel\""), hw.body());
    assertEquals("https://testuser-demo.hf.space", http.get(API + "/host", null).obj().get("host"));
    Map<String, Object> info = http.get("/api/spaces/" + ID, null).obj();
    assertEquals("NO_APP_FILE", ((Map<?, ?>) info.get("runtime")).get("stage"));
  }

  @Test
  void deletedSpaceIsForgotten() {
    runGradioSpace();
    hub.repos().delete(RepoType.SPACE, ID);
    assertNull(spaces.stage(ID));
    assertEquals(0, hub.clock().pendingTimers(), "its sleep timer is cancelled");
    assertEquals(404, http.get(API + "/runtime", WRITE).code());
  }

  @Test
  void logsFollowTheStageMachineAndAWrongPortEndsInRuntimeError() {
    createSpace(ID, "docker", false);
    assertEquals("", http.get(API + "/logs/build", READ).body(), "no logs yet: an empty stream that ends");
    assertEquals("", http.get(API + "/logs/run", READ).body());
    commit(ID, Map.of("README.md", "---\nsdk: docker\napp_port: 7860\n---\n",
        "Dockerfile", "# a comment\nFROM python:3.12\nRUN pip install \\\n    fastapi\nEXPOSE 8080\nCMD uvicorn app:app --host 0.0.0.0\n"));
    assertEquals("BUILDING", stage());
    assertEquals(List.of("--> FROM python:3.12", "--> RUN pip install fastapi", "--> EXPOSE 8080",
        "--> CMD uvicorn app:app --host 0.0.0.0"), spaces.buildLog(ID));
    hub.clock().advance(spaces.buildDuration());
    assertEquals("APP_STARTING", stage());
    assertEquals(List.of("===== Application Startup at 2026-03-01 10:00:30 ====="), spaces.runLog(ID));
    hub.clock().advance(spaces.startDuration());
    assertEquals("RUNTIME_ERROR", stage());
    assertEquals("Launch timed out, nothing answered on port 7860", http.get(API + "/runtime", READ).obj().get("errorMessage"));

    SpaceHttp.Reply build = http.get(API + "/logs/build", READ);
    assertEquals(200, build.code());
    assertTrue(build.body().startsWith("data: {\"data\":\"--> FROM python:3.12\",\"timestamp\":\"2026-03-01T10:00:00.000Z\"}\n\n"),
        build.body());
    assertTrue(build.body().endsWith("data: {\"data\":\"DONE\",\"timestamp\":\"2026-03-01T10:00:30.000Z\"}\n\n"), build.body());
    String run = http.get(API + "/logs/run", READ).body();
    assertTrue(run.contains("\"data\":\"INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)\""), run);
    assertTrue(run.contains("\"data\":\"Nothing answered on port 7860 (the Space's app_port)"), run);
    assertEquals(404, http.get("/api/spaces/testuser/nope/logs/run", READ).code());
  }

  @Test
  void scriptedLogLinesAndFailures() {
    createSpace(ID, "gradio", false);
    spaces.scriptNextBuild(ID, List.of("step one", "step two"));
    spaces.scriptNextStart(ID, List.of("loading model"));
    spaces.failNextStart(ID, "Traceback\nKeyError: 'API_KEY'");
    commit(ID, Map.of("app.py", "import gradio\n"));
    spaces.appendBuildLog(ID, "extra");
    hub.clock().advance(spaces.buildDuration().plus(spaces.startDuration()));
    assertEquals("RUNTIME_ERROR", stage());
    assertEquals(List.of("step one", "step two", "extra", "--> Pushing image", "DONE"), spaces.buildLog(ID));
    assertEquals(List.of("===== Application Startup at 2026-03-01 10:00:30 =====", "loading model", "Traceback",
        "KeyError: 'API_KEY'"), spaces.runLog(ID));
  }
}
