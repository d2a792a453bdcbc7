package io.hf4j.testkit;

import org.jspecify.annotations.Nullable;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.internal.CommitData;
import io.hf4j.testkit.internal.FileRef;
import io.hf4j.testkit.internal.HubState;
import io.hf4j.testkit.internal.RepoData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A live, read-only view of one emulated repo: its refs, commits and files at any revision, with their bytes.
 * Revisions are branch or tag names, {@code refs/pr/N}, {@code HEAD}, or commit ids (full or an unambiguous
 * prefix).
 */
public final class RepoView {
  private final HubState state;
  private final RepoData repo;

  /**
   * For the emulator and its modules.
   *
   * @param state the emulator's state
   * @param repo the repository's state
   */
  public RepoView(HubState state, RepoData repo) {
    this.state = state;
    this.repo = repo;
  }

  /** {@return the repository type} */
  public RepoType type() {
    return RepoType.of(repo.type);
  }

  /** {@return {@code namespace/name}} */
  public String id() {
    return state.read(() -> repo.id);
  }

  /** {@return the repo's 24-hex object id ({@code _id} / {@code id} in create answers)} */
  public String objectId() {
    return repo.objectId;
  }

  /** {@return whether the repository is private} */
  public boolean isPrivate() {
    return state.read(() -> repo.isPrivate);
  }

  /** {@return when the repository was created} */
  public Instant createdAt() {
    return repo.createdAt;
  }

  /** {@return the time of the last commit} */
  public Instant lastModified() {
    return state.read(() -> repo.lastModified);
  }

  /**
   * Type-specific fields (e.g. a Space's {@code sdk}).
   *
   * @return the type-specific fields
   */
  public Map<String, Object> attributes() {
    return state.read(() -> Collections.unmodifiableMap(new LinkedHashMap<>(repo.attributes)));
  }

  /** {@return the head commit id of each branch, by branch name} */
  public Map<String, String> branches() {
    return state.read(() -> Collections.unmodifiableMap(new TreeMap<>(repo.branches)));
  }

  /** {@return the commit id of each tag, by tag name} */
  public Map<String, String> tags() {
    return state.read(() -> Collections.unmodifiableMap(new TreeMap<>(repo.tags)));
  }

  /** {@return the head commit of each {@code refs/pr/N}, by PR number} */
  public Map<Integer, String> pullRequests() {
    return state.read(() -> Collections.unmodifiableMap(new TreeMap<>(repo.prRefs)));
  }

  /**
   * {@return the commit id a revision names, if any}
   *
   * @param revision a branch, tag or commit id
   */
  public @Nullable String resolve(String revision) {
    return state.resolve(repo, revision).orElse(null);
  }

  /**
   * {@return the head commit of a branch; throws {@link NoSuchElementException} when there is no such branch}
   *
   * @param branch the branch name
   */
  public String head(String branch) {
    String id = branches().get(branch);
    if (id == null) {
      throw new NoSuchElementException("no branch " + branch + " in " + id());
    }
    return id;
  }

  private CommitData commit(String revision) {
    String id = resolve(revision);
    if (id == null) throw new NoSuchElementException("no revision " + revision + " in " + id());
    return state.read(() -> repo.commits.get(id));
  }

  /**
   * {@return every file at a revision, by path}
   *
   * @param revision a branch, tag or commit id
   */
  public SortedMap<String, StoredFile> files(String revision) {
    CommitData c = commit(revision);
    SortedMap<String, StoredFile> out = new TreeMap<>();
    for (Map.Entry<String, FileRef> e : c.tree().entrySet()) {
      out.put(e.getKey(), toFile(e.getKey(), e.getValue()));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /**
   * {@return a file at a revision, or null when the revision has no such file}
   *
   * @param revision a branch, tag or commit id
   * @param path the file's path in the repository
   */
  public @Nullable StoredFile file(String revision, String path) {
    FileRef f = commit(revision).tree().get(path);
    return f == null ? null : toFile(path, f);
  }

  /**
   * {@return the bytes of a file; throws {@link NoSuchElementException} when it does not exist}
   *
   * @param revision a branch, tag or commit id
   * @param path the file's path in the repository
   */
  public byte[] fileBytes(String revision, String path) {
    StoredFile f = file(revision, path);
    if (f == null) throw new NoSuchElementException("no file " + path + " at " + revision);
    return f.bytes();
  }

  private StoredFile toFile(String path, FileRef f) {
    return new StoredFile(path, f.size(), f.lfs(), f.gitOid(), f.sha256(), state.blobs().path(f.sha256()));
  }

  /**
   * Commits reachable from a revision through first parents, newest first.
   *
   * @param revision a branch, tag or commit id
   * @return the commits, newest first (empty for an unknown revision)
   */
  public List<CommitView> commits(String revision) {
    CommitData head = commit(revision);
    List<CommitView> out = new ArrayList<>();
    for (CommitData c : state.read(() -> repo.history(head.id()))) {
      out.add(new CommitView(c.id(), c.parents(), c.title(), c.message(), c.author(), c.date(),
          Collections.unmodifiableSet(c.changes().keySet())));
    }
    return Collections.unmodifiableList(out);
  }

  /** {@return the SHA-256 oids of the LFS objects uploaded for this repo} */
  public java.util.Set<String> lfsObjects() {
    return state.read(() -> java.util.Set.copyOf(repo.lfsObjects));
  }

  @Override
  public String toString() {
    return "RepoView[" + repo.type + " " + id() + "]";
  }
}
