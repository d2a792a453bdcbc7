package io.hf4j.testkit.jobs;

import io.hf4j.testkit.internal.Json;
import io.hf4j.testkit.spi.HubError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A validated JobSpec body (the Jobs API's submission), as the server would check it. */
record JobRequest(
    String dockerImage,
    String spaceId,
    List<String> command,
    List<String> arguments,
    Map<String, String> environment,
    Map<String, String> secrets,
    String flavor,
    Long timeoutSeconds,
    Map<String, String> labels,
    List<Object> volumes,
    List<Long> exposePorts,
    boolean ssh,
    String resourceGroupId) {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{0,100}");
  private static final Pattern SPACE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");

  /** The image a handler or script is looked up by: the Docker image, or {@code hf.co/spaces/<id>}. */
  String image() {
    return dockerImage != null ? dockerImage : "hf.co/spaces/" + spaceId;
  }

  static JobRequest parse(Map<String, Object> body, boolean scheduled) {
    String docker = optionalString(body, "dockerImage");
    String space = optionalString(body, "spaceId");
    if ((docker == null) == (space == null)) {
      throw HubError.badRequest("Exactly one of dockerImage and spaceId must be set");
    }
    if (docker != null && docker.isBlank()) {
      throw HubError.badRequest("dockerImage must not be empty");
    }
    if (space != null && !SPACE_ID.matcher(space).matches()) {
      throw HubError.badRequest("Invalid spaceId '" + space + "'");
    }
    List<String> command = strings(body.get("command"), "command");
    if (command.isEmpty()) {
      throw HubError.badRequest("command must be a non-empty array of strings");
    }
    List<String> arguments = body.get("arguments") == null ? List.of() : strings(body.get("arguments"), "arguments");
    Map<String, String> env = stringMap(body.get("environment"), "environment");
    Map<String, String> secrets = stringMap(body.get("secrets"), "secrets");
    String flavor = optionalString(body, "flavor");
    if (flavor == null) {
      flavor = "cpu-basic";
    }
    if (Hardware.find(flavor) == null) {
      throw HubError.badRequest("Invalid flavor '" + flavor + "'");
    }
    Long timeout = null;
    Object t = body.get("timeoutSeconds");
    if (t != null) {
      timeout = Json.integer(body, "timeoutSeconds");
      if (timeout == null || timeout < 0) {
        throw HubError.badRequest("timeoutSeconds must be a non-negative integer");
      }
      if (timeout == 0) {
        timeout = null;
      }
    }
    Map<String, String> labels = stringMap(body.get("labels"), "labels");
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (e.getKey().isEmpty() || !LABEL.matcher(e.getKey()).matches() || !LABEL.matcher(e.getValue()).matches()) {
        throw HubError.badRequest("Invalid label '" + e.getKey() + "': keys and values are at most 100 letters, digits, '.', '-' or '_'");
      }
    }
    List<Object> volumes = new ArrayList<>();
    if (body.get("volumes") != null) {
      for (Object v : list(body.get("volumes"), "volumes")) {
        Map<String, Object> m = object(v, "volume");
        String type = optionalString(m, "type");
        if (type == null || !List.of("model", "dataset", "space", "bucket").contains(type)
            || optionalString(m, "source") == null || optionalString(m, "mountPath") == null
            || !optionalString(m, "mountPath").startsWith("/")) {
          throw HubError.badRequest("Invalid volume " + Json.write(v));
        }
        Map<String, Object> copy = new LinkedHashMap<>(m);
        if (!type.equals("bucket")) {
          copy.put("readOnly", true);
        }
        volumes.add(copy);
      }
    }
    List<Long> ports = new ArrayList<>();
    if (body.get("expose") != null) {
      Map<String, Object> expose = object(body.get("expose"), "expose");
      for (Object p : list(expose.get("ports"), "expose.ports")) {
        if (!(p instanceof Long port) || port < 1 || port > 65535) {
          throw HubError.badRequest("Invalid port " + p);
        }
        ports.add(port);
      }
    }
    boolean ssh = false;
    if (body.get("ssh") != null) {
      ssh = Boolean.TRUE.equals(object(body.get("ssh"), "ssh").get("enabled"));
      if (ssh && scheduled) {
        throw HubError.badRequest("SSH is not supported for scheduled jobs");
      }
    }
    return new JobRequest(docker, space, command, arguments, env, secrets, flavor, timeout, labels, volumes, ports, ssh,
        optionalString(body, "resourceGroupId"));
  }

  /** The spec as a scheduled job shows it (secret values hidden). */
  Map<String, Object> toSpecJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dockerImage", dockerImage);
    m.put("spaceId", spaceId);
    m.put("command", command);
    m.put("arguments", arguments);
    m.put("environment", environment);
    m.put("secrets", new ArrayList<>(secrets.keySet()));
    m.put("flavor", flavor);
    m.put("timeoutSeconds", timeoutSeconds);
    m.put("arch", "amd64");
    m.put("tags", List.of());
    m.put("labels", labels);
    m.put("volumes", volumes);
    return m;
  }

  JobRequest withLabels(Map<String, String> newLabels) {
    return new JobRequest(dockerImage, spaceId, command, arguments, environment, secrets, flavor, timeoutSeconds,
        newLabels, volumes, exposePorts, ssh, resourceGroupId);
  }

  private static String optionalString(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw HubError.badRequest(key + " must be a string");
    }
    return s;
  }

  static List<String> strings(Object v, String what) {
    List<String> out = new ArrayList<>();
    for (Object o : list(v, what)) {
      if (!(o instanceof String s)) {
        throw HubError.badRequest(what + " must be an array of strings");
      }
      out.add(s);
    }
    return out;
  }

  static Map<String, String> stringMap(Object v, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : object(v, what).entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw HubError.badRequest(what + " values must be strings");
      }
      out.put(e.getKey(), s);
    }
    return out;
  }

  private static List<Object> list(Object v, String what) {
    if (!(v instanceof List<?>)) {
      throw HubError.badRequest(what + " must be an array");
    }
    return Json.asList(v, what);
  }

  private static Map<String, Object> object(Object v, String what) {
    if (!(v instanceof Map<?, ?>)) {
      throw HubError.badRequest(what + " must be an object");
    }
    return Json.asObject(v, what);
  }
}
