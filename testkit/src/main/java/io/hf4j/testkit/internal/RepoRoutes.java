package io.hf4j.testkit.internal;

import io.hf4j.testkit.RepoView;
import io.hf4j.testkit.spi.Caller;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.RepoInfoContributor;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** whoami, repo lifecycle, info, refs, commits, tree, paths-info, branches, tags, discussions, validate-yaml. */
final class RepoRoutes {
  private static final Set<String> SDKS = Set.of("gradio", "streamlit", "docker", "static");

  private final EmulatorServer server;
  private final HubState state;
  private final Access access;

  RepoRoutes(EmulatorServer server) {
    this.server = server;
    this.state = server.state();
    this.access = new Access(state);
  }

  /** Registers {@code /api/<plural>/{ns}/{name}<suffix>} for every repo type. */
  static void perType(Router router, String method, String suffix, TypedHandler handler) {
    for (Map.Entry<String, String> e : Access.TYPES_BY_PLURAL.entrySet()) {
      String type = e.getValue();
      router.add(method, "/api/" + e.getKey() + "/{ns}/{name}" + suffix, req -> handler.handle(req, type,
          req.param("ns") + "/" + req.param("name")));
    }
  }

  /** A handler that knows the repo type and id of its route. */
  @FunctionalInterface
  interface TypedHandler {
    Response handle(Request req, String type, String id) throws Exception;
  }

  void register(Router r) {
    r.add("GET", "/api/whoami-v2", this::whoami);
    r.add("POST", "/api/repos/create", this::create);
    r.add("DELETE", "/api/repos/delete", this::delete);
    r.add("POST", "/api/repos/move", this::move);
    r.add("POST", "/api/validate-yaml", this::validateYaml);
    perType(r, "GET", "", (req, t, id) -> info(req, t, id, null));
    perType(r, "GET", "/revision/{rev...}", (req, t, id) -> info(req, t, id, req.param("rev")));
    perType(r, "PUT", "/settings", this::settings);
    perType(r, "GET", "/auth-check", (req, t, id) -> {
      access.readable(req, t, id);
      return Response.json(200, Map.of());
    });
    perType(r, "GET", "/auth-check/write", (req, t, id) -> {
      access.writable(req, t, id);
      return Response.json(200, Map.of());
    });
    perType(r, "GET", "/refs", this::refs);
    perType(r, "GET", "/commits/{rev...}", this::commits);
    perType(r, "GET", "/tree/{rest...}", this::tree);
    perType(r, "POST", "/paths-info/{rev...}", this::pathsInfo);
    perType(r, "POST", "/branch/{branch...}", this::createBranch);
    perType(r, "DELETE", "/branch/{branch...}", this::deleteBranch);
    perType(r, "POST", "/tag/{rev...}", this::createTag);
    perType(r, "DELETE", "/tag/{tag...}", this::deleteTag);
  }

  // ---------------------------------------------------------------- whoami

