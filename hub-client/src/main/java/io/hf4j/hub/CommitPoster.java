package io.hf4j.hub;

import io.hf4j.core.CancelledException;
import com.squareup.moshi.Types;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.HfIoException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.RepoId;
import io.hf4j.core.ServerException;
import io.hf4j.core.internal.Backoff;
import io.hf4j.core.internal.Pagination;
import io.hf4j.core.internal.RequestTags;
import io.hf4j.core.internal.UrlEncoding;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a commit exactly once. The POST itself is never retried blindly ({@code NoRetry}): when it
 * fails in a way that leaves the outcome unknown (a transport failure, a lost response, a 5xx or 408
 * from a gateway), the branch history is read and the commit is posted again only if it is absent.
 * A 429 means the commit was refused, so it is posted again after the wait.
 */
final class CommitPoster {
  private static final Logger LOG = LoggerFactory.getLogger(CommitPoster.class);
  private static final Type MAP = Types.newParameterizedType(Map.class, String.class, Object.class);
  private static final int HISTORY_SCAN = 300;
  private static final int PR_SCAN = 10;
  private static final int MAX_REDIRECTS = 10;
  private static final int MAX_CANDIDATES = 5;
  private static final int PATHS_INFO_BATCH = 100;

  private final HubApi api;
  private final RepoId repo;
  private final HfConfig config;
  private final Backoff backoff;

