package io.hf4j.examples.freeflow;

import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoId;
import io.hf4j.hub.CommitInfo;
import io.hf4j.hub.HubClient;
import io.hf4j.hub.SnapshotDownloadParams;
import io.hf4j.hub.UploadFolderParams;
import io.hf4j.testkit.spi.JobRunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The training job of FreeFlow: reads the dataset repo through hf4j, fits a {@link NearestCentroid}
 * on its {@code train} split, measures it on {@code test}, and uploads the model with its card to the
 * model repo. It takes everything from the job's environment: {@code DATASET_REPO}, {@code
 * MODEL_REPO}, {@code HF_ENDPOINT}, and the token from the {@code HF_TOKEN} secret.
 *
 * <p>On the real Hub it runs as {@link #main} in an {@link #IMAGE} container (the job fetches this jar
 * first); on the emulator the same code runs in process, bound to the image by {@link #runJob}.
 */
public final class Trainer {
  /** The image the training job runs: a JRE with curl. */
  public static final String IMAGE = "eclipse-temurin:17-jre";

  /** What a training run produced. */
  public record Result(int trainImages, int testImages, double testAccuracy, CommitInfo commit) {}

  private Trainer() {}

  /** Entry point inside the job's container. */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    HfConfig config = HfConfig.builder().fromEnv(env).build();
    train(config, RepoId.dataset(require(env, "DATASET_REPO")), RepoId.of(require(env, "MODEL_REPO")), line -> {
      System.out.println(line);
      System.out.flush();
    });
  }

  /**
   * The in-process stand-in for the container on the emulator: the same training, with the job's
   * environment and secrets, logging to the job's log.
   */
  public static int runJob(JobRunContext job) throws IOException {
    Map<String, String> env = job.environment();
    String token = job.secrets().get("HF_TOKEN");
    if (token == null) {
      job.log("error: the job has no HF_TOKEN secret; pass the token with RunJobParams.Builder.secret(\"HF_TOKEN\", ...)");
      return 2;
    }
    Path home = Files.createTempDirectory("hf4j-trainer-");
    try {
      HfConfig config = HfConfig.builder()
          .endpoint(require(env, "HF_ENDPOINT"))
          .token(token)
          .hfHome(home)
          .build();
      train(config, RepoId.dataset(require(env, "DATASET_REPO")), RepoId.of(require(env, "MODEL_REPO")), job::log);
      return 0;
    } finally {
      io.hf4j.examples.ExampleFiles.deleteTree(home);
    }
  }

  /** Downloads the dataset, fits, evaluates and publishes; {@code log} gets one line per step. */
  public static Result train(HfConfig config, RepoId dataset, RepoId model, Consumer<String> log) {
    HubClient hub = HubClient.create(config);
    Path work;
    try {
      work = Files.createTempDirectory("hf4j-train-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      log.accept("downloading dataset " + dataset);
      Path data = hub.snapshotDownload(dataset, SnapshotDownloadParams.builder()
          .localDir(work.resolve("dataset"))
          .ignorePatterns("trainer/*")
          .build());
      List<NearestCentroid.Sample> train = NearestCentroid.readSplit(data.resolve("train"));
      List<NearestCentroid.Sample> test = NearestCentroid.readSplit(data.resolve("test"));
      log.accept("fitting nearest-centroid on " + train.size() + " training images");
      NearestCentroid fitted = NearestCentroid.fit(train);
      double accuracy = fitted.accuracy(test);
      log.accept(String.format(Locale.ROOT, "test accuracy %.1f%% on %d images", accuracy * 100, test.size()));
      Path out = Files.createDirectories(work.resolve("model"));
      Files.writeString(out.resolve(NearestCentroid.FILE_NAME), fitted.toJson(), StandardCharsets.UTF_8);
      Files.writeString(out.resolve("README.md"), card(dataset, fitted, accuracy, test.size()), StandardCharsets.UTF_8);
      CommitInfo commit = hub.uploadFolder(model, out, UploadFolderParams.builder()
          .commitMessage(String.format(Locale.ROOT, "Train on %s (test accuracy %.3f)", dataset, accuracy))
          .build());
      log.accept("uploaded the model to " + model + " at " + shortOid(commit.oid()));
      return new Result(train.size(), test.size(), accuracy, commit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      io.hf4j.examples.ExampleFiles.deleteTree(work);
    }
  }

  static String card(RepoId dataset, NearestCentroid model, double accuracy, int testImages) {
    return """
        ---
        library_name: hf4j
        pipeline_tag: image-classification
        datasets:
        - %s
        metrics:
        - accuracy
        tags:
        - nearest-centroid
        - hf4j-examples
        ---
        # Shapes nearest-centroid classifier

        Trained by the hf4j `freeflow` example on [%s](../../datasets/%s): one centroid per class (%s) over a
        %dx%d grid of ink shares. Test accuracy: %.3f on %d images. Weights: `%s`.
        """.formatted(dataset, dataset, dataset, String.join(", ", model.labels()), model.grid(), model.grid(),
        accuracy, testImages, NearestCentroid.FILE_NAME);
  }

  /** The first 7 characters of a commit id, as git shows it. */
  public static String shortOid(String oid) {
    return oid.length() > 7 ? oid.substring(0, 7) : oid;
  }

  private static String require(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) throw new IllegalStateException("the job's environment has no " + name);
    return v;
  }
}
