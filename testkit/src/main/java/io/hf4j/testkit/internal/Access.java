package io.hf4j.testkit.internal;

import io.hf4j.testkit.spi.Caller;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import java.util.Map;
import java.util.Optional;

/** Repo lookup and permission checks shared by the Hub routes. */
final class Access {
  static final Map<String, String> TYPES_BY_PLURAL =
      Map.of("models", "model", "datasets", "dataset", "spaces", "space", "kernels", "kernel");

  private final HubState state;

  Access(HubState state) {
    this.state = state;
  }

  /** Whether {@code caller} may read {@code repo} (public, or private and owned by the caller or its org). */
  boolean canRead(RepoData repo, Caller caller) {
    boolean priv = state.read(() -> repo.isPrivate);
    return !priv || (caller != null && state.accounts().canWriteNamespace(caller.user(), repo.namespace()));
  }

  /**
   * The repo, readable by the caller; otherwise 401 "Invalid username or password." without {@code X-Error-*}
   * headers (anonymous) or 404 with {@code X-Error-Code: RepoNotFound}, as the Hub answers for both "missing" and
   * "private".
   */
  RepoData readable(Request req, String type, String id) {
    Optional<RepoData> repo = state.find(type, id);
    Caller caller = req.caller();
    if (repo.isEmpty() || !canRead(repo.get(), caller)) {
      if (caller == null) {
        // The Hub's answer to an anonymous request for a private (or missing) repo: a bare 401, no X-Error-*.
        throw HubError.unauthorized("Invalid username or password.");
      }
      throw HubError.repoNotFound();
    }
    return repo.get();
  }

  /**
   * The repo, readable by the caller, for reading file content: a gated repo's files are served to its owners
   * only (the emulator grants no access requests); others get 401 (anonymous) or 403 with {@code X-Error-Code:
   * GatedRepo}, as the Hub answers.
   */
  RepoData downloadable(Request req, String type, String id) {
    RepoData repo = readable(req, type, id);
    boolean gated = !"false".equals(state.read(() -> repo.gated));
    Caller caller = req.caller();
    if (gated && (caller == null || !state.accounts().canWriteNamespace(caller.user(), repo.namespace()))) {
      String msg = "Access to " + type + " " + id + " is restricted. You must have access to it and be authenticated"
          + " to access it. Please log in.";
      throw new HubError(caller == null ? 401 : 403, "GatedRepo", msg);
    }
    return repo;
  }

  /** The repo, writable by the caller: 401 without token, 403 for a read token or a foreign namespace. */
  RepoData writable(Request req, String type, String id) {
    RepoData repo = readable(req, type, id);
    Caller c = req.requireWriter();
    if (!state.accounts().canWriteNamespace(c.user(), repo.namespace())) {
      throw HubError.forbidden("You don't have the rights to write to " + type + " repo " + id);
    }
    return repo;
  }

  /** For a commit or preupload: writable, or (with {@code create_pr}) readable with a write token. */
  RepoData committable(Request req, String type, String id, boolean createPr) {
    if (!createPr) {
      return writable(req, type, id);
    }
    RepoData repo = readable(req, type, id);
    req.requireWriter();
    return repo;
  }

  static boolean truthy(String v) {
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
  }
}
