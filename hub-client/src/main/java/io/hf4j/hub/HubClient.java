package io.hf4j.hub;

import io.hf4j.core.CancelledException;
import com.squareup.moshi.Types;
import io.hf4j.core.AuthenticationException;
import io.hf4j.core.ConflictException;
import io.hf4j.core.EntryNotFoundException;
import io.hf4j.core.GatedRepoException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.HfInterruptedException;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.NotFoundException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.PermissionDeniedException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.RevisionNotFoundException;
import io.hf4j.core.internal.Backoff;
import io.hf4j.core.internal.HfHttp;
import io.hf4j.core.internal.Lazy;
import io.hf4j.core.internal.Pagination;
import io.hf4j.core.internal.UrlEncoding;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hugging Face Hub client: repos, uploads and downloads. Thread-safe and cheap; all clients built
 * from one {@link HfConfig} share its connections. Method names follow the Python client's {@code
 * HfApi} in camelCase.
 *
 * <pre>{@code
 * HubClient hub = HubClient.create(HfConfig.fromEnv());
 * RepoId repo = RepoId.of("acme/demo-model");
 * hub.createRepo(repo, CreateRepoParams.builder().privateRepo(true).existOk(true).build());
 * CommitInfo commit = hub.uploadFolder(repo, Path.of("out/checkpoint"));
 * Path config = hub.hfHubDownload(repo, "config.json");
 * }</pre>
 *
 * <p>Every call validates its arguments (repo ids, paths in the repo, local files, the Hub's limits)
 * before sending anything and throws {@link HfValidationException} for bad input. HTTP failures are
 * core's typed exceptions ({@link RepositoryNotFoundException}, {@link PermissionDeniedException},
 * {@link io.hf4j.core.PreconditionFailedException}...). Idempotent calls are retried per the
 * configuration; a commit is never posted twice.
 */
