package io.hf4j.testkit.internal;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.spi.CommitEvent;
import io.hf4j.testkit.spi.CommitListener;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.RepoInfoContributor;
import io.hf4j.testkit.spi.RepoListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** All repos of one emulator and the operations on them. One lock guards the metadata; blobs live on disk. */
public final class HubState {
  private static final System.Logger LOG = System.getLogger(HubState.class.getName());

  /** The {@code .gitattributes} the Hub puts in a new repo. */
  public static final String DEFAULT_GITATTRIBUTES = String.join("\n",
      "*.7z filter=lfs diff=lfs merge=lfs -text",
      "*.arrow filter=lfs diff=lfs merge=lfs -text",
      "*.bin filter=lfs diff=lfs merge=lfs -text",
      "*.bz2 filter=lfs diff=lfs merge=lfs -text",
      "*.ckpt filter=lfs diff=lfs merge=lfs -text",
      "*.ftz filter=lfs diff=lfs merge=lfs -text",
      "*.gz filter=lfs diff=lfs merge=lfs -text",
      "*.h5 filter=lfs diff=lfs merge=lfs -text",
      "*.joblib filter=lfs diff=lfs merge=lfs -text",
      "*.lfs.* filter=lfs diff=lfs merge=lfs -text",
      "*.mlmodel filter=lfs diff=lfs merge=lfs -text",
      "*.model filter=lfs diff=lfs merge=lfs -text",
      "*.msgpack filter=lfs diff=lfs merge=lfs -text",
      "*.npy filter=lfs diff=lfs merge=lfs -text",
      "*.npz filter=lfs diff=lfs merge=lfs -text",
      "*.onnx filter=lfs diff=lfs merge=lfs -text",
      "*.ot filter=lfs diff=lfs merge=lfs -text",
      "*.parquet filter=lfs diff=lfs merge=lfs -text",
      "*.pb filter=lfs diff=lfs merge=lfs -text",
      "*.pickle filter=lfs diff=lfs merge=lfs -text",
      "*.pkl filter=lfs diff=lfs merge=lfs -text",
      "*.pt filter=lfs diff=lfs merge=lfs -text",
      "*.pth filter=lfs diff=lfs merge=lfs -text",
      "*.rar filter=lfs diff=lfs merge=lfs -text",
      "*.safetensors filter=lfs diff=lfs merge=lfs -text",
      "saved_model/**/* filter=lfs diff=lfs merge=lfs -text",
      "*.tar.* filter=lfs diff=lfs merge=lfs -text",
      "*.tar filter=lfs diff=lfs merge=lfs -text",
      "*.tflite filter=lfs diff=lfs merge=lfs -text",
      "*.tgz filter=lfs diff=lfs merge=lfs -text",
      "*.wasm filter=lfs diff=lfs merge=lfs -text",
      "*.xz filter=lfs diff=lfs merge=lfs -text",
      "*.zip filter=lfs diff=lfs merge=lfs -text",
      "*.zst filter=lfs diff=lfs merge=lfs -text",
      "*tfevents* filter=lfs diff=lfs merge=lfs -text",
      "");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?");
  private static final Pattern COMMIT_HEX = Pattern.compile("[0-9a-f]{7,40}");

  /** One operation of a commit. */
  public sealed interface Op permits Add, Delete, DeleteFolder, Rename {}

  public record Add(String path, FileRef file) implements Op {}

  public record Delete(String path) implements Op {}

  public record DeleteFolder(String path) implements Op {}

  public record Rename(String path, String oldPath) implements Op {}

  /** The outcome of a commit. */
  public record CommitResult(String commitId, String ref, Integer pullRequest, CommitEvent event) {}

  private final Object lock = new Object();
  private final Map<String, RepoData> repos = new LinkedHashMap<>();
  /** Repo key of a former name to the repo's current id: the Hub redirects the old name after a move. */
  private final Map<String, String> renamed = new LinkedHashMap<>();
  private final EmulatorClock clock;
  private final BlobStore blobs;
  private final AccountsImpl accounts;
  private final long lfsThreshold;
  /** The data directory's repos, or null for an emulator that forgets them. */
  private final StateStore store;
  private final List<CommitListener> commitListeners = new CopyOnWriteArrayList<>();
  private final List<RepoListener> repoListeners = new CopyOnWriteArrayList<>();
  private final List<RepoInfoContributor> infoContributors = new CopyOnWriteArrayList<>();

