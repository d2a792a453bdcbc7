package io.hf4j.testkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Mutable state of one repo; guarded by the {@link HubState} lock. */
public final class RepoData {
  /** A pull request: its number, title, base branch, and whether it is open. */
  public static final class PullRequest {
    public final int num;
    public final String title;
    public final String author;
    public final Instant createdAt;
    public String status = "open";
    /** Whether this is a pull request (else a plain discussion). */
    public boolean isPullRequest;
    /** The branch a pull request merges into. */
    public String targetBranch = "main";
    /** The commit of the target branch the pull request started from. */
    public String baseCommit;
    /** The merge commit, once merged. */
    public String mergeCommitId;
    /** The events (comments, status changes, commits) in the Hub's JSON shape, oldest first. */
    public final List<Map<String, Object>> events = new ArrayList<>();

    PullRequest(int num, String title, String author, Instant createdAt) {
      this.num = num;
      this.title = title;
      this.author = author;
      this.createdAt = createdAt;
    }
  }

  public final String type;
  public String id;
  public final String objectId;
  public final Instant createdAt;
  public boolean isPrivate;
  public String gated = "false";
  public Instant lastModified;
  /** Type-specific fields kept from creation: {@code sdk} for Spaces, anything a module sets. */
  public final Map<String, Object> attributes = new LinkedHashMap<>();
  /** Branch name to head commit id. */
  public final Map<String, String> branches = new TreeMap<>();
  /** Tag name to commit id. */
  public final Map<String, String> tags = new TreeMap<>();
  /** Tag name to its message, for tags created with one. */
  public final Map<String, String> tagMessages = new TreeMap<>();
  /** Whether discussions and pull requests are turned off. */
  public boolean discussionsDisabled;
  /** PR number to head commit id of {@code refs/pr/N}. */
  public final Map<Integer, String> prRefs = new TreeMap<>();
  public final Map<Integer, PullRequest> pullRequests = new TreeMap<>();
  public int nextDiscussion = 1;
  /** Every commit by id, in creation order. */
  public final Map<String, CommitData> commits = new LinkedHashMap<>();
  /** LFS objects (SHA-256) uploaded for this repo, in upload order (the order they are saved in). */
  public final Set<String> lfsObjects = new LinkedHashSet<>();

  public RepoData(String type, String id, String objectId, Instant createdAt, boolean isPrivate) {
    this.type = type;
    this.id = id;
    this.objectId = objectId;
    this.createdAt = createdAt;
    this.lastModified = createdAt;
    this.isPrivate = isPrivate;
  }

  public String namespace() {
    return id.substring(0, id.indexOf('/'));
  }

  public String name() {
    return id.substring(id.indexOf('/') + 1);
  }

  public String key() {
    return key(type, id);
  }

  public static String key(String type, String id) {
    return type + "/" + id;
  }

  /** {@code ""}, {@code datasets/}, {@code spaces/}, {@code kernels/}. */
  public String urlPrefix() {
    return urlPrefix(type);
  }

  public static String urlPrefix(String type) {
    return "model".equals(type) ? "" : type + "s/";
  }

  public PullRequest openPullRequest(String title, String author, Instant at) {
    PullRequest pr = new PullRequest(nextDiscussion++, title, author, at);
    pullRequests.put(pr.num, pr);
    return pr;
  }

  /** Commits reachable from {@code head} following first parents, newest first. */
  public List<CommitData> history(String head) {
    List<CommitData> out = new ArrayList<>();
    String cur = head;
    while (cur != null) {
      CommitData c = commits.get(cur);
      if (c == null) {
        break;
      }
      out.add(c);
      cur = c.parents().isEmpty() ? null : c.parents().get(0);
    }
    return out;
  }
}
