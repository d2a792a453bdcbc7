package io.hf4j.testkit.internal;

import io.hf4j.testkit.spi.Caller;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Discussions and pull requests: list, open, details, comment, status, merge. */
final class DiscussionRoutes {
  private static final int PAGE = 50;

  private final EmulatorServer server;
  private final HubState state;
  private final Access access;

  DiscussionRoutes(EmulatorServer server) {
    this.server = server;
    this.state = server.state();
    this.access = new Access(state);
  }

  void register(Router r) {
    RepoRoutes.perType(r, "GET", "/discussions", this::list);
    RepoRoutes.perType(r, "POST", "/discussions", this::open);
    RepoRoutes.perType(r, "GET", "/discussions/{num}", this::details);
    RepoRoutes.perType(r, "POST", "/discussions/{num}/comment", this::comment);
    RepoRoutes.perType(r, "POST", "/discussions/{num}/status", this::status);
    RepoRoutes.perType(r, "POST", "/discussions/{num}/merge", this::merge);
  }

  private Response list(Request req, String type, String id) {
    RepoData repo = access.readable(req, type, id);
    String kind = req.query("type");
    String status = req.query("status");
    String author = req.query("author");
    if (kind != null && !List.of("all", "discussion", "pull_request").contains(kind)) {
      throw HubError.badRequest("Invalid type: '" + kind + "' (all, discussion or pull_request)");
    }
    if (status != null && !List.of("all", "open", "closed").contains(status)) {
      throw HubError.badRequest("Invalid status: '" + status + "' (all, open or closed)");
    }
    int page = 0;
    if (req.query("p") != null) {
      try {
        page = Integer.parseInt(req.query("p"));
      } catch (NumberFormatException e) {
        throw HubError.badRequest("p must be an integer");
      }
      if (page < 0) {
        throw HubError.badRequest("p must be >= 0");
      }
    }
    List<Map<String, Object>> all = new ArrayList<>();
    int closed = state.read(() -> {
      int n = 0;
      List<RepoData.PullRequest> newestFirst = new ArrayList<>(repo.pullRequests.values());
      java.util.Collections.reverse(newestFirst);
      for (RepoData.PullRequest d : newestFirst) {
        boolean isClosed = !("open".equals(d.status) || "draft".equals(d.status));
        if (isClosed) {
          n++;
        }
        if ("discussion".equals(kind) && d.isPullRequest || "pull_request".equals(kind) && !d.isPullRequest) {
          continue;
        }
        if ("open".equals(status) && isClosed || "closed".equals(status) && !isClosed) {
          continue;
        }
        if (author != null && !author.equals(d.author)) {
          continue;
        }
        all.add(summary(repo, d));
      }
      return n;
    });
    int from = (int) Math.min((long) page * PAGE, all.size());
    int to = Math.min(from + PAGE, all.size());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("discussions", all.subList(from, to));
    out.put("count", all.size());
    out.put("start", from);
    out.put("numClosedDiscussions", closed);
    return Response.json(200, out);
  }

  private Response open(Request req, String type, String id) {
    RepoData repo = access.readable(req, type, id);
    Caller c = req.requireWriter();
    Map<String, Object> body = req.jsonObject();
    String title = Json.string(body, "title");
    if (title == null || title.strip().length() < 3) {
      throw HubError.badRequest("title must be at least 3 characters");
    }
    if (state.read(() -> repo.discussionsDisabled)) {
      throw HubError.forbidden("Discussions are disabled for this repo");
    }
    boolean pr = Boolean.TRUE.equals(body.get("pullRequest"));
    String description = Json.string(body, "description");
    Instant now = state.now();
    RepoData.PullRequest opened = state.mutate(repo, () -> {
      RepoData.PullRequest p = repo.openPullRequest(title.strip(), c.user(), now);
      p.isPullRequest = pr;
      if (pr) {
        p.status = "draft";
        p.baseCommit = repo.branches.get("main");
        repo.prRefs.put(p.num, p.baseCommit);
      }
      if (description != null && !description.isBlank()) {
        p.events.add(DiscussionEvents.comment(c.user(), description, now));
      }
      return p;
    });
    return Response.json(200, state.read(() -> summary(repo, opened)));
  }

  private RepoData.PullRequest find(RepoData repo, Request req) {
    int num;
    try {
      num = Integer.parseInt(req.param("num"));
    } catch (NumberFormatException e) {
      throw HubError.notFound("Discussion not found");
    }
    RepoData.PullRequest d = state.read(() -> repo.pullRequests.get(num));
    if (d == null) {
      throw HubError.notFound("Discussion #" + num + " not found");
    }
    return d;
  }

