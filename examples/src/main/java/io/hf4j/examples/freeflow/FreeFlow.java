package io.hf4j.examples.freeflow;

import io.hf4j.core.HfToken;
import io.hf4j.core.RepoId;
import io.hf4j.examples.ExampleEnv;
import io.hf4j.hub.CommitInfo;
import io.hf4j.hub.CreateRepoParams;
import io.hf4j.hub.DownloadParams;
import io.hf4j.hub.UploadFileParams;
import io.hf4j.hub.UploadFolderParams;
import io.hf4j.jobs.JobHardwareInfo;
import io.hf4j.jobs.JobInfo;
import io.hf4j.jobs.JobLogLine;
import io.hf4j.jobs.RunJobParams;
import io.hf4j.jobs.JobStage;
import io.hf4j.testkit.HubEmulator;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The FreeFlow training flow: a private dataset repo with a generated, annotated image dataset; the
 * Jobs hardware list and a flavor picked from it; a training job on HF Jobs with the token passed as a
 * job secret, its log streamed as it runs; the trained model published to a private model repo by the
 * job; and the model downloaded back and checked.
 *
 * <p>On the emulator the job's image is bound to {@link Trainer#runJob}, so the job really trains,
 * in process. Inside a Space the token is the Space's {@code HF_TOKEN} secret and the repos go to the
 * Space's author (see {@link ExampleEnv}).
 */
public final class FreeFlow {
  /** The dataset repo's name (in the user's namespace). */
  public static final String DATASET_NAME = "freeflow-shapes";
  /** The model repo's name. */
  public static final String MODEL_NAME = "freeflow-shapes-classifier";
  /** Where the job finds this jar on the real Hub, in the dataset repo. */
  static final String TRAINER_JAR = "trainer/hf4j-examples.jar";

  /** What the flow did. */
  public record Result(
      RepoId dataset, RepoId model, CommitInfo datasetCommit, JobHardwareInfo flavor, JobInfo job,
      List<String> log, Path downloadedModel, double accuracy) {}

  private FreeFlow() {}

  /** Runs this flow alone: on the Hub when HF_TOKEN is set, else on the embedded emulator. */
  public static void main(String[] args) {
    try (ExampleEnv env = ExampleEnv.start(System.out)) {
      run(env);
    }
  }

