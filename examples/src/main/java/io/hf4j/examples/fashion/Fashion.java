package io.hf4j.examples.fashion;

import com.squareup.moshi.Types;
import io.hf4j.core.RepoId;
import io.hf4j.core.SpaceSdk;
import io.hf4j.examples.ExampleEnv;
import io.hf4j.hub.CreateRepoParams;
import io.hf4j.hub.UploadFolderParams;
import io.hf4j.spaces.SpaceHttpClient;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.spaces.SpacesEmulation;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Fashion AI flow: a garment's photo is stored in R2 under {@code R2_FOLDER} and served from the
 * bucket's public URL; an inference Space classifies it ({@code POST /classify} and {@code POST
 * /classify-vit}, the image in the multipart field {@code imagen}); deleting the garment deletes the
 * photo.
 *
 * <p>The inference Space is {@code FASHION_SPACE} on the real Hub. On the emulator the flow creates
 * {@code <user>/fashion-classifier} and binds its host to {@link ClassifierApp}.
 */
public final class Fashion {
  /** The emulated inference Space's name. */
  public static final String SPACE_NAME = "fashion-classifier";
  private static final Type JSON_OBJECT = Types.newParameterizedType(Map.class, String.class, Object.class);

  /** What the flow did. */
  public record Result(
      GarmentCatalog.Garment garment, String objectKey, int publicStatus, String publicContentType,
      RepoId inferenceSpace, Map<String, Object> cnn, Map<String, Object> vit, boolean storedAfterDelete,
      int publicStatusAfterDelete) {}

  private Fashion() {}

  /** Runs this flow alone: on the Hub when HF_TOKEN is set, else on the embedded emulator. */
  public static void main(String[] args) {
    try (ExampleEnv env = ExampleEnv.start(System.out)) {
      run(env);
    }
  }

  public static Result run(ExampleEnv env) {
    env.out().println("== fashion: a garment photo in R2, classified by an inference Space");
    GarmentCatalog catalog = new GarmentCatalog(env.r2());

    // 1. The upload: the photo goes to R2, the garment keeps its public URL.
    byte[] photo = GarmentImages.draw("t-shirt", new Color(30, 80, 160));
    GarmentCatalog.Garment garment = catalog.add("Blue t-shirt", photo, "image/png");
    String objectKey = catalog.objectKey(garment);
    env.say("r2", "stored " + objectKey + " (" + photo.length + " bytes, image/png)");
    String[] fetched = fetchPublic(env, garment);
    env.say("public", garment.imageUrl() + " -> " + fetched[0] + " " + fetched[1]);

    // 2. The inference Space, called with the image in the form field "imagen".
    RepoId spaceId = inferenceSpace(env);
    SpaceHttpClient.Builder builder = SpaceHttpClient.builder(env.spaces(), spaceId).wakeTimeout(Duration.ofMinutes(5));
    Optional<HubEmulator> emulator = env.emulator();
    if (emulator.isPresent()) {
      builder.baseUrl(emulator.get().module(SpacesEmulation.class).appUrl(spaceId.toString()));
    }
    // The token goes to the Space's host only when the Space is private: a public Space never needs it.
    builder.sendToken(Boolean.TRUE.equals(env.hub().spaceInfo(spaceId).privateRepo()));
    SpaceHttpClient app = builder.build();
    Map<String, Object> cnn = classify(app, "/classify", photo);
    Map<String, Object> vit = classify(app, "/classify-vit", photo);
    env.say("classify", spaceId + ": /classify -> " + describe(cnn) + "; /classify-vit -> " + describe(vit));

    // 3. Deleting the garment deletes its photo.
    catalog.delete(garment.id());
    boolean stored = catalog.imageStored(garment);
    String[] after = fetchPublic(env, garment);
    env.say("delete", "garment deleted -> object " + (stored ? "STILL STORED" : "gone") + ", public URL -> " + after[0]);
    return new Result(garment, objectKey, Integer.parseInt(fetched[0]), fetched[1], spaceId, cnn, vit, stored,
        Integer.parseInt(after[0]));
  }

  /** {status, content type or size} of an anonymous GET of the public URL. */
  private static String[] fetchPublic(ExampleEnv env, GarmentCatalog.Garment garment) {
    Request request = new Request.Builder().url(garment.imageUrl().toString()).get().build();
    try (Response r = env.config().httpClient().newCall(request).execute()) {
      ResponseBody body = r.body();
      long size = body.bytes().length;
      String type = r.header("Content-Type", "?");
      return new String[] {Integer.toString(r.code()), r.isSuccessful() ? type + ", " + size + " bytes" : ""};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch " + garment.imageUrl(), e);
    }
  }

  private static RepoId inferenceSpace(ExampleEnv env) {
    Optional<String> configured = env.setting("FASHION_SPACE");
    if (configured.isPresent()) return RepoId.space(configured.get());
    HubEmulator emulator = env.emulator().orElseThrow(() -> new IllegalStateException(
        "Set FASHION_SPACE to the inference Space (owner/name) that serves POST /classify and /classify-vit"));
    RepoId spaceId = RepoId.space(env.namespace() + "/" + SPACE_NAME);
    env.hub().createRepo(spaceId, CreateRepoParams.builder().spaceSdk(SpaceSdk.DOCKER).existOk(true).build());
    Path app = env.newDir("fashion-space");
    try {
      Files.writeString(app.resolve("README.md"), """
          ---
          title: Fashion classifier
          sdk: docker
          app_port: 7860
          ---
          Classifies garment photos: POST /classify and /classify-vit with the image in the form field `imagen`.
          """, StandardCharsets.UTF_8);
      Files.writeString(app.resolve("Dockerfile"), """
          FROM python:3.12-slim
          WORKDIR /app
          COPY . .
          RUN pip install --no-cache-dir fastapi uvicorn python-multipart pillow
          EXPOSE 7860
          CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "7860"]
          """, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.hub().uploadFolder(spaceId, app, UploadFolderParams.builder()
        .commitMessage("Deploy the classifier").build());
    emulator.module(SpacesEmulation.class).bindApp(spaceId.toString(), new ClassifierApp());
    env.spaces().waitForSpace(spaceId,
        io.hf4j.core.WaitParams.builder().timeout(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(5)).build());
    return spaceId;
  }

  private static Map<String, Object> classify(SpaceHttpClient app, String path, byte[] photo) {
    RequestBody form = new MultipartBody.Builder()
        .setType(MultipartBody.FORM)
        .addFormDataPart(ClassifierApp.FIELD, "garment.png", RequestBody.create(photo, MediaType.get("image/png")))
        .build();
    return app.post(path, form).json(JSON_OBJECT);
  }

  private static String describe(Map<String, Object> prediction) {
    Object confidence = prediction.get("confidence");
    return prediction.get("label") + (confidence instanceof Number n ? String.format(Locale.ROOT, " (%.2f)", n.doubleValue()) : "");
  }
}