  /**
   * The state of an emulator; with a {@code dataDir} its repos are loaded from it and every mutation is saved in
   * it (see {@link StateStore}); without (null) they live in memory only.
   */
  public HubState(EmulatorClock clock, BlobStore blobs, AccountsImpl accounts, long lfsThreshold, Path dataDir) {
    this.clock = clock;
    this.blobs = blobs;
    this.accounts = accounts;
    this.lfsThreshold = lfsThreshold;
    this.store = dataDir == null ? null : new StateStore(dataDir);
    if (store != null) {
      for (RepoData r : store.load()) {
        repos.put(r.key(), r);
      }
    }
  }

  public EmulatorClock clock() {
    return clock;
  }

  public BlobStore blobs() {
    return blobs;
  }

  public AccountsImpl accounts() {
    return accounts;
  }

  public long lfsThreshold() {
    return lfsThreshold;
  }

  public List<CommitListener> commitListeners() {
    return commitListeners;
  }

  public List<RepoListener> repoListeners() {
    return repoListeners;
  }

  public List<RepoInfoContributor> infoContributors() {
    return infoContributors;
  }

  /** Runs {@code action} under the state lock. */
  public <T> T read(java.util.function.Supplier<T> action) {
    synchronized (lock) {
      return action.get();
    }
  }

  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  // ---------------------------------------------------------------- repos

  public Optional<RepoData> find(String type, String id) {
    synchronized (lock) {
      return Optional.ofNullable(repos.get(RepoData.key(type, id)));
    }
  }

  public List<RepoData> list(String type) {
    synchronized (lock) {
      List<RepoData> out = new ArrayList<>();
      for (RepoData r : repos.values()) {
        if (r.type.equals(type)) {
          out.add(r);
        }
      }
      return out;
    }
  }

  /** Validates a repo name part like the Hub: 1-96 chars of {@code [A-Za-z0-9._-]}, no {@code --} or {@code ..}. */
  public static void validateName(String part, String what) {
    if (part == null || !NAME.matcher(part).matches() || part.contains("--") || part.contains("..")
        || part.endsWith(".git")) {
      throw HubError.badRequest("Invalid " + what + ": '" + part + "'. It must use alphanumeric chars, '-', '_' or '.', "
          + "cannot start or end with '-' or '.', cannot contain '--' or '..', and its maximum length is 96.");
    }
  }