  CommitPoster(HubApi api, RepoId repo) {
    this.api = api;
    this.repo = repo;
    this.config = api.config;
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), config.jitter(), config.random(),
        config.clock());
  }

  /**
   * Posts the commit.
   *
   * @param revision the branch (or {@code refs/pr/N}); with {@code createPr} the pull request's base
   * @param headBefore the branch head before this commit, to tell our commit from older ones; fetched
   *     when null
   */
  CommitInfo post(String revision, boolean createPr, CommitBody body, String summary, String description,
      @Nullable String headBefore) {
    String before = headBefore != null ? headBefore : head(revision);
    String url = "/commit/" + UrlEncoding.revision(revision) + (createPr ? "?create_pr=1" : "");
    int maxAttempts = config.maxRetries() + 1;
    HttpUrl target = api.api(repo, url);
    int redirects = 0;
    for (int attempt = 1; ; attempt++) {
      Request.Builder rb = new Request.Builder().url(target).post(body);
      RequestTags.noRetry(rb);
      Request request = rb.build();
      HfException failure;
      try (Response response = api.execute(request, null)) {
        HttpUrl next = redirectTarget(request, response, ++redirects);
        if (next != null) {
          // A renamed repo: the Hub answers 307 (relative) without applying anything; the body is built from
          // files, so it is sent again to the new URL, the token going only to the Hub's origin (core decides).
          LOG.debug("Commit redirected ({}) to {}", response.code(), next.encodedPath());
          target = next;
          attempt--;
          continue;
        }
        JsonObject o = JsonObject.of(HubApi.json(response, "commit"), "commit");
        String oid = o.requireString("commitOid", "commit");
        String commitUrl = o.string("commitUrl") != null ? o.string("commitUrl") : commitUrl(oid);
        return CommitInfo.of(commitUrl, summary, description, oid, createPr ? o.string("pullRequestUrl") : null);
      } catch (IOException e) {
        failure = api.ioFailure(request, e);
      } catch (HfIoException | ServerException e) {
        failure = e;
      } catch (RateLimitException e) {
        if (attempt >= maxAttempts) throw e;
        LOG.info("Commit refused by the rate limit; posting again in {}", e.retryAfter());
        Duration retryAfter = e.retryAfter();
        sleep(retryAfter != null ? retryAfter.plus(Backoff.MARGIN) : backoff.exponential(attempt));
        continue;
      } catch (HfHttpException e) {
        if (e.statusCode() != 408) throw e;
        failure = e;
      }
      IOException local = body.localFailure();
      if (local != null) {
        throw new HfIoException("Commit not sent: " + local.getMessage(), local);
      }
      // Outcome unknown: give a slow server a moment to finish, then look before posting again.
      Duration wait = backoff.exponential(attempt);
      LOG.info("Commit '{}' failed ({}); checking the branch in {} ms before posting again", summary,
          failure.getMessage(), wait.toMillis());
      sleep(wait);
      CommitInfo landed;
      try {
        landed = createPr ? findLandedPr(body, summary, description, before)
            : findLanded(body, revision, summary, description, before);
      } catch (HfException check) {
        failure.addSuppressed(check);
        throw failure;
      }
      if (landed != null) {
        LOG.info("The commit '{}' landed although its answer was lost; not posting it again", summary);
        return landed;
      }
      if (attempt >= maxAttempts) throw failure;
    }
  }

  /**
   * The URL a 307/308 answer sends the commit to, or null for any other answer. Only a redirect that keeps the
   * request on the endpoint's origin is followed: a commit body (the files) is never sent to another host.
   */
  private @Nullable HttpUrl redirectTarget(Request request, Response response, int redirects) {
    if (response.code() != 307 && response.code() != 308) return null;
    String location = response.header("Location");
    HttpUrl next = location == null ? null : request.url().resolve(location);
    if (next == null) {
      throw new HfException("POST " + request.url().encodedPath() + " answered " + response.code()
          + " without a usable Location; the commit was not applied");
    }
    HttpUrl endpoint = request.url();
    if (!next.scheme().equals(endpoint.scheme()) || !next.host().equals(endpoint.host()) || next.port() != endpoint.port()) {
      throw new HfException("The commit was redirected to another host (" + next.host() + "); refusing to send"
          + " the files there. The commit was not applied.");
    }
    if (redirects > MAX_REDIRECTS) {
      throw new HfException("Too many redirects (" + MAX_REDIRECTS + ") while posting the commit; it was not applied");
    }
    return next;
  }

  /** The current head of a branch: the first entry of its history. */
  @Nullable String head(String revision) {
    try {
      Iterator<Map<String, Object>> it = history(revision);
      return it.hasNext() ? JsonObject.of(it.next(), "commits").string("id") : null;
    } catch (io.hf4j.core.NotFoundException | io.hf4j.core.RevisionNotFoundException e) {
      return null;
    }
  }

  private Iterator<Map<String, Object>> history(String revision) {
    return Pagination.<Map<String, Object>>stream(api.http,
        api.api(repo, "/commits/" + UrlEncoding.revision(revision)), MAP).iterator();
  }

  /**
   * Our commit, if the branch history above {@code before} holds one that is provably ours: it has our
   * title, and at that commit every path we touched holds exactly what we sent (the oid of each file,
   * nothing at each deleted path) while its parent did not hold all of that already. A commit of
   * somebody else with the same title has other content at our paths and is never taken for ours.
   */
  private @Nullable CommitInfo findLanded(CommitBody body, String revision, String summary, String description,
      @Nullable String before) {
    if (before == null) return null;
    Iterator<Map<String, Object>> it = history(revision);
    List<String> ids = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    boolean reached = false;
    for (int i = 0; i < HISTORY_SCAN && it.hasNext(); i++) {
      JsonObject c = JsonObject.of(it.next(), "commits");
      String id = c.string("id");
      if (id == null) return null;
      if (id.equals(before)) {
        reached = true;
        break;
      }
      ids.add(id);
      titles.add(c.string("title"));
    }
    if (!reached) return null;
    int checked = 0;
    // Oldest first: ours was posted before anything we did not see.
    for (int i = ids.size() - 1; i >= 0 && checked < MAX_CANDIDATES; i--) {
      if (!summary.equals(titles.get(i))) continue;
      checked++;
      String parent = i + 1 < ids.size() ? ids.get(i + 1) : before;
      if (identifies(body, ids.get(i), parent)) {
        return CommitInfo.of(commitUrl(ids.get(i)), summary, description, ids.get(i), null);
      }
      LOG.info("Commit {} has the title '{}' but not our changes; it is not ours", ids.get(i), summary);
    }
    return null;
  }

  /** Our pull request if one of the newest ones has our commit, by its content, on top of {@code before}. */
  private @Nullable CommitInfo findLandedPr(CommitBody body, String summary, String description, @Nullable String before) {
    JsonObject refs = JsonObject.of(api.getJson(api.api(repo, "/refs?include_prs=1"), "refs"), "refs");
    List<Integer> numbers = new ArrayList<>();
    for (JsonObject pr : refs.objects("pullRequests")) {
      String ref = pr.string("ref");
      if (ref != null && ref.matches("refs/pr/\\d+")) numbers.add(Integer.valueOf(ref.substring("refs/pr/".length())));
    }
    numbers.sort(Comparator.reverseOrder());
    for (int n : numbers.subList(0, Math.min(PR_SCAN, numbers.size()))) {
      Iterator<Map<String, Object>> it = history("refs/pr/" + n);
      if (!it.hasNext()) continue;
      JsonObject top = JsonObject.of(it.next(), "commits");
      if (!summary.equals(top.string("title")) || top.string("id") == null) continue;
      String parent = it.hasNext() ? JsonObject.of(it.next(), "commits").string("id") : null;
      if (before != null && before.equals(parent) && identifies(body, top.string("id"), parent)) {
        String prUrl = api.repoWebUrl(repo) + "/discussions/" + n;
        return CommitInfo.of(commitUrl(top.string("id")), summary, description, top.string("id"), prUrl);
      }
    }
    return null;
  }

  /**
   * Whether {@code commit} made our changes: every path of the body is in the state the body leaves it
   * in at {@code commit}, and not all of them were already so at {@code parent}.
   */
  boolean identifies(CommitBody body, String commit, @Nullable String parent) {
    List<CommitBody.Expect> expected = body.expected();
    if (expected.isEmpty()) return false;
    List<String> paths = new ArrayList<>();
    for (CommitBody.Expect e : expected) paths.add(e.path());
    Map<String, RepoTreeEntry> at = pathsInfo(commit, paths);
    Map<String, String> wanted = new java.util.HashMap<>();
    for (CommitBody.Expect e : expected) {
      // The last operation on a path decides what it holds.
      wanted.put(e.path(), e.absent() ? null : expectedOid(e));
    }
    for (Map.Entry<String, String> w : wanted.entrySet()) {
      if (!matches(at.get(w.getKey()), w.getValue())) return false;
    }
    if (parent == null) return true;
    Map<String, RepoTreeEntry> was = pathsInfo(parent, paths);
    for (Map.Entry<String, String> w : wanted.entrySet()) {
      if (!matches(was.get(w.getKey()), w.getValue())) return true;
    }
    return false;
  }

  private static boolean matches(@Nullable RepoTreeEntry entry, @Nullable String oid) {
    if (oid == null) return entry == null;
    if (!(entry instanceof RepoFile f)) return false;
    if (f.lfs() != null) return oid.equals(f.lfs().sha256());
    return oid.equals(f.blobId());
  }

  /** The oid the Hub shows for the file an operation writes: sha256 for LFS, the git blob sha1 otherwise. */
  private static String expectedOid(CommitBody.Expect e) {
    if (e.sha256() != null) return e.sha256();
    UploadItem item = java.util.Objects.requireNonNull(e.item(), "item");
    try {
      return Hashing.gitSha1(item, done -> {}, new CallTracker());
    } catch (IOException ex) {
      throw new HfIoException("Cannot read " + item.source() + " to check whether the commit landed: " + ex.getMessage(), ex);
    }
  }

  private Map<String, RepoTreeEntry> pathsInfo(String revision, List<String> paths) {
    Map<String, RepoTreeEntry> out = new java.util.HashMap<>();
    for (int i = 0; i < paths.size(); i += PATHS_INFO_BATCH) {
      okhttp3.FormBody.Builder form = new okhttp3.FormBody.Builder();
      for (String p : paths.subList(i, Math.min(paths.size(), i + PATHS_INFO_BATCH))) form.add("paths", p);
      form.add("expand", "false");
      Request.Builder rb = new Request.Builder()
          .url(api.api(repo, "/paths-info/" + UrlEncoding.revision(revision))).post(form.build());
      RequestTags.retrySafe(rb);
      Object answer = api.readJson(rb.build(), "paths-info", null);
      if (!(answer instanceof List<?> list)) throw HubApi.unexpected("paths-info", "expected a JSON array");
      for (Object o : list) {
        RepoTreeEntry e = JsonObject.treeEntry(JsonObject.of(o, "paths-info"));
        out.put(e.path(), e);
      }
    }
    return out;
  }

  String commitUrl(String oid) {
    return api.repoWebUrl(repo) + "/commit/" + oid;
  }

  private void sleep(Duration d) {
    try {
      config.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("Interrupted while waiting to post the commit again; nothing was committed", e);
    }
  }
}
