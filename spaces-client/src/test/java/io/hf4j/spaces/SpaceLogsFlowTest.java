package io.hf4j.spaces;

import io.hf4j.core.WaitParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Types;
import io.hf4j.core.BadRequestException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.internal.Json;
import io.hf4j.testfixtures.PythonPeer;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.spaces.SpacesEmulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Space logs end to end on the emulator: a healthy deploy streams its build then RUNNING, a wrong port, a
 * missing variable and a failing build step are diagnosed, a reset mid-stream loses and repeats nothing, and the
 * official Python client's {@code fetch_space_logs} reads the same lines as hf4j.
 */
class SpaceLogsFlowTest {
  static final RepoId ID = RepoId.space("testuser/api");
  static final String README = "---\ntitle: API\nsdk: docker\napp_port: 7860\n---\n";
  static final String GOOD_DOCKERFILE = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
      + "EXPOSE 7860\nCMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\", \"--port\", \"7860\"]\n";

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

  private void deploy(RepoId id, Map<String, String> files) {
    hub.repos().create(RepoType.SPACE, id.toString(), false, Map.of("sdk", "docker"));
    push(id, files);
  }

  private void push(RepoId id, Map<String, String> files) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    bytes.put("README.md", README.getBytes(StandardCharsets.UTF_8));
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    hub.repos().commit(RepoType.SPACE, id.toString(), "main", "deploy", bytes, Set.of());
  }

  private static final WaitParams WAIT = WaitParams.builder().timeout(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(5)).build();

  private SpaceWaitOptions.Builder options() {
    return SpaceWaitOptions.builder().logReadTimeout(Duration.ofSeconds(2));
  }

  private List<String> read(RepoId id, SpaceLogsParams params) {
    try (Stream<SpaceLogLine> s = spaces.fetchSpaceLogs(id, params)) {
      return s.map(SpaceLogLine::text).toList();
    }
  }

  @Test
  void aHealthyDeployStreamsItsBuildThenRuns() {
    deploy(ID, Map.of("Dockerfile", GOOD_DOCKERFILE, "app.py", "app = None\n"));
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    SpaceRuntime runtime = spaces.waitForSpace(ID, WAIT, options().logListener(e -> {
      if (e instanceof SpaceLogEvent.Line l) heard.add(l.kind() + " " + l.line().text());
    }).build());
    assertEquals(SpaceStage.RUNNING, runtime.stage());
    List<String> expected = new ArrayList<>();
    for (String step : List.of("FROM python:3.12", "WORKDIR /app", "COPY . .", "RUN pip install -r requirements.txt", "EXPOSE 7860",
        "CMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\", \"--port\", \"7860\"]")) {
      expected.add("BUILD --> " + step);
    }
    expected.add("BUILD --> Pushing image");
    expected.add("BUILD DONE");
    expected.add("RUN ===== Application Startup at 2026-03-01 10:00:30 =====");
    expected.add("RUN INFO:     Uvicorn running on http://0.0.0.0:7860 (Press CTRL+C to quit)");
    assertEquals(expected, heard);
    assertEquals(emulation.buildLog(ID.toString()), read(ID, SpaceLogsParams.buildLog()));
  }

  @Test
  void aWrongPortFailsWithTheRunLogAndTheDiagnosis() {
    deploy(ID, Map.of("Dockerfile", GOOD_DOCKERFILE.replace("7860", "8080"), "app.py", "app = None\n"));
    SpaceFailedException e = assertThrows(SpaceFailedException.class, () -> spaces.waitForSpace(ID, WAIT, options().build()));
    assertEquals(SpaceStage.RUNTIME_ERROR, e.stage());
    assertEquals(SpaceLogKind.RUN, e.logKind());
    assertTrue(e.logLines().get(e.logLines().size() - 1).text().startsWith("Nothing answered on port 7860"), e.logLines().toString());
    SpaceDiagnosis d = e.diagnosis();
    assertEquals(SpaceDiagnosis.Kind.WRONG_PORT, d.kind());
    assertTrue(d.summary().contains("port 8080") && d.summary().contains("7860"), d.summary());
    assertTrue(e.getMessage().contains(d.summary()) && e.getMessage().contains("Uvicorn running on http://0.0.0.0:8080"), e.getMessage());
  }

  @Test
  void aPortSetInTheAppItselfIsFoundToo() {
    deploy(ID, Map.of("Dockerfile", "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
        "app.py", "import uvicorn\nuvicorn.run(app, host=\"0.0.0.0\", port=8000)\n"));
    SpaceFailedException e = assertThrows(SpaceFailedException.class, () -> spaces.waitForSpace(ID, Duration.ofMinutes(30)));
    assertEquals(SpaceDiagnosis.Kind.WRONG_PORT, e.diagnosis().kind());
    assertTrue(e.diagnosis().summary().contains("port 8000"), e.getMessage());
  }

  @Test
  void aMissingVariableIsNamed() {
    deploy(ID, Map.of("Dockerfile", GOOD_DOCKERFILE, "app.py", "import os\nos.environ['OPENAI_API_KEY']\n"));
    emulation.failNextStart(ID.toString(), "Traceback (most recent call last):\n  File \"/app/app.py\", line 2, in <module>\n"
        + "KeyError: 'OPENAI_API_KEY'");
    SpaceFailedException e = assertThrows(SpaceFailedException.class, () -> spaces.waitForSpace(ID, WAIT, options().build()));
    SpaceDiagnosis d = e.diagnosis();
    assertEquals(SpaceDiagnosis.Kind.MISSING_VARIABLE, d.kind());
    assertTrue(d.summary().contains("OPENAI_API_KEY") && d.summary().contains("secret"), d.summary());
    assertEquals("KeyError: 'OPENAI_API_KEY'", d.evidence());
  }

  @Test
  void aFailingBuildStepIsNamedAndTheLinesAreBounded() {
    hub.repos().create(RepoType.SPACE, ID.toString(), false, Map.of("sdk", "docker"));
    emulation.scriptNextBuild(ID.toString(), List.of("--> FROM python:3.12", "--> RUN pip install -r requirements.txt",
        "Collecting torchh==9.9", "ERROR: Could not find a version that satisfies the requirement torchh==9.9",
        "ERROR: No matching distribution found for torchh==9.9"));
    emulation.failNextBuild(ID.toString(), "process \"/bin/sh -c pip install -r requirements.txt\" did not complete successfully: exit code: 1");
    push(ID, Map.of("Dockerfile", GOOD_DOCKERFILE, "requirements.txt", "torchh==9.9\n"));
    SpaceFailedException e = assertThrows(SpaceFailedException.class,
        () -> spaces.waitForSpace(ID, WAIT, options().failureLogLines(3).build()));
    assertEquals(SpaceStage.BUILD_ERROR, e.stage());
    assertEquals(3, e.logLines().size());
    assertTrue(e.logLines().get(2).text().startsWith("--> ERROR: process"), e.logLines().toString());
    SpaceDiagnosis d = e.diagnosis();
    assertEquals(SpaceDiagnosis.Kind.BUILD_STEP_FAILED, d.kind());
    assertEquals("The build step 'RUN pip install -r requirements.txt' failed: "
        + "ERROR: Could not find a version that satisfies the requirement torchh==9.9", d.summary());
  }

  @Test
  void aResetMidStreamLosesAndRepeatsNothingWhileTheBuildRuns() throws Exception {
    emulation.setBuildDuration(Duration.ofHours(1));
    deploy(ID, Map.of("Dockerfile", GOOD_DOCKERFILE, "app.py", "app = None\n"));
    emulation.cutNextLogStream(ID.toString(), true, 3);
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch steps = new CountDownLatch(6);
    CountDownLatch appended = new CountDownLatch(8);
    CompletableFuture<SpaceLogsSummary> follow = CompletableFuture.supplyAsync(() -> spaces.fetchSpaceLogs(ID,
        SpaceLogsParams.builder().kind(SpaceLogKind.BUILD).follow(true).livenessInterval(Duration.ofMillis(200)).build(),
        l -> {
          seen.add(l.text());
          steps.countDown();
          appended.countDown();
        }));
    // Lines the build prints while it is followed.
    assertTrue(steps.await(30, TimeUnit.SECONDS), seen.toString());
    emulation.appendBuildLog(ID.toString(), "Collecting fastapi", "Successfully installed fastapi");
    assertTrue(appended.await(30, TimeUnit.SECONDS), seen.toString());
    hub.clock().advance(Duration.ofHours(1));
    SpaceLogsSummary summary = follow.get(60, TimeUnit.SECONDS);
    assertEquals(emulation.buildLog(ID.toString()), seen);
    assertEquals(10, seen.size());
    assertTrue(summary.reconnects() >= 1, summary.toString());
  }

  @Test
  void followingIsCancelledByItsToken() throws Exception {
    emulation.setBuildDuration(Duration.ofHours(1));
    deploy(ID, Map.of("Dockerfile", GOOD_DOCKERFILE, "app.py", "app = None\n"));
    io.hf4j.core.CancellationToken token = io.hf4j.core.CancellationToken.create();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch two = new CountDownLatch(2);
    CompletableFuture<SpaceLogsSummary> follow = CompletableFuture.supplyAsync(() -> spaces.fetchSpaceLogs(ID,
        SpaceLogsParams.builder().kind(SpaceLogKind.BUILD).follow(true).cancellationToken(token).build(), l -> {
          seen.add(l.text());
          two.countDown();
        }));
    assertTrue(two.await(30, TimeUnit.SECONDS), seen.toString());
    token.cancel();
    java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> follow.get(30, TimeUnit.SECONDS));
    assertInstanceOf(io.hf4j.core.CancelledException.class, e.getCause());
    assertEquals(emulation.buildLog(ID.toString()).subList(0, seen.size()), seen);
    assertThrows(io.hf4j.core.CancelledException.class, () -> read(ID, SpaceLogsParams.builder().cancellationToken(token).build()),
        "a cancelled token reads nothing");
  }

  @Test
  void badInput() {
    assertThrows(RepositoryNotFoundException.class, () -> read(RepoId.space("testuser/nope"), SpaceLogsParams.defaults()));
    hub.repos().create(RepoType.SPACE, ID.toString(), false, Map.of("sdk", "docker"));
    long start = System.nanoTime();
    assertEquals(List.of(), read(ID, SpaceLogsParams.buildLog()));
    assertEquals(List.of(), read(ID, SpaceLogsParams.builder().follow(true).build()));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "no logs yet ends at once");
  }

  @Test
  void devModeOnAndOff() {
    deploy(ID, Map.of("Dockerfile", GOOD_DOCKERFILE));
    assertTrue(spaces.enableSpaceDevMode(ID).rawJson().contains("\"devMode\":true"));
    assertTrue(spaces.disableSpaceDevMode(ID).rawJson().contains("\"devMode\":false"));
    hub.repos().create(RepoType.SPACE, "testuser/static", false, Map.of("sdk", "static"));
    assertThrows(BadRequestException.class, () -> spaces.enableSpaceDevMode(RepoId.space("testuser/static")));
  }

  @Test
  void thePythonClientReadsTheSameLines() throws Exception {
    deploy(ID, Map.of("Dockerfile", GOOD_DOCKERFILE.replace("7860", "8080"), "app.py", "app = None\n"));
    emulation.scriptNextStart(ID.toString(), List.of("weird \"quoted\" \\ line", "ünïcödé ✓", ""));
    assertThrows(SpaceFailedException.class, () -> spaces.waitForSpace(ID, Duration.ofMinutes(30)));
    String script = """
        import json, sys
        from huggingface_hub import HfApi
        api = HfApi()
        out = {}
        for build in (True, False):
            for follow in (False, True):
                out[("build" if build else "run") + "-" + str(follow).lower()] = list(
                    api.fetch_space_logs(sys.argv[1], build=build, follow=follow))
        print(json.dumps(out))
        """;
    PythonPeer.Result r = PythonPeer.run(dir.resolve("peer"), Duration.ofMinutes(2),
        Map.of("HF_ENDPOINT", hub.url(), "HF_TOKEN", hub.writeToken()), script, ID.toString()).assertSuccess();
    Map<String, List<String>> python = Json.moshi().<Map<String, List<String>>>adapter(
        Types.newParameterizedType(Map.class, String.class, Types.newParameterizedType(List.class, String.class))).fromJson(r.stdout().strip());
    for (SpaceLogKind kind : SpaceLogKind.values()) {
      for (boolean follow : new boolean[] {false, true}) {
        List<String> ours = read(ID, SpaceLogsParams.builder().kind(kind).follow(follow).build());
        assertEquals(python.get(kind.path() + "-" + follow), ours, kind + " follow=" + follow);
        assertTrue(ours.size() >= 3, ours.toString());
      }
    }
    assertTrue(python.get("run-false").contains("ünïcödé ✓"), python.toString());
  }
}