public final class HubClient {
  private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);
  private static final Type MAP = Types.newParameterizedType(Map.class, String.class, Object.class);
  private static final String CONFLICTING = "conflicting operation is in progress";

  private final HfConfig config;
  private final HfHttp http;
  private final HubApi api;
  /** Built on the first download: its HTTP clients would otherwise be built before any call needs them. */
  private final Lazy<Downloader> downloader;
  private volatile @Nullable OkHttpClient noRedirects;

  private HubClient(HfConfig config) {
    this.config = config;
    this.http = HfHttp.of(config);
    this.api = new HubApi(http);
    this.downloader = Lazy.of(() -> new Downloader(http));
  }

  private Downloader downloader() {
    return downloader.get();
  }

  /**
   * A client for this configuration.
   *
   * @param config the configuration
   * @return the client
   */
  public static HubClient create(HfConfig config) {
    return new HubClient(Objects.requireNonNull(config, "config == null"));
  }

  /**
   * The configuration this client uses.
   *
   * @return the configuration
   */
  public HfConfig config() {
    return config;
  }

  /**
   * This client's long calls (uploads, commits, downloads) as {@link java.util.concurrent.CompletableFuture}s on
   * the configuration's executor; see {@link AsyncHubClient}. A client holds nothing to close: {@link
   * HfConfig#close()} releases the threads and connections.
   *
   * @return the async view of this client
   */
  public AsyncHubClient async() {
    return new AsyncHubClient(this);
  }

  // ------------------------------------------------------------------------------------------ account

  /**
   * Who the configured token belongs to. Python: {@code HfApi.whoami}.
   *
   * @return the account
   * @throws io.hf4j.core.LocalTokenNotFoundException if no token is configured
   * @throws AuthenticationException if the Hub rejects the token
   */
  public WhoAmI whoami() {
    config.requireToken("call whoami");
    return WhoAmI.from(JsonObject.of(api.getJson(http.url("api/whoami-v2"), "whoami"), "whoami"));
  }

  // ------------------------------------------------------------------------------------------ repos

  /**
   * Creates a repo of the id's type with every default. Python: {@code HfApi.create_repo}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the repo's URL and id
   */
  public RepoUrl createRepo(RepoId repoId) {
    return createRepo(repoId, CreateRepoParams.defaults());
  }

  /**
   * Creates a repo. With {@code existOk} an existing repo (409, or a token allowed to read but not to
   * create) is success and its URL is returned. A 409 "conflicting operation in progress" (concurrent
   * creates) is posted again. Not otherwise retried. Python: {@code HfApi.create_repo}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the repo's URL and id
   * @throws ConflictException if the repo exists and {@code existOk} is false
   * @throws PermissionDeniedException if the token may not create repos in the namespace
   * @throws HfValidationException for a Space without {@code spaceSdk}
   */
  public RepoUrl createRepo(RepoId repoId, CreateRepoParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    RepoType type = repoId.type();
    boolean space = type.equals(RepoType.SPACE);
    if (space && params.spaceSdk() == null) {
      throw new HfValidationException("spaceSdk is required to create a Space: gradio, streamlit, docker or static");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", repoId.name());
    body.put("organization", repoId.namespace());
    if (params.effectiveVisibility() != null) body.put("visibility", params.effectiveVisibility());
    if (!type.equals(RepoType.MODEL)) body.put("type", type.value());
    if (space) {
      body.put("sdk", params.spaceSdk().value());
      if (params.spaceHardware() != null) body.put("hardware", params.spaceHardware().value());
      if (params.spaceSleepTime() != null) body.put("sleepTimeSeconds", params.spaceSleepTime());
      if (!params.spaceSecrets().isEmpty()) body.put("secrets", keyValues(params.spaceSecrets()));
      if (!params.spaceVariables().isEmpty()) body.put("variables", keyValues(params.spaceVariables()));
    } else if (params.spaceSdk() != null || params.spaceHardware() != null
        || params.spaceSleepTime() != null || !params.spaceSecrets().isEmpty() || !params.spaceVariables().isEmpty()) {
      LOG.warn("Ignoring the Space options given to create the {} repo {}", type, repoId);
    }
    String computed = api.repoWebUrl(repoId);
    Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), config.jitter(), config.random(), config.clock());
    for (int attempt = 1; ; attempt++) {
      try {
        JsonObject answer = JsonObject.of(api.postJson(http.url("api/repos/create"), body, params.existOk(), "create repo"),
            "create repo");
        String url = answer.string("url");
        return new RepoUrl(url != null ? url : computed, repoId, type, answer.string("id"));
      } catch (ConflictException e) {
        if (String.valueOf(e.serverMessage()).contains(CONFLICTING) && attempt <= config.maxRetries()) {
          LOG.info("Another operation on {} is in progress; creating it again", repoId);
          sleep(backoff.exponential(attempt));
          continue;
        }
        if (params.existOk()) return new RepoUrl(computed, repoId, type, null);
        throw e;
      } catch (HfHttpException e) {
        int s = e.statusCode();
        if (params.existOk() && (s == 401 || s == 402 || s == 403)) {
          try {
            repoInfo(repoId);
            return new RepoUrl(computed, repoId, type, null);
          } catch (HfException notVisible) {
            throw e;
          }
        }
        throw e;
      }
    }
  }

  private static List<Object> keyValues(List<CreateRepoParams.SpaceKeyValue> entries) {
    List<Object> out = new ArrayList<>();
    for (CreateRepoParams.SpaceKeyValue kv : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", kv.key());
      m.put("value", kv.value());
      if (kv.description() != null) m.put("description", kv.description());
      out.add(m);
    }
    return out;
  }

  /**
   * Deletes a repo (of the id's type). Python: {@code HfApi.delete_repo}.
   *
   * @param repoId the repo; its type picks the API route
   */
  public void deleteRepo(RepoId repoId) {
    deleteRepo(repoId, DeleteRepoParams.defaults());
  }

  /**
   * Deletes a repo. Irreversible.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @throws RepositoryNotFoundException if the repo does not exist and {@code missingOk} is false
   */
  public void deleteRepo(RepoId repoId, DeleteRepoParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", repoId.name());
    body.put("organization", repoId.namespace());
    if (!repoId.type().equals(RepoType.MODEL)) body.put("type", repoId.type().value());
    Request request = new Request.Builder().url(http.url("api/repos/delete"))
        .delete(HubApi.jsonBody(body, HubApi.JSON)).build();
    try (Response r = http.execute(request)) {
      r.body().close();
    } catch (RepositoryNotFoundException e) {
      if (!params.missingOk() || e instanceof GatedRepoException) throw e;
      LOG.info("Repo {} does not exist; nothing to delete", repoId);
    }
  }

  /**
   * Info of a repo (of the id's type) at its default branch. Python: {@code HfApi.repo_info}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the repo's info
   */
  public RepoInfo repoInfo(RepoId repoId) {
    return repoInfo(repoId, RepoInfoParams.defaults());
  }

  /**
   * Info of a repo, by the id's {@linkplain RepoId#type() type}: a {@link ModelInfo}, {@link DatasetInfo} or
   * {@link SpaceInfo}. Python: {@code HfApi.repo_info}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the repo's info
   * @throws RepositoryNotFoundException if the repo does not exist or the token cannot see it
   * @throws RevisionNotFoundException if the revision does not exist
   */
  public RepoInfo repoInfo(RepoId repoId, RepoInfoParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    RepoType type = repoId.type();
    String tail = params.revision() == null ? "" : "/revision/" + UrlEncoding.revision(params.revision());
    HttpUrl.Builder url = api.api(repoId, tail).newBuilder();
    for (String e : params.expand()) url.addQueryParameter("expand", e);
    if (params.filesMetadata()) url.addQueryParameter("blobs", "true");
    if (params.securityStatus()) url.addQueryParameter("securityStatus", "true");
    JsonObject o = JsonObject.of(api.getJson(url.build(), "repo info"), "repo info");
    if (type.equals(RepoType.DATASET)) return DatasetInfo.from(o);
    if (type.equals(RepoType.SPACE)) return SpaceInfo.from(o);
    return ModelInfo.from(o, type);
  }

  /**
   * Info of a model repo. Python: {@code HfApi.model_info}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the model's info
   */
  public ModelInfo modelInfo(RepoId repoId) {
    return modelInfo(repoId, RepoInfoParams.defaults());
  }

  /**
   * Info of a model repo. Python: {@code HfApi.model_info}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the model's info
   * @throws HfValidationException if the id is not a model id (use {@link #repoInfo} or the matching call)
   */
  public ModelInfo modelInfo(RepoId repoId, RepoInfoParams params) {
    return (ModelInfo) repoInfo(requireType(repoId, RepoType.MODEL, "modelInfo"), params);
  }

  /**
   * Info of a dataset repo. Python: {@code HfApi.dataset_info}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the dataset's info
   */
  public DatasetInfo datasetInfo(RepoId repoId) {
    return datasetInfo(repoId, RepoInfoParams.defaults());
  }

  /**
   * Info of a dataset repo. Python: {@code HfApi.dataset_info}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the dataset's info
   * @throws HfValidationException if the id is not a dataset id ({@code RepoId.dataset("ns/name")})
   */
  public DatasetInfo datasetInfo(RepoId repoId, RepoInfoParams params) {
    return (DatasetInfo) repoInfo(requireType(repoId, RepoType.DATASET, "datasetInfo"), params);
  }

  /**
   * Info of a Space. Python: {@code HfApi.space_info}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the Space's info
   */
  public SpaceInfo spaceInfo(RepoId repoId) {
    return spaceInfo(repoId, RepoInfoParams.defaults());
  }

  /**
   * Info of a Space. Python: {@code HfApi.space_info}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the Space's info
   * @throws HfValidationException if the id is not a Space id ({@code RepoId.space("ns/name")})
   */
  public SpaceInfo spaceInfo(RepoId repoId, RepoInfoParams params) {
    return (SpaceInfo) repoInfo(requireType(repoId, RepoType.SPACE, "spaceInfo"), params);
  }

  private static RepoId requireType(RepoId repoId, RepoType expected, String call) {
    Objects.requireNonNull(repoId, "repoId == null");
    if (!repoId.type().equals(expected)) {
      throw new HfValidationException(call + " needs a " + expected + " repo id, but '" + repoId.toPrefixedString()
          + "' is a " + repoId.type() + " repo id; use RepoId." + expected + "(\"" + repoId + "\") or repoInfo");
    }
    return repoId;
  }

  /**
   * Whether a repo exists and the token can see it. Python: {@code HfApi.repo_exists}.
   *
   * @param repoId the repo; its type picks the API route
   * @return whether a repo exists and the token can see it
   */
  public boolean repoExists(RepoId repoId) {
    return repoExists(repoId, RepoRefParams.defaults());
  }

  /**
   * Whether a repo (and, when given, its revision) exists and the token can see it. A gated repo exists.
   * Python: {@code HfApi.repo_exists} / {@code revision_exists}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return whether a repo (and, when given, its revision) exists and the token can see it
   */
  public boolean repoExists(RepoId repoId, RepoRefParams params) {
    Objects.requireNonNull(params, "params == null");
    RepoInfoParams.Builder b = RepoInfoParams.builder();
    if (params.revision() != null) b.revision(params.revision());
    try {
      repoInfo(repoId, b.build());
      return true;
    } catch (GatedRepoException e) {
      return true;
    } catch (RepositoryNotFoundException | RevisionNotFoundException e) {
      return false;
    }
  }

  /**
   * Whether a file exists in a repo's {@code main}. Python: {@code HfApi.file_exists}.
   *
   * @param repoId the repo; its type picks the API route
   * @param filename the file's path in the repo
   * @return whether a file exists in a repo's {
   */
  public boolean fileExists(RepoId repoId, String filename) {
    return fileExists(repoId, filename, RepoRefParams.defaults());
  }

  /**
   * Whether a file exists: a HEAD on its {@code /resolve} URL (an LFS file's redirect to storage counts
   * as found). Python: {@code HfApi.file_exists}.
   *
   * @param repoId the repo; its type picks the API route
   * @param filename the file's path in the repo
   * @param params the options
   * @return whether a file exists: a HEAD on its {
   * @throws GatedRepoException if the repo is gated and the token has no access
   */
  public boolean fileExists(RepoId repoId, String filename, RepoRefParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    String path = RepoPaths.file(filename, "filename");
    String revision = params.revision() == null ? "main" : params.revision();
    HttpUrl url = api.resolveUrl(repoId, revision, path);
    for (int hops = 0; hops < 5; hops++) {
      Request request = new Request.Builder().url(url).head().header("Accept-Encoding", "identity").build();
      Response response;
      try {
        response = noRedirectClient().newCall(request).execute();
      } catch (IOException e) {
        throw api.ioFailure(request, e);
      }
      try (response) {
        api.raise(response);
        String location = response.header("Location");
        HttpUrl next = location == null ? null : url.resolve(location);
        if (response.isRedirect() && next != null && DownloadHttp.staysOnTheHub(url, next, config().endpoint())) {
          url = next;
          continue;
        }
        return true;
      } catch (GatedRepoException e) {
        throw e;
      } catch (RepositoryNotFoundException | EntryNotFoundException | RevisionNotFoundException | NotFoundException e) {
        return false;
      }
    }
    throw new HfException("Too many redirects resolving " + path + " in " + repoId);
  }

  private OkHttpClient noRedirectClient() {
    OkHttpClient c = noRedirects;
    if (c == null) {
      c = http.client().newBuilder().followRedirects(false).followSslRedirects(false).build();
      noRedirects = c;
    }
    return c;
  }

  /**
   * The entries at the root of a repo's default branch. Python: {@code HfApi.list_repo_tree}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the repo tree entry entries, lazily
   */
  public Stream<RepoTreeEntry> listRepoTree(RepoId repoId) {
    return listRepoTree(repoId, ListRepoTreeParams.defaults());
  }

  /**
   * The entries of a folder of a repo, lazily: pages are fetched (following the {@code Link} header) as
   * the stream is consumed. Python: {@code HfApi.list_repo_tree}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the repo tree entry entries, lazily
   * @throws EntryNotFoundException (when consumed) if the folder does not exist
   */
  public Stream<RepoTreeEntry> listRepoTree(RepoId repoId, ListRepoTreeParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    String revision = params.revision() == null ? "main" : params.revision();
    String tail = "/tree/" + UrlEncoding.revision(revision)
        + (params.pathInRepo().isEmpty() ? "" : "/" + UrlEncoding.path(params.pathInRepo()));
    HttpUrl url = api.api(repoId, tail).newBuilder()
        .addQueryParameter("recursive", String.valueOf(params.recursive()))
        .addQueryParameter("expand", String.valueOf(params.expand()))
        .build();
    Function<Map<String, Object>, RepoTreeEntry> map = m -> JsonObject.treeEntry(JsonObject.of(m, "tree"));
    return Pagination.<Map<String, Object>>stream(http, url, MAP).map(map);
  }

  /**
   * Every file path of a repo's {@code main}, lazily. Python: {@code HfApi.list_repo_files}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the string entries, lazily
   */
  public Stream<String> listRepoFiles(RepoId repoId) {
    return listRepoFiles(repoId, RepoRefParams.defaults());
  }

  /**
   * Every file path of a repo at a revision, lazily (a recursive tree listing). Python: {@code HfApi.list_repo_files}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the string entries, lazily
   */
  public Stream<String> listRepoFiles(RepoId repoId, RepoRefParams params) {
    ListRepoTreeParams.Builder b = ListRepoTreeParams.builder().recursive(true);
    if (params.revision() != null) b.revision(params.revision());
    return listRepoTree(repoId, b.build()).filter(e -> e instanceof RepoFile).map(RepoTreeEntry::path);
  }

  // ------------------------------------------------------------------------------------------ uploads

  /**
   * Makes one commit of these operations, uploading what they add (in parallel, LFS files straight from
   * disk) and skipping files the Hub already has with the same content. Nothing is committed when
   * nothing changed; the current head is returned then. Python: {@code HfApi.create_commit}.
   *
   * @param commitMessage the commit title, required
   * @param repoId the repo; its type picks the API route
   * @param operations the operations of the commit
   * @return the commit made, or the head when nothing changed
   * @throws HfValidationException for bad input, before anything is sent
   * @throws RepositoryNotFoundException if the repo does not exist (create it first)
   * @throws io.hf4j.core.PreconditionFailedException if {@code parentCommit} is not the branch head
   * @throws CancelledException if cancelled
   */
  public CommitInfo createCommit(RepoId repoId, List<? extends CommitOperation> operations, String commitMessage) {
    return createCommit(repoId, operations, commitMessage, CreateCommitParams.defaults());
  }

  /**
   * Makes one commit of these operations; see {@link #createCommit(RepoId, List, String)}.
   *
   * @param repoId the repo; its type picks the API route
   * @param operations the operations of the commit
   * @param commitMessage the commit title
   * @param params the options
   * @return the commit made, or the head when nothing changed
   */
  public CommitInfo createCommit(RepoId repoId, List<? extends CommitOperation> operations, String commitMessage,
      CreateCommitParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(operations, "operations == null");
    Objects.requireNonNull(params, "params == null");
    if (commitMessage == null || commitMessage.isBlank()) {
      throw new HfValidationException("commitMessage can't be empty, please pass a value");
    }
    List<Uploader.Step> steps = new ArrayList<>();
    List<UploadItem> items = new ArrayList<>();
    Set<String> written = new HashSet<>();
    for (CommitOperation op : operations) {
      Objects.requireNonNull(op, "operation == null");
      if (op instanceof CommitOperation.Add a) {
        UploadItem item = a.file() != null
            ? UploadItem.ofFile(a.pathInRepo(), a.file(), FolderScanner.checkReadable(a.file()))
            : UploadItem.ofBytes(a.pathInRepo(), a.contentUnsafe());
        items.add(item);
        steps.add(new Uploader.AddStep(item));
      } else if (op instanceof CommitOperation.Delete d) {
        steps.add(new Uploader.DeleteStep(d));
      } else if (op instanceof CommitOperation.Copy c) {
        steps.add(new Uploader.CopyStep(c));
      }
      if (!(op instanceof CommitOperation.Delete) && !written.add(op.pathInRepo())) {
        LOG.warn("{} is written twice in this commit; the last operation wins", op.pathInRepo());
      }
    }
    HubLimits.check(items);
    return upload(repoId, params.toOptions(commitMessage), u -> u.commit(steps));
  }

  /**
   * Uploads one file to a repo's {@code main}. Python: {@code HfApi.upload_file}.
   *
   * @param repoId the repo; its type picks the API route
   * @param file the local file
   * @param pathInRepo the path in the repo
   * @return the commit made, or the head when nothing changed
   */
  public CommitInfo uploadFile(RepoId repoId, Path file, String pathInRepo) {
    return uploadFile(repoId, file, pathInRepo, UploadFileParams.defaults());
  }

  /**
   * Uploads one file as one commit; an unchanged file makes no commit. Python: {@code HfApi.upload_file}.
   *
   * @param repoId the repo; its type picks the API route
   * @param file the local file
   * @param pathInRepo the path in the repo
   * @param params the options
   * @return the commit made, or the head when nothing changed
   * @throws HfValidationException if the file is missing or unreadable, or {@code pathInRepo} breaks the Hub's rules
   * @throws RepositoryNotFoundException if the repo does not exist (create it first)
   */
  public CommitInfo uploadFile(RepoId repoId, Path file, String pathInRepo, UploadFileParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(params, "params == null");
    String dest = RepoPaths.file(pathInRepo, "pathInRepo");
    UploadItem item = UploadItem.ofFile(dest, file, FolderScanner.checkReadable(file));
    HubLimits.check(List.of(item));
    return upload(repoId, params.optionsFor(dest), u -> u.commit(List.of(new Uploader.AddStep(item))));
  }

  /**
   * Uploads a folder to the root of a repo's {@code main}. Python: {@code HfApi.upload_folder}.
   *
   * @param repoId the repo; its type picks the API route
   * @param folder the local folder
   * @return the commit made, or the head when nothing changed
   */
  public CommitInfo uploadFolder(RepoId repoId, Path folder) {
    return uploadFolder(repoId, folder, UploadFolderParams.defaults());
  }

  /**
   * Uploads a folder as one commit. With {@link UploadFolderParams.Builder#multiCommit} a folder of more
   * than 1000 files (or 100 MiB of regular-file content) is committed in several commits of adaptive
   * size (titled {@code <message> (part N)} after the first), each committed while the next batch
   * uploads, deletions in the last. An interrupted upload resumes by calling again: files
   * already on the Hub are not sent again. Returns the last commit, or the head when nothing changed. Python: {@code
   * HfApi.upload_folder}.
   *
   * @param repoId the repo; its type picks the API route
   * @param folder the local folder
   * @param params the options
   * @return the commit made, or the head when nothing changed
   * @throws HfValidationException for a missing folder, a symlink loop, an unreadable file, a path or a
   *     size the Hub refuses, before anything is sent
   * @throws RepositoryNotFoundException if the repo does not exist (create it first)
   * @throws CancelledException if cancelled; commits made so far stay
   */
  public CommitInfo uploadFolder(RepoId repoId, Path folder, UploadFolderParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(folder, "folder == null");
    Objects.requireNonNull(params, "params == null");
    String prefix = params.pathInRepo().isEmpty() ? "" : params.pathInRepo() + "/";
    List<String> ignore = new ArrayList<>(params.ignorePatterns());
    ignore.addAll(UploadFolderParams.DEFAULT_IGNORE_PATTERNS);
    FilePatterns patterns = FilePatterns.of(params.allowPatterns(), ignore);
    List<UploadItem> items = FolderScanner.scan(folder, prefix, patterns);
    HubLimits.check(items);
    List<CommitOperation.Delete> deletes = new ArrayList<>();
    if (!params.deletePatterns().isEmpty()) {
      Set<String> uploading = new HashSet<>();
      for (UploadItem i : items) uploading.add(i.path);
      RepoRefParams.Builder ref = RepoRefParams.builder();
      ref.revision(params.revision() == null ? "main" : params.revision());
      FilePatterns toDelete = FilePatterns.of(params.deletePatterns(), List.of());
      listRepoFiles(repoId, ref.build()).forEach(remote -> {
        if (!remote.startsWith(prefix) || remote.equals(".gitattributes") || uploading.contains(remote)) return;
        if (toDelete.matches(remote.substring(prefix.length()))) deletes.add(CommitOperation.delete(remote));
      });
    }
    // No lambda: linking one costs a fresh JVM's first upload about a millisecond.
    try (Uploader uploader = new Uploader(api, repoId, params.toOptions())) {
      return uploader.uploadFolder(items, deletes, params.multiCommit());
    }
  }

  private CommitInfo upload(RepoId repoId, UploadOptions options, Function<Uploader, CommitInfo> work) {
    try (Uploader uploader = new Uploader(api, repoId, options)) {
      return work.apply(uploader);
    }
  }

  // ------------------------------------------------------------------------------------------ downloads

  /**
   * Downloads a file of a repo's {@code main} into the cache. Python: {@code hf_hub_download}.
   *
   * @param repoId the repo; its type picks the API route
   * @param filename the file's path in the repo
   * @return the local path
   */
  public Path hfHubDownload(RepoId repoId, String filename) {
    return hfHubDownload(repoId, filename, DownloadParams.defaults());
  }

  /**
   * Downloads a file into the cache (or a local folder); see {@link DownloadParams}. Python: {@code hf_hub_download}.
   *
   * @param repoId the repo; its type picks the API route
   * @param filename the file's path in the repo
   * @param params the options
   * @return the local path
   */
  public Path hfHubDownload(RepoId repoId, String filename, DownloadParams params) {
    return downloader().hfHubDownload(repoId, filename, params);
  }

  /**
   * Downloads a repo's {@code main} into the cache. Python: {@code snapshot_download}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the local path
   */
  public Path snapshotDownload(RepoId repoId) {
    return snapshotDownload(repoId, SnapshotDownloadParams.defaults());
  }

  /**
   * Downloads a repo snapshot; see {@link SnapshotDownloadParams}. Python: {@code snapshot_download}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the local path
   */
  public Path snapshotDownload(RepoId repoId, SnapshotDownloadParams params) {
    return downloader().snapshotDownload(repoId, params);
  }

  private void sleep(java.time.Duration d) {
    try {
      config.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HfInterruptedException("Interrupted while waiting to create the repo again", e);
    }
  }

  @Override
  public String toString() {
    return "HubClient{endpoint=" + config.endpoint() + "}";
  }

  // ------------------------------------------------------------------------------------------ listing, history, refs,
  // settings, deletions, discussions (issue 16). Implemented in RepoListing, RepoRefs, RepoSettings, RepoFiles and
  // Discussions; these are thin delegations.

  /**
   * Every model the token can see, lazily. Python: {@code HfApi.list_models}.
   *
   * @return the model info entries, lazily
   */
  public Stream<ModelInfo> listModels() {
    return listModels(ListReposParams.defaults());
  }

  /**
   * Models matching the params, lazily: pages are fetched (following the {@code Link} header) as the stream is
   * consumed, and no further than {@code limit}. Python: {@code HfApi.list_models}.
   *
   * @param params the options
   * @return the model info entries, lazily
   * @throws HfValidationException for an unknown sort key (naming it), before anything is sent
   */
  public Stream<ModelInfo> listModels(ListReposParams params) {
    return new RepoListing(api).listRepos(RepoType.MODEL, params, o -> ModelInfo.from(o, RepoType.MODEL));
  }

  /**
   * Every dataset the token can see, lazily. Python: {@code HfApi.list_datasets}.
   *
   * @return the dataset info entries, lazily
   */
  public Stream<DatasetInfo> listDatasets() {
    return listDatasets(ListReposParams.defaults());
  }

  /**
   * Datasets matching the params, lazily; see {@link #listModels(ListReposParams)}. Python: {@code HfApi.list_datasets}.
   *
   * @param params the options
   * @return the dataset info entries, lazily
   */
  public Stream<DatasetInfo> listDatasets(ListReposParams params) {
    return new RepoListing(api).listRepos(RepoType.DATASET, params, DatasetInfo::from);
  }

  /**
   * Every Space the token can see, lazily. Python: {@code HfApi.list_spaces}.
   *
   * @return the space info entries, lazily
   */
  public Stream<SpaceInfo> listSpaces() {
    return listSpaces(ListReposParams.defaults());
  }

  /**
   * Spaces matching the params, lazily; see {@link #listModels(ListReposParams)}. Python: {@code HfApi.list_spaces}.
   *
   * @param params the options
   * @return the space info entries, lazily
   */
  public Stream<SpaceInfo> listSpaces(ListReposParams params) {
    return new RepoListing(api).listRepos(RepoType.SPACE, params, SpaceInfo::from);
  }

  /**
   * The commits of a repo's {@code main}, newest first, lazily. Python: {@code HfApi.list_repo_commits}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the git commit info entries, lazily
   */
  public Stream<GitCommitInfo> listRepoCommits(RepoId repoId) {
    return listRepoCommits(repoId, ListRepoCommitsParams.defaults());
  }

  /**
   * The commits reachable from a revision (first parents), newest first, lazily following the {@code Link}
   * header. Python: {@code HfApi.list_repo_commits}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the git commit info entries, lazily
   * @throws RevisionNotFoundException (when consumed) if the revision does not exist
   */
  public Stream<GitCommitInfo> listRepoCommits(RepoId repoId, ListRepoCommitsParams params) {
    return new RepoListing(api).listRepoCommits(repoId, params);
  }

  /**
   * The branches, tags and converts of a repo. Python: {@code HfApi.list_repo_refs}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the refs
   */
  public GitRefs listRepoRefs(RepoId repoId) {
    return listRepoRefs(repoId, ListRepoRefsParams.defaults());
  }

  /**
   * The branches, tags, converts and (when asked) pull requests of a repo. Python: {@code HfApi.list_repo_refs}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the refs
   */
  public GitRefs listRepoRefs(RepoId repoId, ListRepoRefsParams params) {
    return new RepoListing(api).listRepoRefs(repoId, params);
  }

  /**
   * Information about some paths of a repo's {@code main}. Python: {@code HfApi.get_paths_info}.
   *
   * @param repoId the repo; its type picks the API route
   * @param paths the paths in the repo
   * @return information about some paths of a repo's {
   */
  public List<RepoTreeEntry> getPathsInfo(RepoId repoId, List<String> paths) {
    return getPathsInfo(repoId, paths, GetPathsInfoParams.defaults());
  }

  /**
   * Information about some paths (files or folders) at a revision; paths that do not exist are left out.
   * Python: {@code HfApi.get_paths_info}.
   *
   * @param repoId the repo; its type picks the API route
   * @param paths the paths in the repo
   * @param params the options
   * @return information about some paths (files or folders) at a revision; paths that do not exist are left out
   */
  public List<RepoTreeEntry> getPathsInfo(RepoId repoId, List<String> paths, GetPathsInfoParams params) {
    return new RepoListing(api).getPathsInfo(repoId, paths, params);
  }

  /**
   * The metadata of a file of a repo's {@code main}. Python: {@code HfApi.get_hf_file_metadata}.
   *
   * @param repoId the repo; its type picks the API route
   * @param filename the file's path in the repo
   * @return the metadata
   */
  public FileMetadata getHfFileMetadata(RepoId repoId, String filename) {
    return getHfFileMetadata(repoId, filename, RepoRefParams.defaults());
  }

  /**
   * The metadata of a file (size, etag, commit, location, Xet hash) from a {@code HEAD} on its resolve URL,
   * following the Hub's relative redirects. Python: {@code HfApi.get_hf_file_metadata}.
   *
   * @param repoId the repo; its type picks the API route
   * @param filename the file's path in the repo
   * @param params the options
   * @return the metadata
   * @throws EntryNotFoundException if the file does not exist
   * @throws FileMetadataException if the answer lacks the Hub's headers
   */
  public FileMetadata getHfFileMetadata(RepoId repoId, String filename, RepoRefParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    String path = RepoPaths.file(filename, "filename");
    return downloader().fileMetadata(repoId, path, repoId.type(), params.revision() == null ? "main" : params.revision());
  }

  /**
   * Whether a repo exists with this revision (branch, tag, commit). Python: {@code HfApi.revision_exists}.
   *
   * @param repoId the repo; its type picks the API route
   * @param revision a branch, tag or commit sha
   * @return whether a repo exists with this revision (branch, tag, commit)
   */
  public boolean revisionExists(RepoId repoId, String revision) {
    Objects.requireNonNull(repoId, "repoId == null");
    return new RepoListing(api).revisionExists(this, repoId, HfValidation.revision(revision));
  }

  /**
   * Creates a branch of a repo from {@code main}. Python: {@code HfApi.create_branch}.
   *
   * @param repoId the repo; its type picks the API route
   * @param branch the branch name
   */
  public void createBranch(RepoId repoId, String branch) {
    createBranch(repoId, branch, CreateBranchParams.defaults());
  }

  /**
   * Creates a branch from a revision. Python: {@code HfApi.create_branch}.
   *
   * @param repoId the repo; its type picks the API route
   * @param branch the branch name
   * @param params the options
   * @throws ConflictException if the branch exists and {@code existOk} is false
   * @throws RevisionNotFoundException if the starting revision does not exist
   * @throws HfValidationException for a name git refuses, before anything is sent
   */
  public void createBranch(RepoId repoId, String branch, CreateBranchParams params) {
    new RepoRefs(api, new RepoListing(api)).createBranch(repoId, branch, params);
  }

  /**
   * Deletes a branch. Python: {@code HfApi.delete_branch}.
   *
   * @param repoId the repo; its type picks the API route
   * @param branch the branch name
   * @throws RevisionNotFoundException if there is no such branch
   */
  public void deleteBranch(RepoId repoId, String branch) {
    new RepoRefs(api, new RepoListing(api)).deleteBranch(repoId, branch);
  }

  /**
   * Tags the head of a repo's {@code main}. Python: {@code HfApi.create_tag}.
   *
   * @param repoId the repo; its type picks the API route
   * @param tag the tag name
   */
  public void createTag(RepoId repoId, String tag) {
    createTag(repoId, tag, CreateTagParams.defaults());
  }

  /**
   * Tags a revision, optionally with a message. Python: {@code HfApi.create_tag}.
   *
   * @param repoId the repo; its type picks the API route
   * @param tag the tag name
   * @param params the options
   * @throws ConflictException if the tag exists and {@code existOk} is false
   * @throws RevisionNotFoundException if the revision does not exist
   */
  public void createTag(RepoId repoId, String tag, CreateTagParams params) {
    new RepoRefs(api, new RepoListing(api)).createTag(repoId, tag, params);
  }

  /**
   * Deletes a tag. Python: {@code HfApi.delete_tag}.
   *
   * @param repoId the repo; its type picks the API route
   * @param tag the tag name
   */
  public void deleteTag(RepoId repoId, String tag) {
    new RepoRefs(api, new RepoListing(api)).deleteTag(repoId, tag);
  }

  /**
   * Changes a repo's visibility, gating and discussions. Python: {@code HfApi.update_repo_settings}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @throws PermissionDeniedException if the token may not change the repo
   */
  public void updateRepoSettings(RepoId repoId, RepoSettingsParams params) {
    new RepoSettings(api).updateRepoSettings(repoId, params);
  }

  /**
   * Renames or transfers a repo; the old name redirects to the new one. Both ids have the same type.
   * Python: {@code HfApi.move_repo}.
   *
   * @param fromId the repo to move
   * @param toId the new id (same type)
   * @throws ConflictException if a repo named {@code toId} exists
   * @throws RepositoryNotFoundException if {@code fromId} does not exist
   * @throws HfValidationException if the ids have different types or no namespace
   */
  public void moveRepo(RepoId fromId, RepoId toId) {
    new RepoSettings(api).moveRepo(fromId, toId);
  }

  /**
   * Deletes a file of a repo's {@code main} in one commit. Python: {@code HfApi.delete_file}.
   *
   * @param repoId the repo; its type picks the API route
   * @param pathInRepo the path in the repo
   * @return the commit made, or the head when nothing changed
   */
  public CommitInfo deleteFile(RepoId repoId, String pathInRepo) {
    return deleteFile(repoId, pathInRepo, DeleteFilesParams.defaults());
  }

  /**
   * Deletes a file in one commit. Python: {@code HfApi.delete_file}.
   *
   * @param repoId the repo; its type picks the API route
   * @param pathInRepo the path in the repo
   * @param params the options
   * @return the commit made, or the head when nothing changed
   * @throws EntryNotFoundException if the file does not exist (nothing is committed)
   */
  public CommitInfo deleteFile(RepoId repoId, String pathInRepo, DeleteFilesParams params) {
    return new RepoFiles(this).deleteFile(repoId, pathInRepo, params);
  }

  /**
   * Deletes the files matching patterns from a repo's {@code main}. Python: {@code HfApi.delete_files}.
   *
   * @param repoId the repo; its type picks the API route
   * @param deletePatterns globs of the files to delete
   * @return the commit made, or the head when nothing changed
   */
  public CommitInfo deleteFiles(RepoId repoId, List<String> deletePatterns) {
    return deleteFiles(repoId, deletePatterns, DeleteFilesParams.defaults());
  }

  /**
   * Deletes, in one commit, every file matching one of the patterns (paths, globs, or {@code folder/});
   * {@code .gitattributes} is kept. Python: {@code HfApi.delete_files}.
   *
   * @param repoId the repo; its type picks the API route
   * @param deletePatterns globs of the files to delete
   * @param params the options
   * @return the commit made, or the head when nothing changed
   * @throws HfValidationException if no file matches (nothing is committed)
   */
  public CommitInfo deleteFiles(RepoId repoId, List<String> deletePatterns, DeleteFilesParams params) {
    return new RepoFiles(this).deleteFiles(repoId, deletePatterns, params);
  }

  /**
   * Deletes a folder of a repo's {@code main} in one commit. Python: {@code HfApi.delete_folder}.
   *
   * @param repoId the repo; its type picks the API route
   * @param pathInRepo the path in the repo
   * @return the commit made, or the head when nothing changed
   */
  public CommitInfo deleteFolder(RepoId repoId, String pathInRepo) {
    return deleteFolder(repoId, pathInRepo, DeleteFilesParams.defaults());
  }

  /**
   * Deletes a folder and everything below it in one commit. Python: {@code HfApi.delete_folder}.
   *
   * @param repoId the repo; its type picks the API route
   * @param pathInRepo the path in the repo
   * @param params the options
   * @return the commit made, or the head when nothing changed
   * @throws EntryNotFoundException if the folder does not exist (nothing is committed)
   */
  public CommitInfo deleteFolder(RepoId repoId, String pathInRepo, DeleteFilesParams params) {
    return new RepoFiles(this).deleteFolder(repoId, pathInRepo, params);
  }

  /**
   * Opens a discussion on a repo. Python: {@code HfApi.create_discussion}.
   *
   * @param repoId the repo; its type picks the API route
   * @param title the title
   * @return the discussion with its events
   */
  public DiscussionWithDetails createDiscussion(RepoId repoId, String title) {
    return createDiscussion(repoId, title, CreateDiscussionParams.defaults());
  }

  /**
   * Opens a discussion. Python: {@code HfApi.create_discussion}.
   *
   * @param repoId the repo; its type picks the API route
   * @param title the title
   * @param params the options
   * @return the discussion with its events
   */
  public DiscussionWithDetails createDiscussion(RepoId repoId, String title, CreateDiscussionParams params) {
    return new Discussions(api).createDiscussion(repoId, title, params, false);
  }

  /**
   * Opens an empty (draft) pull request on a repo. Python: {@code HfApi.create_pull_request}.
   *
   * @param repoId the repo; its type picks the API route
   * @param title the title
   * @return the discussion with its events
   */
  public DiscussionWithDetails createPullRequest(RepoId repoId, String title) {
    return createPullRequest(repoId, title, CreateDiscussionParams.defaults());
  }

  /**
   * Opens an empty (draft) pull request against {@code main}; push to its {@code refs/pr/N} with {@code
   * createCommit} (revision {@code refs/pr/N}). Python: {@code HfApi.create_pull_request}.
   *
   * @param repoId the repo; its type picks the API route
   * @param title the title
   * @param params the options
   * @return the discussion with its events
   */
  public DiscussionWithDetails createPullRequest(RepoId repoId, String title, CreateDiscussionParams params) {
    return new Discussions(api).createDiscussion(repoId, title, params, true);
  }

  /**
   * The discussions and pull requests of a repo, lazily. Python: {@code HfApi.get_repo_discussions}.
   *
   * @param repoId the repo; its type picks the API route
   * @return the discussion entries, lazily
   */
  public Stream<Discussion> getRepoDiscussions(RepoId repoId) {
    return getRepoDiscussions(repoId, GetRepoDiscussionsParams.defaults());
  }

  /**
   * The discussions and pull requests of a repo, lazily, page by page. Python: {@code HfApi.get_repo_discussions}.
   *
   * @param repoId the repo; its type picks the API route
   * @param params the options
   * @return the discussion entries, lazily
   */
  public Stream<Discussion> getRepoDiscussions(RepoId repoId, GetRepoDiscussionsParams params) {
    return new Discussions(api).getRepoDiscussions(repoId, params);
  }

  /**
   * A discussion or pull request with its events, target branch, conflicts and diff. Python: {@code
   * HfApi.get_discussion_details}.
   *
   * @param repoId the repo; its type picks the API route
   * @param discussionNum the discussion or pull request number
   * @return the discussion with its events
   * @throws NotFoundException if there is no such discussion
   */
  public DiscussionWithDetails getDiscussionDetails(RepoId repoId, int discussionNum) {
    return new Discussions(api).getDiscussionDetails(repoId, discussionNum);
  }

  /**
   * Comments on a discussion or pull request; returns the comment event. Python: {@code HfApi.comment_discussion}.
   *
   * @param repoId the repo; its type picks the API route
   * @param discussionNum the discussion or pull request number
   * @param comment the comment (markdown)
   * @return the event
   */
  public DiscussionEvent commentDiscussion(RepoId repoId, int discussionNum, String comment) {
    return new Discussions(api).commentDiscussion(repoId, discussionNum, comment);
  }

  /**
   * Opens or closes a discussion. Python: {@code HfApi.change_discussion_status}.
   *
   * @param repoId the repo; its type picks the API route
   * @param discussionNum the discussion or pull request number
   * @param newStatus {@code open} or {@code closed}
   * @return the event
   */
  public DiscussionEvent changeDiscussionStatus(RepoId repoId, int discussionNum, String newStatus) {
    return changeDiscussionStatus(repoId, discussionNum, newStatus, null);
  }

  /**
   * Sets a discussion's status to {@code open} or {@code closed}, with an optional comment; returns the
   * status-change event. Python: {@code HfApi.change_discussion_status}.
   *
   * @param repoId the repo; its type picks the API route
   * @param discussionNum the discussion or pull request number
   * @param newStatus {@code open} or {@code closed}
   * @param comment the comment (markdown)
   * @return the event
   */
  public DiscussionEvent changeDiscussionStatus(RepoId repoId, int discussionNum, String newStatus,
      @Nullable String comment) {
    return new Discussions(api).changeDiscussionStatus(repoId, discussionNum, newStatus, comment);
  }

  /**
   * Merges a pull request. Python: {@code HfApi.merge_pull_request}.
   *
   * @param repoId the repo; its type picks the API route
   * @param discussionNum the discussion or pull request number
   */
  public void mergePullRequest(RepoId repoId, int discussionNum) {
    mergePullRequest(repoId, discussionNum, null);
  }

  /**
   * Merges a pull request into its target branch (one new commit there). Python: {@code
   * HfApi.merge_pull_request}.
   *
   * @param repoId the repo; its type picks the API route
   * @param discussionNum the discussion or pull request number
   * @param comment the comment (markdown)
   * @throws ConflictException if the pull request conflicts with its target branch (nothing is merged)
   */
  public void mergePullRequest(RepoId repoId, int discussionNum, @Nullable String comment) {
    new Discussions(api).mergePullRequest(repoId, discussionNum, comment);
  }
}
