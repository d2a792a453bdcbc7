package io.hf4j.examples.publishmodel;

import io.hf4j.core.RepoId;
import io.hf4j.examples.ExampleEnv;
import io.hf4j.examples.Slugs;
import io.hf4j.examples.freeflow.NearestCentroid;
import io.hf4j.examples.freeflow.ShapesDataset;
import io.hf4j.examples.freeflow.Trainer;
import io.hf4j.hub.CommitInfo;
import io.hf4j.hub.CreateRepoParams;
import io.hf4j.hub.RepoUrl;
import io.hf4j.hub.UploadFolderParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Publishes the model of a training run: the run is recorded in an embedded SQL database (H2, through
 * JDBC, schema by Flyway migrations, the last of which adds {@code model_url}); the model is pushed to
 * {@code {hf username}/{slug of the training config name}} with {@code createRepo(existOk)} and {@code
 * uploadFolder}; and the model's URL is stored in the run's record.
 *
 * <p>The database is {@code EXAMPLES_DB_URL} when set (any JDBC URL H2 understands, e.g. {@code
 * jdbc:h2:file:./runs}), else a file database in the work folder.
 */
public final class PublishModel {
  /** The training configuration's human name; the repo name is its slug. */
  public static final String CONFIG_NAME = "Shapes: nearest centroid (16x16 ink grid)";

  /** What the flow did. */
  public record Result(
      String jdbcUrl, int migrationsApplied, String schemaVersion, long runId, RepoId repoId, RepoUrl repoUrl,
      CommitInfo commit, TrainingRuns.Run run) {}

  private PublishModel() {}

  /** Runs this flow alone: on the Hub when HF_TOKEN is set, else on the embedded emulator. */
  public static void main(String[] args) {
    try (ExampleEnv env = ExampleEnv.start(System.out)) {
      run(env);
    }
  }

  public static Result run(ExampleEnv env) {
    env.out().println("== publish-model: push a run's model, record its URL in SQL");
    String jdbcUrl = env.setting("EXAMPLES_DB_URL")
        .orElse("jdbc:h2:file:" + env.workDir().resolve("runs").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    TrainingRuns.Opened db = TrainingRuns.open(jdbcUrl);
    env.say("database", describe(jdbcUrl) + ": schema v" + db.schemaVersion() + ", " + db.migrationsApplied()
        + " migration(s) applied now (V1 training_runs, V2 model_url)");

    // 1. A training run, recorded as it finishes.
    Path data = env.newDir("publish-dataset");
    ShapesDataset.generate(data, 12, 6, 11);
    List<NearestCentroid.Sample> test = NearestCentroid.readSplit(data.resolve("test"));
    NearestCentroid model = NearestCentroid.fit(NearestCentroid.readSplit(data.resolve("train")));
    double accuracy = model.accuracy(test);
    long runId = db.runs().insert(CONFIG_NAME, "local:" + data.getFileName(), accuracy, Instant.now());
    env.say("run", String.format(Locale.ROOT, "#%d '%s': test accuracy %.1f%%", runId, CONFIG_NAME, accuracy * 100));

    // 2. The repo name comes from the user and the config: {user}/{slug}.
    RepoId repoId = RepoId.of(env.namespace(), Slugs.slug(CONFIG_NAME));
    RepoUrl repoUrl = env.hub().createRepo(repoId, CreateRepoParams.builder().privateRepo(true).existOk(true).build());
    Path folder = env.newDir("publish-model");
    try {
      Files.writeString(folder.resolve(NearestCentroid.FILE_NAME), model.toJson(), StandardCharsets.UTF_8);
      Files.writeString(folder.resolve("README.md"), """
          ---
          library_name: hf4j
          pipeline_tag: image-classification
          tags:
          - nearest-centroid
          - hf4j-examples
          ---
          # %s

          Training run #%d of the hf4j `publish-model` example. Test accuracy: %.3f.
          """.formatted(CONFIG_NAME, runId, accuracy), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CommitInfo commit = env.hub().uploadFolder(repoId, folder, UploadFolderParams.builder()
        .commitMessage("Publish training run #" + runId)
        .build());
    env.say("model", repoUrl.url() + " (private; {user}/{slug of the config name}), commit " + Trainer.shortOid(commit.oid()));

    // 3. The run's record gets the model's URL.
    db.runs().setModelUrl(runId, repoUrl.url());
    TrainingRuns.Run run = db.runs().find(runId).orElseThrow();
    env.say("record", "training_runs #" + run.id() + " model_url = " + run.modelUrl().orElse("(none)"));
    return new Result(jdbcUrl, db.migrationsApplied(), db.schemaVersion(), runId, repoId, repoUrl, commit, run);
  }

  /** "H2 file database at /path" for the default URL; any other JDBC URL without a password it may carry. */
  static String describe(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:file:")) {
      return "H2 file database " + jdbcUrl.substring("jdbc:h2:file:".length()).replaceAll(";.*$", "");
    }
    return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1****");
  }
}
