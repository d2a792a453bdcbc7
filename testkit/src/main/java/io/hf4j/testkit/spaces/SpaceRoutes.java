package io.hf4j.testkit.spaces;

import io.hf4j.core.RepoType;
import io.hf4j.core.SpaceHardware;
import io.hf4j.testkit.StoredFile;
import io.hf4j.testkit.RepoView;
import io.hf4j.testkit.internal.Json;
import io.hf4j.testkit.spi.Caller;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import io.hf4j.testkit.spi.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code /api/spaces/...} routes of the emulated Spaces API (protocol jobs-spaces.md section 3). */
final class SpaceRoutes {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final String BASE = "/api/spaces/{ns}/{name}";

  private final SpacesEmulation em;

  SpaceRoutes(SpacesEmulation em) {
    this.em = em;
  }

  void register(Routes r) {
    r.add("GET", "/api/spaces/hardware", req -> Response.json(200, Hardware.list()));
    r.add("GET", BASE + "/runtime", req -> {
      SpaceSim s = readable(req);
      return runtime(s);
    });
    r.add("GET", BASE + "/host", req -> {
      SpaceSim s = readable(req);
      String sub = em.context().spaceApps().subdomain(s.id);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("host", "https://" + sub + ".hf.space");
      m.put("subdomain", sub);
      return Response.json(200, m);
    });
    r.add("GET", BASE + "/logs/build", req -> logs(req, true));
    r.add("GET", BASE + "/logs/run", req -> logs(req, false));
    r.add("POST", BASE + "/hardware", this::hardware);
    r.add("POST", BASE + "/sleeptime", this::sleepTime);
    r.add("POST", BASE + "/pause", req -> {
      SpaceSim s = writable(req);
      synchronized (em.lock) {
        if (s.isStatic()) throw HubError.badRequest("Cannot pause a static Space");
        em.pause(s);
      }
      return runtime(s);
    });
    r.add("POST", BASE + "/restart", req -> {
      SpaceSim s = writable(req);
      if (s.isStatic()) throw HubError.badRequest("Cannot restart a static Space");
      em.restart(s);
      return runtime(s);
    });
    r.add("POST", BASE + "/dev-mode", req -> {
      SpaceSim s = writable(req);
      Object enabled = req.jsonObject().get("enabled");
      if (!(enabled instanceof Boolean b)) throw HubError.badRequest("enabled must be a boolean");
      synchronized (em.lock) {
        if (s.isStatic()) throw HubError.badRequest("Dev mode is not available for static Spaces");
        s.devMode = b;
      }
      return runtime(s);
    });
    // No /storage routes: the Hub discontinued persistent storage requests (404 like any unknown route);
    // runtime answers still carry a "storage" field.
    r.add("GET", BASE + "/secrets", req -> {
      SpaceSim s = writable(req);
      synchronized (em.lock) {
        return Response.json(200, em.secretsJson(s));
      }
    });
    r.add("POST", BASE + "/secrets", req -> {
      SpaceSim s = writable(req);
      Map<String, Object> body = req.jsonObject();
      String key = key(body);
      Object value = body.get("value");
      if (!(value instanceof String v)) throw HubError.badRequest("value must be a string");
      synchronized (em.lock) {
        s.secrets.put(key, new SpaceSim.Secret(v, Json.string(body, "description"), em.now()));
      }
      em.settingsChanged(s);
      return Response.json(200, Map.of());
    });
    r.add("DELETE", BASE + "/secrets", req -> {
      SpaceSim s = writable(req);
      String key = key(req.jsonObject());
      boolean removed;
      synchronized (em.lock) {
        removed = s.secrets.remove(key) != null;
      }
      if (removed) em.settingsChanged(s);
      return Response.json(200, Map.of());
    });
    r.add("GET", BASE + "/variables", req -> {
      SpaceSim s = readable(req);
      synchronized (em.lock) {
        return Response.json(200, em.variablesJson(s));
      }
    });
    r.add("POST", BASE + "/variables", req -> {
      SpaceSim s = writable(req);
      Map<String, Object> body = req.jsonObject();
      String key = key(body);
      Object value = body.get("value");
      if (!(value instanceof String v)) throw HubError.badRequest("value must be a string");
      synchronized (em.lock) {
        s.variables.put(key, new SpaceSim.Variable(v, Json.string(body, "description"), em.now()));
      }
      em.settingsChanged(s);
      synchronized (em.lock) {
        return Response.json(200, em.variablesJson(s));
      }
    });
    r.add("DELETE", BASE + "/variables", req -> {
      SpaceSim s = writable(req);
      String key = key(req.jsonObject());
      boolean removed;
      synchronized (em.lock) {
        removed = s.variables.remove(key) != null;
      }
      if (removed) em.settingsChanged(s);
      synchronized (em.lock) {
        return Response.json(200, em.variablesJson(s));
      }
    });
    r.add("POST", BASE + "/duplicate", this::duplicate);
  }

