package io.hf4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.examples.deployspace.SampleDockerApp;
import io.hf4j.examples.fashion.GarmentImages;
import io.hf4j.examples.freeflow.NearestCentroid;
import io.hf4j.examples.freeflow.ShapesDataset;
import io.hf4j.examples.publishmodel.TrainingRuns;
import io.hf4j.spaces.EnvFile;
import io.hf4j.spaces.PreflightReport;
import io.hf4j.spaces.SpacePreflight;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flows' building blocks, without a Hub. */
class PiecesTest {
  @TempDir Path dir;

  @Test
  void slugsAreValidRepoNames() {
    assertEquals("shapes-nearest-centroid-16x16-ink-grid", Slugs.slug("Shapes: nearest centroid (16x16 ink grid)"));
    assertEquals("resume-v2", Slugs.slug("  Résumé -- v2!! "));
    assertEquals("a".repeat(96), Slugs.slug("a".repeat(120)));
    RepoId.of("testuser", Slugs.slug("Clasificación de prendas / ViT-B_16 (fine-tuned)"));
    assertThrows(IllegalArgumentException.class, () -> Slugs.slug("¿?!"));
  }

  @Test
  void theGeneratedDatasetIsAnnotatedAndReproducible() throws Exception {
    int files = ShapesDataset.generate(dir.resolve("a"), 4, 2, 42);
    ShapesDataset.generate(dir.resolve("b"), 4, 2, 42);
    assertEquals(4 * 3 + 2 * 3 + 3, files);
    List<String> meta = Files.readAllLines(dir.resolve("a/train/metadata.jsonl"));
    assertEquals(12, meta.size());
    assertTrue(meta.get(0).matches("\\{\"file_name\": \"circle_000.png\", \"label\": \"circle\", \"bbox\": \\[\\d+, \\d+, \\d+, \\d+]}"), meta.get(0));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a/test/square_001.png")), Files.readAllBytes(dir.resolve("b/test/square_001.png")));
    assertTrue(Files.readString(dir.resolve("a/README.md")).contains("task_categories:"));
  }

  @Test
  void nearestCentroidLearnsTheShapesAndRoundTripsAsJson() {
    ShapesDataset.generate(dir, 10, 5, 3);
    NearestCentroid model = NearestCentroid.fit(NearestCentroid.readSplit(dir.resolve("train")));
    List<NearestCentroid.Sample> test = NearestCentroid.readSplit(dir.resolve("test"));
    assertEquals(ShapesDataset.LABELS, model.labels());
    assertTrue(model.accuracy(test) >= 0.9, "accuracy " + model.accuracy(test));
    NearestCentroid again = NearestCentroid.fromJson(model.toJson());
    assertEquals(model, again);
    assertEquals(model.predict(test.get(0).image()), again.predict(test.get(0).image()));
  }

  @Test
  void theGarmentClassifierTellsTheSilhouettesApart() {
    for (String kind : GarmentImages.KINDS) {
      assertEquals(kind, GarmentImages.classify(GarmentImages.draw(kind, new Color(120, 20, 40))).label(), kind);
    }
    assertThrows(IllegalArgumentException.class, () -> GarmentImages.classify("not a png".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theSampleAppPassesPreflightButItsDotEnvStaysLocal() {
    Path app = SampleDockerApp.write(dir.resolve("app"), "demo");
    PreflightReport report = SpacePreflight.check(app);
    assertEquals(List.of(), report.errors(), report.toString());
    assertEquals("docker", report.sdk());
    assertEquals(7860, report.appPort());
    assertEquals(List.of(".env"), report.excludedPaths());
    assertEquals(SampleDockerApp.LOCAL_ENV, EnvFile.read(app.resolve(".env")));
  }

  @Test
  void theMigrationsCreateTheRunsTableAndAddModelUrl() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("runs").toAbsolutePath();
    TrainingRuns.Opened opened = TrainingRuns.open(url);
    assertEquals(2, opened.migrationsApplied());
    long id = opened.runs().insert("cfg", "local:data", 0.75, Instant.parse("2026-01-02T03:04:05Z"));
    assertTrue(opened.runs().find(id).orElseThrow().modelUrl().isEmpty());
    opened.runs().setModelUrl(id, "https://huggingface.co/u/cfg");
    assertEquals("https://huggingface.co/u/cfg", opened.runs().find(id).orElseThrow().modelUrl().orElseThrow());
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        ResultSet rs = c.getMetaData().getColumns(null, null, "TRAINING_RUNS", "MODEL_URL")) {
      assertTrue(rs.next(), "model_url column");
    }
    assertEquals(0, TrainingRuns.open(url).migrationsApplied(), "already current");
    assertThrows(IllegalStateException.class, () -> opened.runs().setModelUrl(999, "x"));
  }
}
