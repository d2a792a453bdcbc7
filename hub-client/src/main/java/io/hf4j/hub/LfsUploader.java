package io.hf4j.hub;

import io.hf4j.core.HfException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.internal.RequestTags;
import io.hf4j.core.internal.WorkGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends hashed LFS objects to storage: groups them into LFS batch calls as they become ready (so
 * transfers start while other files are still hashing; one batch call at a time, on the upload's serial
 * batch lane), then runs basic PUTs and multipart part PUTs on the upload's transfer lane, then
 * completion and verify. Objects the batch answer lists without an
 * upload action are already stored and are not sent again.
 */
final class LfsUploader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LfsUploader.class);
  private final HubApi api;
  private final RepoId repo;
  private final @Nullable String refName;
  private final WorkGroup.Lane batches;
  private final WorkGroup.Lane transfers;
  private final CallTracker tracker;
  private final ProgressSink progress;
  private final int batchSize;
  private final boolean verify;
  private final Map<String, CompletableFuture<Boolean>> byOid = new ConcurrentHashMap<>();
  private final BlockingQueue<UploadItem> queue = new LinkedBlockingQueue<>();
  /** Whether a batch task is queued or running (it drains the queue before it ends). */
  private final AtomicBoolean batching = new AtomicBoolean();
  private volatile boolean closed;

  /**
   * @param refName the branch for the batch's {@code ref}, null when opening a pull request
   * @param verify whether to call the {@code verify} action the batch answer offers
   */
  LfsUploader(HubApi api, RepoId repo, @Nullable String refName, WorkGroup.Lane batches,
      WorkGroup.Lane transfers, CallTracker tracker, ProgressSink progress, int batchSize, boolean verify) {
    this.api = api;
    this.repo = repo;
    this.refName = refName;
    this.batches = batches;
    this.transfers = transfers;
    this.tracker = tracker;
    this.progress = progress;
    this.batchSize = batchSize;
    this.verify = verify;
  }

  /**
   * Uploads the item's content unless storage has it. Completes with true when bytes were sent by this
   * call, false when the object was already stored (or is being sent for another path).
   */
  CompletableFuture<Boolean> submit(UploadItem item) {
    String oid = Objects.requireNonNull(item.sha256, "sha256");
    CompletableFuture<Boolean> mine = new CompletableFuture<>();
    CompletableFuture<Boolean> existing = byOid.putIfAbsent(oid, mine);
    if (existing != null) {
      return existing.thenApply(sent -> {
        progress.stored(item, true);
        return false;
      });
    }
    queue.add(item);
    scheduleBatches();
    return mine;
  }

  private void scheduleBatches() {
    if (!queue.isEmpty() && batching.compareAndSet(false, true)) batches.run(this::drainBatches);
  }

  /** A batch task: posts what is queued, in batches, until the queue is empty. */
  private void drainBatches() {
    try {
      while (!closed && !tracker.aborted()) {
        List<UploadItem> batch = new ArrayList<>();
        queue.drainTo(batch, batchSize);
        if (batch.isEmpty()) break;
        try {
          postBatch(batch);
        } catch (RuntimeException | Error e) {
          for (UploadItem item : batch) byOid.get(item.sha256).completeExceptionally(e);
          tracker.fail(e);
        }
      }
    } finally {
      batching.set(false);
    }
    if (closed || tracker.aborted()) {
      failQueued();
    } else {
      scheduleBatches(); // an item queued between the last drain and the flag reset
    }
  }

  private void failQueued() {
    UploadItem left;
    while ((left = queue.poll()) != null) {
      CompletableFuture<Boolean> f = byOid.get(left.sha256);
      if (f != null) f.completeExceptionally(tracker.abortSignal());
    }
  }

  private void postBatch(List<UploadItem> batch) {
    Map<String, JsonObject> byReturnedOid = requestBatch(batch);
    List<String> errors = new ArrayList<>();
    for (UploadItem item : batch) {
      JsonObject o = byReturnedOid.get(item.sha256);
      if (o == null) throw HubApi.unexpected("LFS batch", "no answer for " + item.path);
      JsonObject error = o.object("error");
      if (error != null) {
        errors.add(item.path + ": " + error.intValue("code") + " " + error.string("message"));
      }
    }
    if (!errors.isEmpty()) throw new HfException("LFS batch API returned errors: " + String.join("; ", errors));
    for (UploadItem item : batch) {
      JsonObject o = byReturnedOid.get(item.sha256);
      JsonObject actions = o.object("actions");
      JsonObject upload = actions == null ? null : actions.object("upload");
      CompletableFuture<Boolean> done = byOid.get(item.sha256);
      if (upload == null) {
        progress.stored(item, true);
        done.complete(false);
        continue;
      }
      startTransfer(item, upload, verify ? actions.object("verify") : null, done);
    }
  }

  /** One LFS batch call; the answer's objects by oid. */
  private Map<String, JsonObject> requestBatch(List<UploadItem> batch) {
    tracker.check();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("operation", "upload");
    body.put("transfers", List.of("basic", "multipart"));
    List<Object> objects = new ArrayList<>();
    for (UploadItem item : batch) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("oid", item.sha256);
      o.put("size", item.size);
      objects.add(o);
    }
    body.put("objects", objects);
    body.put("hash_algo", "sha256");
    if (refName != null) body.put("ref", Map.of("name", refName));
    Request.Builder rb = new Request.Builder()
        .url(api.lfsBatchUrl(repo))
        .header("Accept", HubApi.LFS_JSON.toString())
        .post(HubApi.jsonBody(body, HubApi.LFS_JSON));
    RequestTags.retrySafe(rb);
    JsonObject answer = JsonObject.of(api.readJson(rb.build(), "LFS batch", tracker), "LFS batch");
    if ("xet".equals(answer.string("transfer"))) {
      throw new HfException("The Hub answered the LFS batch with the Xet transfer, which hf4j does not support and did"
          + " not offer; the upload cannot proceed (request id in the server logs)");
    }
    Map<String, JsonObject> byReturnedOid = new LinkedHashMap<>();
    for (JsonObject o : answer.objects("objects")) {
      String oid = o.string("oid");
      if (oid == null || o.longValue("size") == null) throw HubApi.unexpected("LFS batch", "an object lacks oid or size");
      byReturnedOid.put(oid, o);
    }
    return byReturnedOid;
  }

  /**
   * After a failed transfer, whether the storage has the object anyway (a lost answer to a PUT or a
   * completion that was applied): asks the batch again, which lists stored objects without actions.
   */
  private boolean storedAnyway(UploadItem item) {
    try {
      JsonObject o = requestBatch(List.of(item)).get(item.sha256);
      JsonObject actions = o == null ? null : o.object("actions");
      return o != null && o.object("error") == null && (actions == null || actions.object("upload") == null);
    } catch (HfException e) {
      return false;
    }
  }

  private void startTransfer(UploadItem item, JsonObject upload, @Nullable JsonObject verify,
      CompletableFuture<Boolean> done) {
    String href = upload.string("href");
    if (href == null) throw HubApi.unexpected("LFS batch", "upload action without href for " + item.path);
    JsonObject header = upload.object("header");
    Object chunk = header == null ? null : header.get("chunk_size");
    // Completion and verify run on the thread that sent the last bytes, not behind other files' parts:
    // a file is finished (and reported) as soon as its bytes are stored.
    CompletableFuture<Void> sent;
    if (chunk == null) {
      sent = transfers.run(() -> putBasic(item, href));
    } else {
      sent = multipart(item, href, header, chunk);
    }
    sent.thenRun(() -> {
      if (verify != null) verify(item, verify);
    }).whenComplete((v, e) -> {
      if (e != null) {
        Throwable cause = Uploader.unwrap(e);
        if (cause instanceof HfException && !(cause instanceof CallTracker.Aborted) && !tracker.aborted()
            && storedAnyway(item)) {
          LOG.info("{}: the transfer failed ({}) but the storage has the object; going on", item.path, cause.getMessage());
          progress.stored(item, false);
          done.complete(true);
          return;
        }
        done.completeExceptionally(cause);
        tracker.fail(cause);
      } else {
        progress.stored(item, false);
        done.complete(true);
      }
    });
  }

  private void putBasic(UploadItem item, String href) {
    tracker.check();
    Request.Builder rb = new Request.Builder()
        .url(url(href))
        .put(new ContentBody(item, 0, item.size, d -> progress.uploaded(item, d)));
    RequestTags.anonymous(rb);
    try (Response r = api.execute(rb.build(), tracker)) {
      // the storage's answer body carries nothing we need
      r.body().close();
    }
  }

  private CompletableFuture<Void> multipart(UploadItem item, String href, JsonObject header, Object chunkValue) {
    long chunkSize;
    try {
      chunkSize = chunkValue instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(chunkValue));
    } catch (NumberFormatException e) {
      throw HubApi.unexpected("LFS batch", "chunk_size should be an integer, got '" + chunkValue + "'");
    }
    if (chunkSize <= 0) throw HubApi.unexpected("LFS batch", "chunk_size must be positive");
    TreeMap<Integer, String> parts = new TreeMap<>();
    for (String key : header.raw().keySet()) {
      if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
        String partUrl = header.string(key);
        if (partUrl == null) throw HubApi.unexpected("LFS batch", "part " + key + " has no URL");
        parts.put(Integer.parseInt(key), partUrl);
      }
    }
    long expected = (item.size + chunkSize - 1) / chunkSize;
    if (parts.size() != expected) {
      throw new HfException("Invalid server response to upload large LFS file " + item.path + ": " + parts.size()
          + " part URLs for " + expected + " parts of " + chunkSize + " bytes");
    }
    List<CompletableFuture<String>> etags = new ArrayList<>();
    int index = 0;
    for (String partUrl : parts.values()) {
      long offset = index * chunkSize;
      long length = Math.min(chunkSize, item.size - offset);
      int number = index + 1;
      etags.add(transfers.supply(() -> putPart(item, partUrl, number, offset, length)));
      index++;
    }
    return CompletableFuture.allOf(etags.toArray(new CompletableFuture<?>[0]))
        .thenRun(() -> complete(item, href, etags.stream().map(CompletableFuture::join).toList()));
  }

  private String putPart(UploadItem item, String partUrl, int number, long offset, long length) {
    tracker.check();
    Request.Builder rb = new Request.Builder()
        .url(url(partUrl))
        .put(new ContentBody(item, offset, length, d -> progress.uploaded(item, d)));
    RequestTags.anonymous(rb);
    try (Response r = api.execute(rb.build(), tracker)) {
      String etag = r.header("ETag");
      if (etag == null || etag.isEmpty()) {
        throw new HfException("Storage returned no ETag for part " + number + " of " + item.path);
      }
      return etag;
    }
  }

  private void complete(UploadItem item, String href, List<String> etags) {
    tracker.check();
    List<Object> parts = new ArrayList<>();
    for (int i = 0; i < etags.size(); i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("partNumber", i + 1);
      p.put("etag", etags.get(i));
      parts.add(p);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("oid", item.sha256);
    body.put("parts", parts);
    Request.Builder rb = new Request.Builder()
        .url(url(href))
        .header("Accept", HubApi.LFS_JSON.toString())
        .post(HubApi.jsonBody(body, HubApi.LFS_JSON));
    RequestTags.anonymous(rb);
    RequestTags.retrySafe(rb);
    try (Response r = api.execute(rb.build(), tracker)) {
      r.body().close();
    }
  }

  private void verify(UploadItem item, JsonObject verify) {
    String href = verify.string("href");
    if (href == null) throw HubApi.unexpected("LFS batch", "verify action without href for " + item.path);
    tracker.check();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("oid", item.sha256);
    body.put("size", item.size);
    Request.Builder rb = new Request.Builder().url(url(href)).post(HubApi.jsonBody(body, HubApi.JSON));
    RequestTags.retrySafe(rb);
    try (Response r = api.execute(rb.build(), tracker)) {
      r.body().close();
    }
  }

  private HttpUrl url(String href) {
    HttpUrl u = HttpUrl.parse(api.fixEndpoint(href));
    if (u == null) throw HubApi.unexpected("LFS batch", "not an http(s) URL in an action");
    return u;
  }

  /** Stops batching; what is still queued fails (the upload's work group then waits for running tasks). */
  @Override
  public void close() {
    closed = true;
    failQueued();
  }
}