  /** {@code GET .../logs/build|run}: server-sent events {@code data: {"data": line, "timestamp": iso}}. */
  private Response logs(Request req, boolean build) {
    SpaceSim s = readable(req);
    int cut;
    synchronized (em.lock) {
      cut = build ? s.cutBuildLog : s.cutRunLog;
      if (build) {
        s.cutBuildLog = -1;
      } else {
        s.cutRunLog = -1;
      }
    }
    return Response.stream(200, "text/event-stream", -1, out -> em.writeLog(s, build, cut, out))
        .header("Cache-Control", "no-cache");
  }

  private Response runtime(SpaceSim s) {
    synchronized (em.lock) {
      return Response.json(200, em.runtimeJson(s));
    }
  }

  private static String key(Map<String, Object> body) {
    String key = Json.string(body, "key");
    if (key == null || !KEY.matcher(key).matches()) throw HubError.badRequest("Invalid key: " + key);
    return key;
  }

  private static String id(Request req) {
    return req.param("ns") + "/" + req.param("name");
  }

  /** The Space, readable by the caller; otherwise 401 (anonymous) or 404 RepoNotFound, as the Hub answers. */
  private SpaceSim readable(Request req) {
    return em.sim(readableRepo(req, id(req)).id());
  }

  private RepoView readableRepo(Request req, String id) {
    Optional<RepoView> repo = Optional.ofNullable(em.context().repos().find(RepoType.SPACE, id));
    Caller caller = req.caller();
    if (repo.isEmpty() || !em.canRead(repo.get(), caller)) {
      if (caller == null) throw HubError.unauthorized("Invalid username or password.");
      throw HubError.repoNotFound();
    }
    return repo.get();
  }

  /** The Space, manageable by the caller: 401 without token, 403 for a read token or another namespace. */
  private SpaceSim writable(Request req) {
    RepoView repo = readableRepo(req, id(req));
    Caller c = req.requireWriter();
    if (!em.context().accounts().canWriteNamespace(c.user(), SpacesEmulation.namespace(repo.id()))) {
      throw HubError.forbidden("You don't have the rights to manage the Space " + repo.id());
    }
    return em.sim(repo.id());
  }

  private Response hardware(Request req) {
    SpaceSim s = writable(req);
    Map<String, Object> body = req.jsonObject();
    String flavor = Json.string(body, "flavor");
    if (flavor == null || !Hardware.isKnown(flavor)) throw HubError.badRequest("Invalid hardware flavor: " + flavor);
    Long sleep = body.containsKey("sleepTimeSeconds") ? Json.integer(body, "sleepTimeSeconds") : null;
    if (body.containsKey("sleepTimeSeconds") && (sleep == null || sleep < -1)) {
      throw HubError.badRequest("sleepTimeSeconds must be -1 or a number of seconds");
    }
    synchronized (em.lock) {
      if (s.isStatic()) throw HubError.badRequest("Static Spaces run on free hardware only");
      s.requestedHardware = flavor;
      if (flavor.equals(SpaceHardware.CPU_BASIC.value())) {
        s.gcTimeout = SpacesEmulation.CPU_BASIC_SLEEP_SECONDS;
      } else if (sleep != null) {
        s.gcTimeout = sleep < 0 ? null : sleep.intValue();
      } else {
        s.gcTimeout = null;
      }
    }
    em.settingsChanged(s);
    return runtime(s);
  }

  private Response sleepTime(Request req) {
    SpaceSim s = writable(req);
    Long seconds = Json.integer(req.jsonObject(), "seconds");
    if (seconds == null || seconds < -1) throw HubError.badRequest("seconds must be -1 (never) or a number of seconds");
    synchronized (em.lock) {
      if (s.isStatic()) throw HubError.badRequest("Static Spaces never sleep");
      String hw = s.requestedHardware != null ? s.requestedHardware : s.currentHardware;
      if (!SpaceHardware.CPU_BASIC.value().equals(hw)) {
        // cpu-basic keeps its fixed 48 h; the Hub accepts the call and changes nothing.
        s.gcTimeout = seconds < 0 ? null : seconds.intValue();
        em.scheduleSleep(s);
      }
    }
    return runtime(s);
  }

