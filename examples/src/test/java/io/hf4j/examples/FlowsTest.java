package io.hf4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.examples.deployspace.DeploySpace;
import io.hf4j.examples.fashion.Fashion;
import io.hf4j.examples.freeflow.FreeFlow;
import io.hf4j.examples.freeflow.NearestCentroid;
import io.hf4j.examples.publishmodel.PublishModel;
import io.hf4j.jobs.JobStage;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RepoView;
import io.hf4j.testkit.jobs.JobsEmulation;
import io.hf4j.testkit.spaces.SpacesEmulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four flows end to end on the embedded emulator and S3 server, as {@code java -jar hf4j-examples.jar all} runs them. */
class FlowsTest {
  private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
  private static ExampleEnv env;
  private static HubEmulator hub;

  @BeforeAll
  static void start() {
    env = ExampleEnv.start(Map.of(), new PrintStream(OUT, true, StandardCharsets.UTF_8), 60);
    hub = env.emulator().orElseThrow();
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  private static String output() {
    return OUT.toString(StandardCharsets.UTF_8);
  }

  @Test
  void freeflowTrainsOnJobsWithTheTokenAsASecretAndPublishesAPrivateModel() throws Exception {
    FreeFlow.Result r = FreeFlow.run(env);

    RepoView dataset = hub.repo(RepoType.DATASET, "testuser/freeflow-shapes");
    assertTrue(dataset.isPrivate());
    assertTrue(dataset.files("main").containsKey("train/metadata.jsonl"));
    assertTrue(new String(dataset.fileBytes("main", "test/metadata.jsonl"), StandardCharsets.UTF_8).contains("\"bbox\""));

    assertEquals(JobStage.COMPLETED, r.job().stage());
    assertEquals(java.util.List.of("HF_TOKEN"), r.job().secrets());
    assertFalse(r.job().environment().containsValue(HubEmulator.DEFAULT_WRITE_TOKEN), "the token must travel as a secret only");
    assertEquals("cpu-basic", r.flavor().name().value(), "the cheapest CPU flavor");
    JobsEmulation jobs = hub.module(JobsEmulation.class);
    assertTrue(jobs.logLines(r.job().id()).stream().anyMatch(l -> l.startsWith("test accuracy")), jobs.logLines(r.job().id()).toString());
    assertTrue(r.log().stream().anyMatch(l -> l.startsWith("uploaded the model to testuser/freeflow-shapes-classifier")), r.log().toString());

    RepoView model = hub.repo("testuser/freeflow-shapes-classifier");
    assertTrue(model.isPrivate());
    byte[] published = model.fileBytes("main", NearestCentroid.FILE_NAME);
    assertEquals(java.util.List.of("circle", "square", "triangle"), NearestCentroid.fromJson(new String(published, StandardCharsets.UTF_8)).labels());
    assertTrue(model.commits("main").get(0).title().startsWith("Train on testuser/freeflow-shapes"));
    assertEquals(sha(published), sha(java.nio.file.Files.readAllBytes(r.downloadedModel())), "downloaded back byte for byte");
    assertTrue(r.accuracy() >= 0.9, "accuracy " + r.accuracy());
    assertTrue(hub.tokenLeaks().isEmpty(), "no token sent to storage: " + hub.tokenLeaks());
    assertFalse(output().contains(HubEmulator.DEFAULT_WRITE_TOKEN), "the token never printed");
  }

  @Test
  void deploySpaceKeepsDotEnvLocalSetsSecretsAndCallsHealth() {
    DeploySpace.Result r = DeploySpace.run(env);

    assertTrue(r.running(), String.valueOf(r.failure()));
    assertTrue(r.preflight().excludedPaths().contains(".env"), r.preflight().toString());
    RepoView space = hub.repo(RepoType.SPACE, "testuser/hf4j-backend-demo");
    assertTrue(space.isPrivate());
    assertFalse(space.files("main").containsKey(".env"), "the local .env must not be pushed");
    assertTrue(space.files("main").containsKey("Dockerfile"));
    SpacesEmulation spaces = hub.module(SpacesEmulation.class);
    String id = "testuser/hf4j-backend-demo";
    assertEquals(java.util.Set.of("DATABASE_URL", "JWT_SECRET_KEY", "CORS_ORIGINS"), spaces.secretNames(id));
    assertEquals("http://localhost:3000,https://app.example.com", spaces.secretValue(id, "CORS_ORIGINS"),
        "CORS origins as one comma-separated string");
    assertEquals("production", env.spaces().getSpaceVariables(io.hf4j.core.RepoId.space(id)).get("APP_ENV").value());
    assertNotNull(r.health());
    assertTrue(r.health().contains("\"status\":\"ok\""), r.health());
    assertTrue(r.health().contains("\"JWT_SECRET_KEY\":true"), r.health());
    assertFalse(output().contains("local-development-signing-key"), "secret values are never printed");
    String out = output();
    int build = out.indexOf("build |   --> RUN pip install --no-cache-dir --user -r requirements.txt");
    int started = out.indexOf("run |     INFO:     Uvicorn running on http://0.0.0.0:7860");
    int runtime = out.indexOf("runtime   RUNNING");
    assertTrue(build >= 0 && started > build && runtime > started, "the build log, then the app's start, then RUNNING:\n" + out);
  }

  @Test
  void publishModelPushesUnderUserSlugAndStoresTheUrlInTheRunRecord() {
    PublishModel.Result first = PublishModel.run(env);

    assertEquals("testuser/shapes-nearest-centroid-16x16-ink-grid", first.repoId().toString());
    assertEquals(2, first.migrationsApplied(), "V1 creates the table, V2 adds model_url");
    assertEquals("2", first.schemaVersion());
    assertEquals(first.repoUrl().url(), first.run().modelUrl().orElseThrow());
    assertTrue(first.repoUrl().url().endsWith("/testuser/shapes-nearest-centroid-16x16-ink-grid"), first.repoUrl().url());
    RepoView repo = hub.repo("testuser/shapes-nearest-centroid-16x16-ink-grid");
    assertTrue(repo.isPrivate());
    assertTrue(repo.files("main").containsKey(NearestCentroid.FILE_NAME));

    // Again: the repo exists (existOk), the schema is current, the new run gets the same URL.
    PublishModel.Result second = PublishModel.run(env);
    assertEquals(0, second.migrationsApplied());
    assertEquals(first.runId() + 1, second.runId());
    assertEquals(first.repoUrl().url(), second.run().modelUrl().orElseThrow());
    assertEquals("Publish training run #" + second.runId(), repo.commits("main").get(0).title());
  }

  @Test
  void fashionStoresThePhotoInR2ClassifiesItAndDeletesIt() throws Exception {
    Fashion.Result r = Fashion.run(env);

    assertTrue(r.objectKey().startsWith("fashion-ai/garments/"), r.objectKey());
    assertTrue(r.garment().imageUrl().toString().endsWith("/hf4j-examples/" + r.objectKey()), r.garment().imageUrl().toString());
    assertEquals(200, r.publicStatus(), "the public URL serves the photo");
    assertTrue(r.publicContentType().startsWith("image/png"), r.publicContentType());
    assertEquals("t-shirt", r.cnn().get("label"));
    assertEquals("t-shirt", r.vit().get("label"));
    assertEquals("garment-cnn", r.cnn().get("model"));
    assertEquals("garment-vit", r.vit().get("model"));
    // The app hashes what arrived in the form field "imagen": the photo itself.
    byte[] photo = io.hf4j.examples.fashion.GarmentImages.draw("t-shirt", new java.awt.Color(30, 80, 160));
    assertEquals(sha(photo), r.cnn().get("sha256"));
    assertFalse(r.storedAfterDelete(), "deleting the garment deletes the photo");
    assertEquals(404, r.publicStatusAfterDelete());
    assertNull(env.r2().listObjects("garments/").filter(o -> o.key().contains(r.garment().id())).findFirst().orElse(null));
  }

  static String sha(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
