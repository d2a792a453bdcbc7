package io.hf4j.examples;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.examples.deployspace.DeploySpace;
import io.hf4j.examples.publishmodel.PublishModel;
import io.hf4j.spaces.SpaceTokenNotFoundException;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.spaces.SpacesEmulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link ExampleEnv} picks the Hub: a token in the environment means "the real Hub" (here a
 * separately started emulator standing in for it), {@code SPACE_ID} means "inside a Space", nothing
 * means the embedded emulator.
 */
class ExampleEnvTest {
  private static HubEmulator remote;
  @TempDir Path home;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeAll
  static void startRemote() {
    remote = HubEmulator.builder().build().start();
  }

  @AfterAll
  static void stopRemote() {
    remote.close();
  }

  private PrintStream print() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  @Test
  void aTokenInTheEnvironmentMeansTheHubAtHfEndpoint() {
    Map<String, String> vars = Map.of("HF_TOKEN", remote.writeToken(), "HF_ENDPOINT", remote.url(), "HF_HOME", home.toString());
    try (ExampleEnv env = ExampleEnv.start(vars, print(), 1)) {
      assertFalse(env.embedded());
      assertTrue(env.emulator().isEmpty());
      assertEquals("testuser", env.namespace());
      // The flows then act on that Hub: publish-model's repo lands on the "remote" emulator.
      PublishModel.Result r = PublishModel.run(env);
      assertNotNull(remote.findRepo(RepoType.MODEL, r.repoId().toString()));
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("using the Hub at " + remote.url()), text);
    assertFalse(text.contains(remote.writeToken()), "the token is never printed");
  }

  @Test
  void insideASpaceTheSpaceSecretTokenAndItsAuthorAreUsed() {
    Map<String, String> vars = Map.of(
        "SPACE_ID", "testorg/freeflow-app",
        "SPACE_AUTHOR_NAME", "testorg",
        "SPACE_REPO_NAME", "freeflow-app",
        "HF_TOKEN", remote.writeToken(),
        "HF_ENDPOINT", remote.url(),
        "HF_HOME", home.toString());
    try (ExampleEnv env = ExampleEnv.start(vars, print(), 1)) {
      assertFalse(env.embedded());
      assertEquals("testorg/freeflow-app", env.space().orElseThrow().spaceId());
      assertEquals("testorg", env.namespace(), "repos go to the Space's author");
      assertEquals(remote.writeToken(), env.config().requireToken("test").reveal());
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("inside the Space testorg/freeflow-app"));
  }

  @Test
  void insideASpaceWithoutAnHfTokenSecretFailsWithAHint() {
    Map<String, String> vars = Map.of("SPACE_ID", "testorg/freeflow-app", "HF_HOME", home.toString());
    SpaceTokenNotFoundException e = assertThrows(SpaceTokenNotFoundException.class, () -> ExampleEnv.start(vars, print(), 1));
    assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());
  }

  @Test
  void noTokenMeansTheEmbeddedEmulatorAndItIsAnnounced() {
    ExampleEnv env = ExampleEnv.start(Map.of(), print(), 60);
    String url = env.emulator().orElseThrow().url();
    Path work = env.workDir();
    try {
      assertTrue(env.embedded());
      assertEquals("testuser", env.namespace());
      assertTrue(java.nio.file.Files.isDirectory(work));
    } finally {
      env.close();
    }
    assertFalse(java.nio.file.Files.exists(work), "the work folder is deleted on close");
    assertThrows(java.io.IOException.class, () -> java.net.URI.create(url + "/api/models").toURL().openStream().close(),
        "the emulator is stopped on close");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("no HF_TOKEN set, so an embedded Hub emulator runs at http://127.0.0.1:"));
  }

  @Test
  void deploySpaceReportsABuildErrorInsteadOfCallingTheApp() {
    try (ExampleEnv env = ExampleEnv.start(Map.of(), print(), 60)) {
      HubEmulator hub = env.emulator().orElseThrow();
      String id = "testuser/" + DeploySpace.SPACE_NAME;
      hub.repos().create(RepoType.SPACE, id, true, Map.of("sdk", "docker"));
      hub.module(SpacesEmulation.class).failNextBuild(id, "pip install failed: no matching distribution for fastapi==0.115.6");

      DeploySpace.Result r = DeploySpace.run(env);

      assertFalse(r.running());
      assertTrue(r.failure().contains("BUILD_ERROR"), r.failure());
      assertTrue(r.failure().contains("pip install failed"), r.failure());
      assertEquals(null, r.health());
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("failed    BUILD_ERROR: pip install failed"), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theBrokenDeployShowsTheDiagnosisAndExitsNonZero() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ExamplesMain.run(new String[] {"deploy-space-broken"}, Map.of(), print(), new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, text + err);
    assertTrue(text.contains("PORT_MISMATCH"), text);
    assertTrue(text.contains("build |   --> FROM python:3.12-slim"), text);
    assertTrue(text.contains("run |     INFO:     Uvicorn running on http://0.0.0.0:8080"), text);
    assertTrue(text.contains("failed    RUNTIME_ERROR"), text);
    assertTrue(text.contains("diagnosis The app listens on port 8080 but the Space sends traffic to port 7860 (app_port)"), text);
    assertTrue(text.contains("failed: deploy-space-broken"), text);
  }

  @Test
  void theMainClassRunsTheNamedFlowsAndSumsUp() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ExamplesMain.run(new String[] {"publish-model"}, Map.of(), print(), new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text + err);
    assertTrue(text.contains("== publish-model"), text);
    assertTrue(text.matches("(?s).*\\n1 of 1 flow\\(s\\) done in \\d+\\.\\d s\\R"), text);
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theMainClassRejectsAnUnknownFlowWithOneLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ExamplesMain.run(new String[] {"freefow"}, Map.of(), print(), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals("error: unknown flow 'freefow'; choose from all, freeflow, deploy-space, publish-model, fashion, deploy-space-broken", e.strip());
    assertEquals(0, ExamplesMain.run(new String[] {"--help"}, Map.of(), print(), print()));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: java -jar hf4j-examples.jar"));
  }
}