  @SuppressWarnings("unchecked")
  private Response duplicate(Request req) {
    RepoView source = readableRepo(req, id(req));
    Caller c = req.requireWriter();
    Map<String, Object> body = req.jsonObject();
    String target = Json.string(body, "repository");
    if (target == null || target.chars().filter(ch -> ch == '/').count() != 1) {
      throw HubError.badRequest("repository must be 'namespace/name'");
    }
    String ns = SpacesEmulation.namespace(target);
    if (!em.context().accounts().canWriteNamespace(c.user(), ns)) {
      throw HubError.forbidden("You don't have the rights to create a space under the namespace \"" + ns + "\"");
    }
    String url = em.context().apiUrl() + "/spaces/" + target;
    if (em.context().repos().find(RepoType.SPACE, target) != null) {
      throw HubError.conflict("You already created this space repo").field("url", url);
    }
    boolean isPrivate = source.isPrivate();
    Object vis = body.get("visibility");
    if (vis != null) {
      if (!"private".equals(vis) && !"public".equals(vis) && !"protected".equals(vis)) {
        throw HubError.badRequest("Invalid visibility: " + vis);
      }
      isPrivate = "private".equals(vis);
    } else if (body.get("private") instanceof Boolean p) {
      isPrivate = p;
    }
    String flavor = Json.string(body, "hardware");
    if (flavor != null && !Hardware.isKnown(flavor)) throw HubError.badRequest("Invalid hardware flavor: " + flavor);
    Long sleep = Json.integer(body, "sleepTimeSeconds");
    List<Map<String, Object>> secrets = entries(body.get("secrets"), "secrets");
    List<Map<String, Object>> variables = entries(body.get("variables"), "variables");

    SpaceSim src = em.sim(source.id());
    String sdk = SpacesEmulation.sdkOf(source);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Map.Entry<String, StoredFile> e : source.files("main").entrySet()) files.put(e.getKey(), e.getValue().bytes());

    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("sdk", sdk);
    em.context().repos().create(RepoType.SPACE, target, isPrivate, attributes);
    SpaceSim copy = em.sim(target);
    synchronized (em.lock) {
      for (Map.Entry<String, SpaceSim.Variable> v : src.variables.entrySet()) copy.variables.put(v.getKey(), v.getValue());
      for (Map<String, Object> v : variables) {
        copy.variables.put((String) v.get("key"), new SpaceSim.Variable((String) v.get("value"), (String) v.get("description"), em.now()));
      }
      for (Map<String, Object> v : secrets) {
        copy.secrets.put((String) v.get("key"), new SpaceSim.Secret((String) v.get("value"), (String) v.get("description"), em.now()));
      }
      if (!copy.isStatic()) {
        if (flavor != null) copy.requestedHardware = flavor;
        if (copy.requestedHardware != null && !copy.requestedHardware.equals(SpaceHardware.CPU_BASIC.value())) {
          copy.gcTimeout = sleep == null || sleep < 0 ? null : sleep.intValue();
        }
      }
    }
    em.context().repos().commit(RepoType.SPACE, target, "main", "Duplicated from " + source.id(), files, Set.of());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("url", url);
    return Response.json(200, out);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> entries(Object value, String what) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (value == null) return out;
    if (!(value instanceof List<?> list)) throw HubError.badRequest(what + " must be a list");
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("key") instanceof String k) || !(m.get("value") instanceof String)
          || !KEY.matcher(k).matches()) {
        throw HubError.badRequest("each of " + what + " needs a valid 'key' and a string 'value'");
      }
      out.add((Map<String, Object>) m);
    }
    return out;
  }

  /** Applies the Space options of a create request ({@code hardware}, {@code secrets}, ...). */
  void created(String spaceId, Map<String, Object> request) {
    if (request.isEmpty()) return;
    SpaceSim s = em.sim(spaceId);
    List<Map<String, Object>> secrets;
    List<Map<String, Object>> variables;
    try {
      secrets = entries(request.get("secrets"), "secrets");
      variables = entries(request.get("variables"), "variables");
    } catch (HubError e) {
      return;
    }
    String flavor = Json.string(request, "hardware");
    Long sleep = Json.integer(request, "sleepTimeSeconds");
    synchronized (em.lock) {
      for (Map<String, Object> v : secrets) {
        s.secrets.put((String) v.get("key"), new SpaceSim.Secret((String) v.get("value"), (String) v.get("description"), em.now()));
      }
      for (Map<String, Object> v : variables) {
        s.variables.put((String) v.get("key"), new SpaceSim.Variable((String) v.get("value"), (String) v.get("description"), em.now()));
      }
      if (!s.isStatic() && flavor != null && Hardware.isKnown(flavor)) {
        s.requestedHardware = flavor;
        if (!flavor.equals(SpaceHardware.CPU_BASIC.value())) s.gcTimeout = sleep == null || sleep < 0 ? null : sleep.intValue();
      }
    }
  }
}