  private Response whoami(Request req) {
    Caller c = req.requireCaller();
    AccountsImpl accounts = state.accounts();
    AccountsImpl.User u = accounts.users().get(c.user());
    List<Object> orgs = new ArrayList<>();
    for (String orgName : accounts.orgsOf(c.user())) {
      AccountsImpl.Org o = accounts.orgs().get(orgName);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "org");
      m.put("id", o.objectId());
      m.put("name", o.name());
      m.put("fullname", o.fullname());
      m.put("email", null);
      m.put("canPay", false);
      m.put("avatarUrl", "/avatars/" + o.objectId() + ".svg");
      m.put("roleInOrg", "admin");
      m.put("periodEnd", null);
      orgs.add(m);
    }
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("displayName", c.tokenName());
    token.put("role", c.role().wireName());
    token.put("createdAt", accounts.tokenCreatedAt(c.tokenName()).orElse(Instant.EPOCH).toString());
    Map<String, Object> auth = new LinkedHashMap<>();
    auth.put("type", "access_token");
    auth.put("accessToken", token);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "user");
    m.put("id", u.objectId());
    m.put("name", u.name());
    m.put("fullname", u.fullname());
    m.put("email", u.email());
    m.put("emailVerified", true);
    m.put("canPay", false);
    m.put("isPro", false);
    m.put("periodEnd", null);
    m.put("avatarUrl", "/avatars/" + u.objectId() + ".svg");
    m.put("billingMode", "postpaid");
    m.put("orgs", orgs);
    m.put("auth", auth);
    return Response.json(200, m);
  }

  // ---------------------------------------------------------------- create / delete / move / settings

  private Response create(Request req) {
    Caller c = req.requireWriter();
    Map<String, Object> body = req.jsonObject();
    String name = Json.string(body, "name");
    if (name == null || name.isEmpty()) {
      throw HubError.badRequest("Missing required field: name");
    }
    String org = Json.string(body, "organization");
    String type = Json.string(body, "type");
    if (type == null) {
      type = "model";
    }
    if (!Access.TYPES_BY_PLURAL.containsValue(type)) {
      throw HubError.badRequest("Invalid repo type: " + type);
    }
    String ns = org == null || org.isEmpty() ? c.user() : org;
    if (name.contains("/")) {
      throw HubError.badRequest("Invalid repo name: '" + name + "'");
    }
    String id = ns + "/" + name;
    HubState.validateName(ns, "namespace");
    HubState.validateName(name, "repo name");
    if (!state.accounts().canWriteNamespace(c.user(), ns)) {
      throw HubError.forbidden("You don't have the rights to create a " + type + " under the namespace \"" + ns + "\"");
    }
    boolean isPrivate = visibility(body, "space".equals(type));
    Map<String, Object> attributes = new LinkedHashMap<>();
    if ("space".equals(type)) {
      String sdk = Json.string(body, "sdk");
      if (sdk == null) {
        throw HubError.badRequest("sdk is required for a Space: one of gradio, streamlit, docker, static");
      }
      if (!SDKS.contains(sdk)) {
        throw HubError.badRequest("Invalid sdk: '" + sdk + "'. It must be one of gradio, streamlit, docker, static");
      }
      attributes.put("sdk", sdk);
      if (body.get("hardware") != null) {
        attributes.put("hardware", body.get("hardware"));
      }
    }
    String url = server.apiUrl() + "/" + RepoData.urlPrefix(type) + id;
    if (state.find(type, id).isPresent()) {
      throw HubError.conflict("You already created this " + type + " repo").field("url", url);
    }
    RepoData repo;
    try {
      repo = state.create(type, id, isPrivate, attributes, c.user(), body);
    } catch (HubError e) {
      if (e.status() == 409) {
        e.field("url", url);
      }
      throw e;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("url", url);
    out.put("name", id);
    out.put("id", repo.objectId);
    return Response.json(200, out);
  }

  /** Reads {@code private: bool} (older clients) or {@code visibility: public|private|protected}. */
  private static boolean visibility(Map<String, Object> body, boolean space) {
    Object vis = body.get("visibility");
    if (vis != null) {
      if ("private".equals(vis)) {
        return true;
      }
      if ("public".equals(vis) || (space && "protected".equals(vis))) {
        return false;
      }
      throw HubError.badRequest("Invalid visibility: " + vis);
    }
    Object priv = body.get("private");
    if (priv != null && !(priv instanceof Boolean)) {
      throw HubError.badRequest("private must be a boolean");
    }
    return Boolean.TRUE.equals(priv);
  }

  private String typeOf(Map<String, Object> body) {
    String type = Json.string(body, "type");
    if (type == null) {
      return "model";
    }
    if (!Access.TYPES_BY_PLURAL.containsValue(type)) {
      throw HubError.badRequest("Invalid repo type: " + type);
    }
    return type;
  }

  private Response delete(Request req) {
    Caller c = req.requireWriter();
    Map<String, Object> body = req.jsonObject();
    String name = Json.string(body, "name");
    if (name == null) {
      throw HubError.badRequest("Missing required field: name");
    }
    String org = Json.string(body, "organization");
    String id = (org == null || org.isEmpty() ? c.user() : org) + "/" + name;
    String type = typeOf(body);
    access.writable(req, type, id);
    if (!state.delete(type, id)) {
      throw HubError.repoNotFound();
    }
    return Response.text(200, "OK");
  }

  private Response move(Request req) {
    Caller c = req.requireWriter();
    Map<String, Object> body = req.jsonObject();
    String from = Json.string(body, "fromRepo");
    String to = Json.string(body, "toRepo");
    if (from == null || to == null || !from.contains("/") || !to.contains("/")) {
      throw HubError.badRequest("fromRepo and toRepo must be namespace/name");
    }
    String type = typeOf(body);
    access.writable(req, type, from);
    if (!state.accounts().canWriteNamespace(c.user(), to.substring(0, to.indexOf('/')))) {
      throw HubError.forbidden("You don't have the rights to move a repo to " + to);
    }
    state.move(type, from, to);
    return Response.json(200, Map.of());
  }

  private Response settings(Request req, String type, String id) {
    RepoData repo = access.writable(req, type, id);
    Map<String, Object> body = req.jsonObject();
    state.mutate(repo, () -> {
      if (body.containsKey("visibility") || body.containsKey("private")) {
        repo.isPrivate = visibility(body, "space".equals(type));
      }
      Object gated = body.get("gated");
      if (gated != null) {
        if (!(Boolean.FALSE.equals(gated) || "auto".equals(gated) || "manual".equals(gated))) {
          throw HubError.badRequest("gated must be false, \"auto\" or \"manual\"");
        }
        repo.gated = String.valueOf(gated);
      }
      Object discussionsDisabled = body.get("discussionsDisabled");
      if (discussionsDisabled != null) {
        if (!(discussionsDisabled instanceof Boolean)) {
          throw HubError.badRequest("discussionsDisabled must be a boolean");
        }
        repo.discussionsDisabled = (Boolean) discussionsDisabled;
      }
      return null;
    });
    return Response.json(200, Map.of());
  }

  // ---------------------------------------------------------------- info

  private Response info(Request req, String type, String id, String rev) {
    RepoData repo = access.readable(req, type, id);
    CommitData commit = state.commitAt(repo, rev == null ? "main" : rev);
    boolean blobs = Access.truthy(req.query("blobs"));
    Map<String, Object> m = new LinkedHashMap<>();
    state.read(() -> {
      m.put("_id", repo.objectId);
      m.put("id", repo.id);
      if ("model".equals(type)) {
        m.put("modelId", repo.id);
      }
      m.put("author", repo.namespace());
      m.put("sha", commit.id());
      m.put("lastModified", repo.lastModified.toString());
      m.put("createdAt", repo.createdAt.toString());
      m.put("private", repo.isPrivate);
      m.put("gated", "false".equals(repo.gated) ? (Object) Boolean.FALSE : repo.gated);
      m.put("disabled", false);
      m.put("downloads", 0);
      m.put("likes", 0);
      m.put("tags", ListingRoutes.tags(state.textAt(commit, "README.md")));
      if ("space".equals(type)) {
        String sub = server.spaceApps().subdomain(repo.id);
        m.put("sdk", repo.attributes.get("sdk"));
        m.put("subdomain", sub);
        m.put("host", "https://" + sub + ".hf.space");
        m.put("models", List.of());
        m.put("datasets", List.of());
      }
      if ("dataset".equals(type)) {
        m.put("description", "");
        m.put("citation", "");
      }
      List<Object> siblings = new ArrayList<>();
      long used = 0;
      for (Map.Entry<String, FileRef> e : commit.tree().entrySet()) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rfilename", e.getKey());
        FileRef f = e.getValue();
        if (blobs) {
          s.put("blobId", f.gitOid());
          s.put("size", f.size());
          if (f.lfs()) {
            s.put("lfs", lfsInfo(f, "sha256"));
          }
        }
        used += f.size();
        siblings.add(s);
      }
      m.put("siblings", siblings);
      m.put("usedStorage", used);
      m.put("xetEnabled", server.xetRoutes() != null && server.xetStore().refusal(type, repo.id) == 0);
      return null;
    });
    RepoView view = new RepoView(state, repo);
    for (RepoInfoContributor c : state.infoContributors()) {
      c.contribute(view, m);
    }
    List<String> expand = req.queryAll("expand");
    if (!expand.isEmpty()) {
      Map<String, Object> filtered = new LinkedHashMap<>();
      filtered.put("_id", m.get("_id"));
      filtered.put("id", m.get("id"));
      for (String key : expand) {
        if (m.containsKey(key)) {
          filtered.put(key, m.get(key));
        }
      }
      return Response.json(200, filtered);
    }
    return Response.json(200, m);
  }

  static Map<String, Object> lfsInfo(FileRef f, String oidKey) {
    Map<String, Object> lfs = new LinkedHashMap<>();
    lfs.put(oidKey, f.sha256());
    lfs.put("size", f.size());
    lfs.put("pointerSize", f.pointerSize());
    return lfs;
  }

  // ---------------------------------------------------------------- refs and commits

  private Response refs(Request req, String type, String id) {
    RepoData repo = access.readable(req, type, id);
    boolean prs = Access.truthy(req.query("include_prs"));
    Map<String, Object> m = new LinkedHashMap<>();
    state.read(() -> {
      List<Object> branches = new ArrayList<>();
      repo.branches.forEach((name, target) -> branches.add(ref(name, "refs/heads/" + name, target)));
      List<Object> tags = new ArrayList<>();
      repo.tags.forEach((name, target) -> tags.add(ref(name, "refs/tags/" + name, target)));
      m.put("branches", branches);
      m.put("converts", List.of());
      m.put("tags", tags);
      if (prs) {
        List<Object> pulls = new ArrayList<>();
        repo.prRefs.forEach((num, target) -> pulls.add(ref("refs/pr/" + num, "refs/pr/" + num, target)));
        m.put("pullRequests", pulls);
      }
      return null;
    });
    return Response.json(200, m);
  }

  private static Map<String, Object> ref(String name, String ref, String target) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("ref", ref);
    m.put("targetCommit", target);
    return m;
  }

  private Response commits(Request req, String type, String id) {
    RepoData repo = access.readable(req, type, id);
    CommitData head = state.commitAt(repo, req.param("rev"));
    List<CommitData> history = state.read(() -> repo.history(head.id()));
    int limit = intParam(req, "limit", 50, 1, 1000);
    int page = intParam(req, "p", 0, 0, Integer.MAX_VALUE);
    boolean formatted = req.queryAll("expand").contains("formatted") || req.queryAll("expand[]").contains("formatted");
    List<Object> out = new ArrayList<>();
    int from = (int) Math.min((long) page * limit, history.size());
    int to = Math.min(from + limit, history.size());
    for (CommitData c : history.subList(from, to)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("title", c.title());
      m.put("message", c.message());
      m.put("authors", List.of(Map.of("user", c.author(), "avatar", "/avatars/" + Ids.objectId("user:" + c.author()) + ".svg")));
      m.put("date", c.date().toString());
      if (formatted) {
        m.put("formatted", Map.of("title", html(c.title()), "message", html(c.message())));
      }
      out.add(m);
    }
    Response r = Response.json(200, out);
    r.header("X-Total-Count", String.valueOf(history.size()));
    if (to < history.size()) {
      r.header("Link", "<" + Pages.nextUrl(req, server.apiUrl(), Map.of("p", String.valueOf(page + 1))) + ">; rel=\"next\"");
    }
    return r;
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static int intParam(Request req, String name, int dflt, int min, int max) {
    String v = req.query(name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw HubError.badRequest(name + " must be within [" + min + ", " + max + "]");
      }
      return n;
    } catch (NumberFormatException e) {
      throw HubError.badRequest(name + " must be an integer");
    }
  }

  // ---------------------------------------------------------------- tree and paths-info

  /** Splits {@code rev/path} where the revision may itself contain slashes; the longest known revision wins. */
  static String[] splitRevision(HubState state, RepoData repo, String rest) {
    String[] segs = rest.split("/", -1);
    for (int i = segs.length; i >= 1; i--) {
      String rev = String.join("/", java.util.Arrays.asList(segs).subList(0, i));
      if (state.resolve(repo, rev).isPresent()) {
        String path = i == segs.length ? "" : String.join("/", java.util.Arrays.asList(segs).subList(i, segs.length));
        return new String[] {rev, path};
      }
    }
    return new String[] {segs[0], segs.length > 1 ? rest.substring(segs[0].length() + 1) : ""};
  }

  private Response tree(Request req, String type, String id) {
    RepoData repo = access.readable(req, type, id);
    String[] revPath = splitRevision(state, repo, req.param("rest"));
    CommitData commit = state.commitAt(repo, revPath[0]);
    String dir = revPath[1];
    while (dir.endsWith("/")) {
      dir = dir.substring(0, dir.length() - 1);
    }
    boolean recursive = Access.truthy(req.query("recursive"));
    boolean expand = Access.truthy(req.query("expand"));
    Map<String, String> dirOids = GitObjects.directoryOids(commit.tree());
    if (!dir.isEmpty() && !dirOids.containsKey(dir)) {
      throw new HubError(404, "EntryNotFound", "Entry not found: " + dir).header("X-Repo-Commit", commit.id());
    }
    String prefix = dir.isEmpty() ? "" : dir + "/";
    SortedMap<String, Map<String, Object>> entries = new TreeMap<>();
    for (Map.Entry<String, String> d : dirOids.entrySet()) {
      String p = d.getKey();
      if (p.isEmpty() || !p.startsWith(prefix) || p.equals(dir)) {
        continue;
      }
      if (!recursive && p.substring(prefix.length()).contains("/")) {
        continue;
      }
      entries.put(p, dirEntry(repo, commit, p, d.getValue(), expand));
    }
    for (Map.Entry<String, FileRef> f : commit.tree().entrySet()) {
      String p = f.getKey();
      if (!p.startsWith(prefix) || (!recursive && p.substring(prefix.length()).contains("/"))) {
        continue;
      }
      entries.put(p, fileEntry(repo, commit, p, f.getValue(), expand));
    }
    List<Map<String, Object>> all = new ArrayList<>(entries.values());
    int limit = intParam(req, "limit", expand ? 50 : 1000, 1, expand ? 1000 : 10000);
    return Pages.cursorPage(req, server.apiUrl(), all, limit, m -> m);
  }

  private Map<String, Object> fileEntry(RepoData repo, CommitData commit, String path, FileRef f, boolean expand) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "file");
    m.put("oid", f.gitOid());
    m.put("size", f.size());
    if (f.lfs()) {
      m.put("lfs", lfsInfo(f, "oid"));
      if (server.xetRoutes() != null) {
        server.xetRoutes().xetHash(f.sha256()).ifPresent(h -> m.put("xetHash", h));
      }
    }
    m.put("path", path);
    if (expand) {
      m.put("lastCommit", lastCommit(repo, commit, path));
      m.put("securityFileStatus", Map.of("status", "safe"));
    }
    return m;
  }

  private Map<String, Object> dirEntry(RepoData repo, CommitData commit, String path, String oid, boolean expand) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "directory");
    m.put("oid", oid);
    m.put("size", 0);
    m.put("path", path);
    if (expand) {
      m.put("lastCommit", lastCommit(repo, commit, path));
    }
    return m;
  }

  private Map<String, Object> lastCommit(RepoData repo, CommitData head, String path) {
    String dirPrefix = path + "/";
    CommitData found = head;
    for (CommitData c : state.read(() -> repo.history(head.id()))) {
      boolean touched = false;
      for (String p : c.changes().keySet()) {
        if (p.equals(path) || p.startsWith(dirPrefix)) {
          touched = true;
          break;
        }
      }
      if (touched) {
        found = c;
        break;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", found.id());
    m.put("title", found.title());
    m.put("date", found.date().toString());
    return m;
  }

  private Response pathsInfo(Request req, String type, String id) {
    RepoData repo = access.readable(req, type, id);
    CommitData commit = state.commitAt(repo, req.param("rev"));
    List<String> paths = new ArrayList<>();
    boolean expand;
    String ct = req.header("Content-Type");
    byte[] body = req.bodyBytes(16L * 1024 * 1024);
    if (ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      Map<String, Object> json;
      try {
        json = Json.asObject(Json.parse(body), "body");
      } catch (IllegalArgumentException e) {
        throw HubError.badRequest("Invalid JSON body");
      }
      for (Object p : Json.asList(json.getOrDefault("paths", List.of()), "paths")) {
        paths.add(String.valueOf(p));
      }
      expand = Boolean.TRUE.equals(json.get("expand"));
    } else {
      Map<String, List<String>> form = RequestImpl.parseQuery(new String(body, StandardCharsets.UTF_8));
      paths.addAll(form.getOrDefault("paths", List.of()));
      expand = Access.truthy(form.getOrDefault("expand", List.of("false")).get(0));
    }
    if (paths.size() > 1000) {
      throw HubError.badRequest("Too many paths (at most 1000 per request)");
    }
    Map<String, String> dirOids = GitObjects.directoryOids(commit.tree());
    List<Object> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String p : paths) {
      String path = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
      if (!seen.add(path)) {
        continue;
      }
      FileRef f = commit.tree().get(path);
      if (f != null) {
        out.add(fileEntry(repo, commit, path, f, expand));
      } else if (!path.isEmpty() && dirOids.containsKey(path)) {
        out.add(dirEntry(repo, commit, path, dirOids.get(path), expand));
      }
    }
    return Response.json(200, out);
  }

  // ---------------------------------------------------------------- branches, tags, discussions

  private static void validateRefName(String name, String what) {
    if (name == null || name.isEmpty() || name.startsWith("refs/") || name.contains("..") || name.endsWith("/")
        || name.startsWith("/") || name.endsWith(".lock") || !name.matches("[A-Za-z0-9._/-]+")) {
      throw HubError.badRequest("Invalid reference for a " + what + ": " + name);
    }
  }

  private Response createBranch(Request req, String type, String id) {
    RepoData repo = access.writable(req, type, id);
    String branch = req.param("branch");
    validateRefName(branch, "branch");
    byte[] raw = req.bodyBytes(1024 * 1024);
    Map<String, Object> body = raw.length == 0 ? Map.of() : Json.asObject(parseOr400(raw), "body");
    String start = Json.string(body, "startingPoint");
    String target = state.resolve(repo, start == null ? "main" : start)
        .orElseThrow(() -> HubError.revisionNotFound(start));
    state.mutate(repo, () -> {
      if (repo.branches.containsKey(branch)) {
        throw HubError.conflict("Reference already exists: refs/heads/" + branch);
      }
      repo.branches.put(branch, target);
      return null;
    });
    return Response.json(200, Map.of());
  }

  private static Object parseOr400(byte[] raw) {
    try {
      return Json.parse(raw);
    } catch (IllegalArgumentException e) {
      throw HubError.badRequest("Invalid JSON body");
    }
  }

  private Response deleteBranch(Request req, String type, String id) {
    RepoData repo = access.writable(req, type, id);
    String branch = req.param("branch");
    if ("main".equals(branch)) {
      throw HubError.forbidden("Cannot delete refs/heads/main");
    }
    state.mutate(repo, () -> {
      if (repo.branches.remove(branch) == null) {
        throw HubError.revisionNotFound(branch);
      }
      return null;
    });
    return Response.json(200, Map.of());
  }

  private Response createTag(Request req, String type, String id) {
    RepoData repo = access.writable(req, type, id);
    String target = state.resolve(repo, req.param("rev")).orElseThrow(() -> HubError.revisionNotFound(req.param("rev")));
    Map<String, Object> body = req.jsonObject();
    String tag = Json.string(body, "tag");
    validateRefName(tag, "tag");
    state.mutate(repo, () -> {
      if (repo.tags.containsKey(tag)) {
        throw HubError.conflict("Tag already exists: " + tag);
      }
      repo.tags.put(tag, target);
      String message = Json.string(body, "message");
      if (message != null) {
        repo.tagMessages.put(tag, message);
      }
      return null;
    });
    return Response.json(200, Map.of());
  }

  private Response deleteTag(Request req, String type, String id) {
    RepoData repo = access.writable(req, type, id);
    String tag = req.param("tag");
    state.mutate(repo, () -> {
      if (repo.tags.remove(tag) == null) {
        throw HubError.revisionNotFound(tag);
      }
      repo.tagMessages.remove(tag);
      return null;
    });
    return Response.json(200, Map.of());
  }

  // ---------------------------------------------------------------- validate-yaml

  private Response validateYaml(Request req) {
    Map<String, Object> body = req.jsonObject();
    String content = Json.string(body, "content");
    if (content == null) {
      throw HubError.badRequest("content is required");
    }
    List<Object> errors = new ArrayList<>();
    String text = content.replace("\r\n", "\n");
    if (text.startsWith("---\n")) {
      int end = text.indexOf("\n---", 3);
      if (end < 0) {
        errors.add(Map.of("message", "YAML metadata block is not closed with ---"));
      } else {
        int lineNo = 1;
        for (String line : text.substring(4, end + 1).split("\n")) {
          lineNo++;
          String t = line.strip();
          if (t.isEmpty() || t.startsWith("#") || line.startsWith(" ") || line.startsWith("\t") || t.startsWith("- ")
              || t.equals("-")) {
            continue;
          }
          if (!line.matches("[^:\\s][^:]*:(\\s.*)?")) {
            errors.add(Map.of("message", "Invalid YAML at line " + lineNo + ": " + t));
          }
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("errors", errors);
    out.put("warnings", List.of());
    if (!errors.isEmpty()) {
      Map<String, Object> err = new LinkedHashMap<>();
      err.put("error", "Invalid metadata in README.md.");
      err.putAll(out);
      return Response.json(400, err);
    }
    return Response.json(200, out);
  }
}