  private Response details(Request req, String type, String id) {
    RepoData repo = access.readable(req, type, id);
    RepoData.PullRequest d = find(repo, req);
    boolean diff = Access.truthy(req.query("diff"));
    List<String> conflicts = d.isPullRequest ? state.conflicts(repo, d) : List.of();
    Map<String, Object> m = state.read(() -> {
      Map<String, Object> out = summary(repo, d);
      out.put("events", new ArrayList<>(d.events));
      if (d.isPullRequest) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("base", "refs/heads/" + d.targetBranch);
        if (d.mergeCommitId != null) {
          changes.put("mergeCommitId", d.mergeCommitId);
        }
        out.put("changes", changes);
        out.put("filesWithConflicts", conflicts);
        if (diff) {
          out.put("diff", diffText(repo, d));
        }
      }
      return out;
    });
    return Response.json(200, m);
  }

  private String diffText(RepoData repo, RepoData.PullRequest d) {
    String head = repo.prRefs.get(d.num);
    if (head == null || d.baseCommit == null) {
      return "";
    }
    CommitData base = repo.commits.get(d.baseCommit);
    CommitData pr = repo.commits.get(head);
    StringBuilder sb = new StringBuilder();
    for (String p : HubState.prChanges(base, pr)) {
      FileRef before = base.tree().get(p);
      FileRef after = pr.tree().get(p);
      sb.append("diff --git a/").append(p).append(" b/").append(p).append('\n');
      sb.append("index ").append(before == null ? "0000000" : before.gitOid().substring(0, 7)).append("..")
          .append(after == null ? "0000000" : after.gitOid().substring(0, 7)).append('\n');
    }
    return sb.toString();
  }

  private Response comment(Request req, String type, String id) {
    RepoData repo = access.readable(req, type, id);
    Caller c = req.requireWriter();
    RepoData.PullRequest d = find(repo, req);
    String text = Json.string(req.jsonObject(), "comment");
    if (text == null || text.isBlank()) {
      throw HubError.badRequest("comment must not be empty");
    }
    Map<String, Object> event = DiscussionEvents.comment(c.user(), text, state.now());
    state.mutate(repo, () -> d.events.add(event));
    return Response.json(200, Map.of("newMessage", event));
  }

  private Response status(Request req, String type, String id) {
    RepoData repo = access.readable(req, type, id);
    Caller c = req.requireWriter();
    RepoData.PullRequest d = find(repo, req);
    if (!c.user().equals(d.author) && !state.accounts().canWriteNamespace(c.user(), repo.namespace())) {
      throw HubError.forbidden("Only the author or the repo's owners can change the status of #" + d.num);
    }
    Map<String, Object> body = req.jsonObject();
    String status = Json.string(body, "status");
    if (!"open".equals(status) && !"closed".equals(status)) {
      throw HubError.badRequest("status must be open or closed");
    }
    if ("merged".equals(state.read(() -> d.status))) {
      throw HubError.badRequest("#" + d.num + " is merged; its status cannot change");
    }
    String comment = Json.string(body, "comment");
    Instant now = state.now();
    Map<String, Object> event = DiscussionEvents.statusChange(c.user(), status, now);
    state.mutate(repo, () -> {
      d.status = status;
      d.events.add(event);
      if (comment != null && !comment.isBlank()) {
        d.events.add(DiscussionEvents.comment(c.user(), comment, now));
      }
      return null;
    });
    return Response.json(200, Map.of("newStatus", event));
  }

  private Response merge(Request req, String type, String id) {
    RepoData repo = access.writable(req, type, id);
    Caller c = req.requireWriter();
    RepoData.PullRequest d = find(repo, req);
    byte[] raw = req.bodyBytes(1024 * 1024);
    String comment = null;
    if (raw.length > 0) {
      Object parsed;
      try {
        parsed = Json.parse(raw);
      } catch (IllegalArgumentException e) {
        throw HubError.badRequest("Invalid JSON body");
      }
      if (parsed instanceof Map) {
        comment = Json.string(Json.asObject(parsed, "body"), "comment");
      }
    }
    String commit = state.mergePullRequest(repo, d.num, c.user(), comment);
    return Response.json(200, Map.of("mergeCommitId", commit));
  }

  private Map<String, Object> summary(RepoData repo, RepoData.PullRequest d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("num", d.num);
    m.put("title", d.title);
    m.put("status", d.status);
    m.put("isPullRequest", d.isPullRequest);
    Map<String, Object> author = new LinkedHashMap<>();
    author.put("name", d.author);
    author.put("type", "user");
    m.put("author", author);
    m.put("createdAt", d.createdAt.toString());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", repo.id);
    r.put("type", repo.type);
    m.put("repo", r);
    m.put("pinned", false);
    m.put("numComments", (int) d.events.stream().filter(e -> "comment".equals(e.get("type"))).count());
    m.put("url", server.apiUrl() + "/" + repo.urlPrefix() + repo.id + "/discussions/" + d.num);
    if (d.isPullRequest) {
      m.put("gitReference", "refs/pr/" + d.num);
    }
    return m;
  }
}