  public static Result run(ExampleEnv env) {
    env.out().println("== freeflow: train on HF Jobs, publish the model, download it back");
    String ns = env.namespace();
    RepoId dataset = RepoId.dataset(ns + "/" + DATASET_NAME);
    RepoId model = RepoId.of(ns, MODEL_NAME);
    HfToken token = env.config().requireToken("run the FreeFlow training job");

    // 1. The dataset: generated here, pushed to a private dataset repo.
    Path data = env.newDir("freeflow-dataset");
    int files = ShapesDataset.generate(data, 20, 10, 7);
    env.hub().createRepo(dataset, CreateRepoParams.builder().privateRepo(true).existOk(true).build());
    CommitInfo datasetCommit = env.hub().uploadFolder(dataset, data, UploadFolderParams.builder()
        .commitMessage("Add the generated shapes dataset")
        .build());
    env.say("dataset", String.format(Locale.ROOT, "%s (private): %d files, %d classes, commit %s", dataset, files,
        ShapesDataset.LABELS.size(), Trainer.shortOid(datasetCommit.oid())));

    // 2. The hardware: the cheapest CPU flavor, unless FREEFLOW_FLAVOR names one.
    List<JobHardwareInfo> hardware = env.jobs().listJobsHardware();
    JobHardwareInfo flavor = pickFlavor(hardware, env.setting("FREEFLOW_FLAVOR"));
    env.say("hardware", String.format(Locale.ROOT, "%d flavors offered; picked %s (%s, %s RAM, $%.2f/h)", hardware.size(),
        flavor.name(), flavor.prettyName(), flavor.ram(), flavor.hourlyCostUsd()));

    // 3. The job: the token travels as a secret, never as a plain environment variable.
    env.hub().createRepo(model, CreateRepoParams.builder().privateRepo(true).existOk(true).build());
    Optional<HubEmulator> emulator = env.emulator();
    if (emulator.isPresent()) {
      emulator.get().jobImages().bind(Trainer.IMAGE, Trainer::runJob);
    } else {
      Path jar = ownJar().orElseThrow(() -> new IllegalStateException(
          "On the real Hub the training job fetches the examples jar: run the flow with java -jar hf4j-examples.jar"));
      env.hub().uploadFile(dataset, jar, TRAINER_JAR, UploadFileParams.builder()
          .commitMessage("Add the trainer").build());
      env.say("trainer", "uploaded " + jar.getFileName() + " to " + dataset + " for the job to fetch");
    }
    JobInfo job = env.jobs().runJob(RunJobParams.builder()
        .image(Trainer.IMAGE)
        .command("sh", "-c", "curl -fsSL -H \"Authorization: Bearer $HF_TOKEN\" -o /tmp/trainer.jar"
            + " \"$HF_ENDPOINT/datasets/$DATASET_REPO/resolve/main/" + TRAINER_JAR + "\""
            + " && exec java -Djava.awt.headless=true -cp /tmp/trainer.jar " + Trainer.class.getName())
        .env("HF_ENDPOINT", env.endpoint())
        .env("DATASET_REPO", dataset.toString())
        .env("MODEL_REPO", model.toString())
        .secret("HF_TOKEN", token.reveal())
        .flavor(flavor.name())
        .timeout(Duration.ofMinutes(15))
        .name("freeflow-train")
        .build());
    env.say("job", job.id() + " submitted on " + flavor.name() + " (" + job.stage() + "), secrets " + job.secrets());

    List<String> log = new ArrayList<>();
    try (Stream<JobLogLine> lines = env.jobs().fetchJobLogs(job.id())) {
      lines.forEach(line -> {
        log.add(line.text());
        env.out().println("    | " + line.text());
      });
    }
    JobInfo done = env.jobs().waitForJob(job.id(), Duration.ofMinutes(20));
    if (!done.stage().equals(JobStage.COMPLETED)) {
      throw new IllegalStateException("The training job " + done.id() + " ended in " + done.stage()
          + (done.status().message() == null ? "" : ": " + done.status().message()));
    }
    env.say("job", done.id() + " " + done.stage() + (env.embedded() ? "" : durationText(done)));

    // 4. The model, as the job published it: downloaded back and checked on the local test split.
    Path downloaded = env.hub().hfHubDownload(model, NearestCentroid.FILE_NAME, DownloadParams.builder()
        .localDir(env.newDir("freeflow-model"))
        .build());
    NearestCentroid fitted = NearestCentroid.read(downloaded.getParent());
    List<NearestCentroid.Sample> test = NearestCentroid.readSplit(data.resolve("test"));
    double accuracy = fitted.accuracy(test);
    env.say("model", env.webUrl(model.toString()) + " (private), published by the job");
    env.say("download", String.format(Locale.ROOT, "%s -> classes %s, %.0f%% right on %d test images",
        NearestCentroid.FILE_NAME, fitted.labels(), accuracy * 100, test.size()));
    return new Result(dataset, model, datasetCommit, flavor, done, List.copyOf(log), downloaded, accuracy);
  }

  /** The flavor named {@code wanted}, else the cheapest CPU flavor, else the cheapest of all. */
  static JobHardwareInfo pickFlavor(List<JobHardwareInfo> hardware, Optional<String> wanted) {
    if (hardware.isEmpty()) throw new IllegalStateException("The Hub lists no Jobs hardware");
    if (wanted.isPresent()) {
      return hardware.stream().filter(h -> h.name().value().equals(wanted.get())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("FREEFLOW_FLAVOR=" + wanted.get() + " is not offered; choose one of "
              + hardware.stream().map(h -> h.name().value()).toList()));
    }
    Comparator<JobHardwareInfo> cheapest = Comparator.comparingDouble(JobHardwareInfo::unitCostUsd);
    return hardware.stream().filter(JobHardwareInfo::isCpu).min(cheapest)
        .orElseGet(() -> hardware.stream().min(cheapest).orElseThrow());
  }

  private static String durationText(JobInfo job) {
    if (job.startedAt() == null || job.finishedAt() == null) return "";
    Duration d = Duration.between(job.startedAt(), job.finishedAt());
    return " after " + d.toSeconds() + " s";
  }

  private static Optional<Path> ownJar() {
    CodeSource source = FreeFlow.class.getProtectionDomain().getCodeSource();
    if (source == null) return Optional.empty();
    try {
      Path p = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