  public RepoData create(String type, String id, boolean isPrivate, Map<String, Object> attributes,
      String author, Map<String, Object> request) {
    String ns = id.substring(0, id.indexOf('/'));
    validateName(ns, "namespace");
    validateName(id.substring(id.indexOf('/') + 1), "repo name");
    RepoData repo;
    CommitEvent event;
    synchronized (lock) {
      RepoData existing = repos.get(RepoData.key(type, id));
      if (existing != null) {
        throw HubError.conflict("You already created this " + type + " repo");
      }
      Instant now = now();
      repo = new RepoData(type, id, Ids.objectId(type + ":" + id + ":" + now + ":" + Ids.randomHex(4)), now, isPrivate);
      repo.attributes.putAll(attributes);
      SortedMap<String, FileRef> tree = new TreeMap<>();
      tree.put(".gitattributes", storeRegular(DEFAULT_GITATTRIBUTES.getBytes(StandardCharsets.UTF_8)));
      if ("space".equals(type)) {
        tree.put("README.md", storeRegular(spaceReadme(repo.name(), String.valueOf(attributes.getOrDefault("sdk", "static")))));
      }
      Map<String, FileRef> changes = new LinkedHashMap<>(tree);
      CommitData c = newCommit(List.of(), tree, changes, "initial commit", "", author == null ? "system" : author, now);
      repo.commits.put(c.id(), c);
      repo.branches.put("main", c.id());
      repos.put(repo.key(), repo);
      event = new CommitEvent(RepoType.of(type), id, "main", c.id(), null, changes.keySet(), now);
      save(repo);
    }
    for (RepoListener l : repoListeners) {
      try {
        l.onCreated(RepoType.of(type), id, Collections.unmodifiableMap(request));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "repo listener failed", e);
      }
    }
    fire(event);
    return repo;
  }

  private static byte[] spaceReadme(String name, String sdk) {
    String text = "---\ntitle: " + name + "\ncolorFrom: blue\ncolorTo: green\nsdk: " + sdk + "\npinned: false\n---\n\n"
        + "Check out the configuration reference at https://huggingface.co/docs/hub/spaces-config-reference\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public boolean delete(String type, String id) {
    boolean removed;
    synchronized (lock) {
      RepoData gone = repos.remove(RepoData.key(type, id));
      removed = gone != null;
      if (removed && store != null) {
        store.delete(gone, repos.values());
      }
    }
    if (removed) {
      for (RepoListener l : repoListeners) {
        try {
          l.onDeleted(RepoType.of(type), id);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "repo listener failed", e);
        }
      }
    }
    return removed;
  }

  public void move(String type, String from, String to) {
    String ns = to.substring(0, to.indexOf('/'));
    validateName(ns, "namespace");
    validateName(to.substring(to.indexOf('/') + 1), "repo name");
    synchronized (lock) {
      RepoData r = repos.get(RepoData.key(type, from));
      if (r == null) {
        throw HubError.repoNotFound();
      }
      if (repos.containsKey(RepoData.key(type, to))) {
        throw HubError.conflict("A " + type + " repo named " + to + " already exists");
      }
      repos.remove(r.key());
      r.id = to;
      repos.put(r.key(), r);
      renamed.replaceAll((old, current) -> current.equals(from) ? to : current);
      renamed.put(RepoData.key(type, from), to);
      renamed.remove(RepoData.key(type, to));
      if (store != null) {
        store.moved(r);
      }
      save(r);
    }
    for (RepoListener l : repoListeners) {
      try {
        l.onMoved(RepoType.of(type), from, to);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "repo listener failed", e);
      }
    }
  }

  /**
   * The current id of a repo that was moved away from {@code id}, when no repo lives at {@code id} any more
   * (the Hub then answers the old name with a redirect to the new one on every route).
   */
  public Optional<String> renamedTo(String type, String id) {
    synchronized (lock) {
      String key = RepoData.key(type, id);
      if (repos.containsKey(key)) {
        return Optional.empty();
      }
      String to = renamed.get(key);
      return to != null && repos.containsKey(RepoData.key(type, to)) ? Optional.of(to) : Optional.empty();
    }
  }

  /** Runs a mutation of {@code repo}'s metadata under the lock and persists it. */
  public <T> T mutate(RepoData repo, java.util.function.Supplier<T> action) {
    synchronized (lock) {
      T result = action.get();
      save(repo);
      return result;
    }
  }

  // ---------------------------------------------------------------- revisions

  /** The commit id a revision names (branch, tag, refs/..., HEAD, full or short commit id). */
  public Optional<String> resolve(RepoData r, String rev) {
    synchronized (lock) {
      if (rev == null || rev.isEmpty() || rev.equals("HEAD")) {
        return Optional.ofNullable(r.branches.get("main"));
      }
      if (r.branches.containsKey(rev)) {
        return Optional.of(r.branches.get(rev));
      }
      if (r.tags.containsKey(rev)) {
        return Optional.of(r.tags.get(rev));
      }
      if (rev.startsWith("refs/heads/")) {
        return Optional.ofNullable(r.branches.get(rev.substring("refs/heads/".length())));
      }
      if (rev.startsWith("refs/tags/")) {
        return Optional.ofNullable(r.tags.get(rev.substring("refs/tags/".length())));
      }
      Integer pr = prNumber(rev);
      if (pr != null) {
        return Optional.ofNullable(r.prRefs.get(pr));
      }
      if (COMMIT_HEX.matcher(rev).matches()) {
        if (rev.length() == 40) {
          return r.commits.containsKey(rev) ? Optional.of(rev) : Optional.empty();
        }
        List<String> matches = new ArrayList<>();
        for (String id : r.commits.keySet()) {
          if (id.startsWith(rev)) {
            matches.add(id);
          }
        }
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
      }
      return Optional.empty();
    }
  }

  /** The commit a revision names, or 404 RevisionNotFound. */
  public CommitData commitAt(RepoData r, String rev) {
    String id = resolve(r, rev).orElseThrow(() -> HubError.revisionNotFound(rev));
    synchronized (lock) {
      return r.commits.get(id);
    }
  }

  /** {@code N} of {@code refs/pr/N}, or null. */
  public static Integer prNumber(String rev) {
    if (rev != null && rev.matches("refs/pr/[1-9][0-9]{0,8}")) {
      return Integer.valueOf(rev.substring("refs/pr/".length()));
    }
    return null;
  }

  // ---------------------------------------------------------------- files

  private FileRef storeRegular(byte[] content) {
    String sha = blobs.put(content);
    return FileRef.regular(content, sha);
  }

  /** Stores a regular file's content and returns its reference. */
  public FileRef putRegular(byte[] content) {
    return storeRegular(content);
  }

  /**
   * The Hub's upload mode for a file: {@code lfs} when {@code .gitattributes} marks it, when it is at least the
   * LFS threshold, or when its sample looks binary (a NUL byte); otherwise {@code regular}. Empty files are
   * regular.
   */
  public String uploadMode(String gitattributes, String path, long size, byte[] sample) {
    if (size == 0) {
      return "regular";
    }
    if (Glob.isLfsByAttributes(gitattributes, path) || size >= lfsThreshold) {
      return "lfs";
    }
    if (sample != null) {
      for (byte b : sample) {
        if (b == 0) {
          return "lfs";
        }
      }
    }
    return "regular";
  }

  /** The text of a file at a commit, or null. */
  public String textAt(CommitData c, String path) {
    FileRef f = c.tree().get(path);
    if (f == null || f.lfs()) {
      return null;
    }
    return new String(blobs.read(f.sha256()), StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- commits

  /** Validates a path in a repo like the Hub (422 on traversal, {@code .git} and empty segments). */
  public static String validatePath(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\u0000")) {
      throw HubError.unprocessable("Invalid path: '" + path + "'");
    }
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    // Each '/'-separated segment (empty ones too), as split("/", -1) gives them, without an array and strings.
    int start = 0;
    int n = p.length();
    while (true) {
      int end = p.indexOf('/', start);
      if (end < 0) {
        end = n;
      }
      if (invalidSegment(p, start, end)) {
        throw HubError.unprocessable("Invalid path: '" + path + "'");
      }
      if (end == n) {
        return p;
      }
      start = end + 1;
    }
  }

  /** Whether {@code p[start, end)} is empty, {@code .}, {@code ..} or {@code .git}. */
  private static boolean invalidSegment(String p, int start, int end) {
    int len = end - start;
    if (len == 0) {
      return true;
    }
    if (p.charAt(start) != '.' || len > 4) {
      return false;
    }
    return len == 1 || len == 2 && p.charAt(start + 1) == '.' || len == 4 && p.startsWith("git", start + 1);
  }

  /**
   * Applies a commit on a branch or {@code refs/pr/N}, or opens a PR against a branch. Throws 404
   * RevisionNotFound for an unknown branch, 412 for a stale {@code parentCommit}, 404 EntryNotFound when a
   * deleted path does not exist.
   */
  public CommitResult commit(RepoData r, String rev, boolean createPr, String parentCommit, List<Op> ops,
      String title, String description, String author) {
    CommitResult result;
    synchronized (lock) {
      if (repos.get(r.key()) != r) {
        throw HubError.repoNotFound();
      }
      String branch = rev.startsWith("refs/heads/") ? rev.substring("refs/heads/".length()) : rev;
      Integer prNum = prNumber(branch);
      String head;
      if (prNum != null) {
        if (createPr) {
          throw HubError.badRequest("Cannot open a pull request on a pull request ref");
        }
        head = r.prRefs.get(prNum);
      } else {
        head = r.branches.get(branch);
      }
      if (head == null) {
        throw HubError.revisionNotFound(rev);
      }
      if (parentCommit != null && !parentCommit.isEmpty()) {
        if (!parentCommit.matches("[0-9a-fA-F]{5,40}") || !head.startsWith(parentCommit.toLowerCase())) {
          throw HubError.preconditionFailed(
              "The branch was updated since you opened this page. Please refresh and try again.");
        }
      }
      CommitData parent = r.commits.get(head);
      TreeMap<String, FileRef> tree = new TreeMap<>(parent.tree());
      for (Op op : ops) {
        apply(tree, op);
      }
      Map<String, FileRef> changes = new LinkedHashMap<>();
      for (Map.Entry<String, FileRef> e : tree.entrySet()) {
        if (!e.getValue().equals(parent.tree().get(e.getKey()))) {
          changes.put(e.getKey(), e.getValue());
        }
      }
      for (String p : parent.tree().keySet()) {
        if (!tree.containsKey(p)) {
          changes.put(p, null);
        }
      }
      String message = description == null || description.isEmpty() ? title : title + "\n\n" + description;
      Instant now = now();
      CommitData c = newCommit(List.of(head), tree, changes, title, message, author, now);
      r.commits.put(c.id(), c);
      String ref;
      Integer pr = null;
      if (createPr) {
        RepoData.PullRequest opened = r.openPullRequest(title, author, now);
        pr = opened.num;
        opened.isPullRequest = true;
        opened.targetBranch = branch;
        opened.baseCommit = head;
        opened.events.add(DiscussionEvents.commit(c, now));
        r.prRefs.put(pr, c.id());
        ref = "refs/pr/" + pr;
      } else if (prNum != null) {
        r.prRefs.put(prNum, c.id());
        RepoData.PullRequest target = r.pullRequests.get(prNum);
        if (target != null) {
          target.events.add(DiscussionEvents.commit(c, now));
        }
        ref = "refs/pr/" + prNum;
      } else {
        r.branches.put(branch, c.id());
        ref = branch;
      }
      r.lastModified = now;
      save(r);
      CommitEvent event = new CommitEvent(RepoType.of(r.type), r.id, ref, c.id(), head,
          Collections.unmodifiableSet(new LinkedHashSet<>(changes.keySet())), now);
      result = new CommitResult(c.id(), ref, pr, event);
    }
    fire(result.event());
    return result;
  }

  /**
   * Merges pull request {@code num} into its target branch: the changes between the commit it started from and
   * its head are applied on the branch head in one new commit. 409 naming the files when the branch changed them
   * too (nothing is merged).
   */
  public String mergePullRequest(RepoData r, int num, String author, String comment) {
    String mergeId;
    CommitEvent event;
    synchronized (lock) {
      RepoData.PullRequest pr = r.pullRequests.get(num);
      if (pr == null || !pr.isPullRequest) {
        throw HubError.notFound("Pull request #" + num + " not found");
      }
      if ("merged".equals(pr.status)) {
        throw HubError.conflict("Pull request #" + num + " is already merged");
      }
      if ("closed".equals(pr.status)) {
        throw HubError.badRequest("Pull request #" + num + " is closed: reopen it before merging");
      }
      String targetHead = r.branches.get(pr.targetBranch);
      if (targetHead == null) {
        throw HubError.revisionNotFound(pr.targetBranch);
      }
      List<String> conflicts = conflicts(r, pr);
      if (!conflicts.isEmpty()) {
        throw HubError.conflict("Pull request #" + num + " has conflicts with " + pr.targetBranch + " in "
            + String.join(", ", conflicts) + ": merge " + pr.targetBranch + " into it first");
      }
      CommitData prHead = r.commits.get(r.prRefs.get(num));
      CommitData base = r.commits.get(pr.baseCommit);
      TreeMap<String, FileRef> tree = new TreeMap<>(r.commits.get(targetHead).tree());
      Map<String, FileRef> changes = new LinkedHashMap<>();
      for (String p : prChanges(base, prHead)) {
        FileRef f = prHead.tree().get(p);
        if (f == null) {
          tree.remove(p);
        } else {
          tree.put(p, f);
        }
        changes.put(p, f);
      }
      Instant now = now();
      CommitData c = newCommit(List.of(targetHead, prHead.id()), tree, changes, pr.title,
          pr.title + "\n\nMerge refs/pr/" + num + " into " + pr.targetBranch, author, now);
      r.commits.put(c.id(), c);
      r.branches.put(pr.targetBranch, c.id());
      r.lastModified = now;
      pr.status = "merged";
      pr.mergeCommitId = c.id();
      if (comment != null && !comment.isBlank()) {
        pr.events.add(DiscussionEvents.comment(author, comment, now));
      }
      pr.events.add(DiscussionEvents.statusChange(author, "merged", now));
      mergeId = c.id();
      save(r);
      event = new CommitEvent(RepoType.of(r.type), r.id, pr.targetBranch, c.id(), targetHead,
          Collections.unmodifiableSet(new LinkedHashSet<>(changes.keySet())), now);
    }
    fire(event);
    return mergeId;
  }

  /** The files a pull request changes that its target branch also changed differently since the PR started. */
  public List<String> conflicts(RepoData r, RepoData.PullRequest pr) {
    synchronized (lock) {
      String targetHead = r.branches.get(pr.targetBranch);
      String prHeadId = r.prRefs.get(pr.num);
      if (targetHead == null || prHeadId == null || pr.baseCommit == null || "merged".equals(pr.status)) {
        return List.of();
      }
      CommitData base = r.commits.get(pr.baseCommit);
      CommitData prHead = r.commits.get(prHeadId);
      CommitData target = r.commits.get(targetHead);
      List<String> out = new ArrayList<>();
      for (String p : prChanges(base, prHead)) {
        FileRef atBase = base.tree().get(p);
        FileRef atTarget = target.tree().get(p);
        FileRef inPr = prHead.tree().get(p);
        if (!java.util.Objects.equals(atBase, atTarget) && !java.util.Objects.equals(atTarget, inPr)) {
          out.add(p);
        }
      }
      return out;
    }
  }

  /** Paths that differ between two commits' trees. */
  public static List<String> prChanges(CommitData base, CommitData head) {
    java.util.TreeSet<String> paths = new java.util.TreeSet<>(base.tree().keySet());
    paths.addAll(head.tree().keySet());
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      if (!java.util.Objects.equals(base.tree().get(p), head.tree().get(p))) {
        out.add(p);
      }
    }
    return out;
  }

  private static void apply(TreeMap<String, FileRef> tree, Op op) {
    if (op instanceof Add) {
      Add a = (Add) op;
      String dirPrefix = a.path() + "/";
      if (tree.ceilingKey(dirPrefix) != null && tree.ceilingKey(dirPrefix).startsWith(dirPrefix)) {
        throw HubError.unprocessable("Cannot create file " + a.path() + ": a folder with this name exists");
      }
      tree.put(a.path(), a.file());
    } else if (op instanceof Delete) {
      String path = ((Delete) op).path();
      if (tree.remove(path) == null) {
        throw new HubError(404, "EntryNotFound", "A file with this name doesn't exist: " + path);
      }
    } else if (op instanceof DeleteFolder) {
      String prefix = ((DeleteFolder) op).path() + "/";
      boolean any = tree.keySet().removeIf(p -> p.startsWith(prefix));
      if (!any) {
        throw new HubError(404, "EntryNotFound", "A folder with this name doesn't exist: " + ((DeleteFolder) op).path());
      }
    } else {
      Rename rn = (Rename) op;
      FileRef f = tree.remove(rn.oldPath());
      if (f == null) {
        throw new HubError(404, "EntryNotFound", "A file with this name doesn't exist: " + rn.oldPath());
      }
      tree.put(rn.path(), f);
    }
  }

  private static CommitData newCommit(List<String> parents, SortedMap<String, FileRef> tree,
      Map<String, FileRef> changes, String title, String message, String author, Instant date) {
    String treeOid = GitObjects.treeOid(tree);
    String id = GitObjects.commitOid(treeOid, parents, author, date, message.isEmpty() ? title : message);
    // The callers hand over a map they built for this commit and no longer touch: no copy.
    return new CommitData(id, List.copyOf(parents), Collections.unmodifiableSortedMap(tree),
        Collections.unmodifiableMap(changes), title, message.isEmpty() ? title : message, author, date, treeOid);
  }

  private void fire(CommitEvent event) {
    for (CommitListener l : commitListeners) {
      try {
        l.onCommit(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "commit listener failed", e);
      }
    }
  }

  // ---------------------------------------------------------------- persistence

  /** Saves repo {@code r} after a mutation of it (nothing when it was deleted meanwhile, or without a data dir). */
  private void save(RepoData r) {
    if (store != null && repos.get(r.key()) == r) {
      store.save(r, repos.values());
    }
  }
}
