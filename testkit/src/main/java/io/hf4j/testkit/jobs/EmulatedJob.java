package io.hf4j.testkit.jobs;

import io.hf4j.testkit.internal.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/** One emulated job. Guarded by the {@link JobsEmulation}'s lock. */
final class EmulatedJob {
  static final List<String> TERMINAL = List.of("COMPLETED", "ERROR", "CANCELED", "DELETED");

  /** A log line as the SSE stream sends it. */
  record LogLine(Instant timestamp, String text) {}

  final String id;
  final String namespace;
  final boolean org;
  final JobRequest request;
  final Map<String, Object> initiator;
  final Instant createdAt;
  Map<String, String> labels;
  Instant updatedAt;
  Instant startedAt;
  Instant finishedAt;
  String stage = "SCHEDULING";
  String message;
  final List<LogLine> lines = new ArrayList<>();
  final List<Agenda.Event> timers = new ArrayList<>();
  JobRun run;
  Future<?> runner;
  int logCut = -1;

  EmulatedJob(String id, String namespace, boolean org, JobRequest request, Map<String, Object> initiator, Instant now) {
    this.id = id;
    this.namespace = namespace;
    this.org = org;
    this.request = request;
    this.labels = new LinkedHashMap<>(request.labels());
    this.initiator = initiator;
    this.createdAt = now;
    this.updatedAt = now;
  }

  boolean terminal() {
    return TERMINAL.contains(stage);
  }

  static String iso(Instant t) {
    return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  Map<String, Object> owner() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", Ids.objectId((org ? "org:" : "user:") + namespace));
    o.put("name", namespace);
    o.put("type", org ? "org" : "user");
    return o;
  }

  Map<String, Object> toJson(Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("type", "job");
    m.put("createdAt", iso(createdAt));
    m.put("updatedAt", iso(updatedAt));
    m.put("startedAt", iso(startedAt));
    m.put("finishedAt", iso(finishedAt));
    m.put("dockerImage", request.dockerImage());
    m.put("spaceId", request.spaceId());
    m.put("command", request.command());
    m.put("arguments", request.arguments());
    m.put("environment", request.environment());
    m.put("secrets", new ArrayList<>(request.secrets().keySet()));
    m.put("flavor", request.flavor());
    m.put("arch", "amd64");
    m.put("timeoutSeconds", request.timeoutSeconds());
    m.put("attempts", 1);
    m.put("labels", labels);
    m.put("volumes", request.volumes());
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("stage", stage);
    status.put("message", message);
    if (stage.equals("RUNNING")) {
      if (!request.exposePorts().isEmpty()) {
        List<String> urls = new ArrayList<>();
        for (Long p : request.exposePorts()) {
          urls.add("https://" + id + "--" + p + ".hf.jobs");
        }
        status.put("exposeUrls", urls);
      }
      if (request.ssh()) {
        status.put("sshUrl", "ssh://" + id + "@ssh.hf.jobs");
      }
    }
    status.put("failureCount", stage.equals("ERROR") ? 1 : 0);
    m.put("status", status);
    Map<String, Object> durations = new LinkedHashMap<>();
    Instant end = finishedAt != null ? finishedAt : now;
    if (startedAt != null) {
      durations.put("schedulingSecs", Duration.between(createdAt, startedAt).toSeconds());
      durations.put("runningSecs", Duration.between(startedAt, end).toSeconds());
    }
    durations.put("totalSecs", Duration.between(createdAt, end).toSeconds());
    m.put("durations", durations);
    m.put("owner", owner());
    m.put("initiator", initiator);
    if ("user".equals(initiator.get("type"))) {
      Map<String, Object> createdBy = new LinkedHashMap<>();
      createdBy.put("id", initiator.get("id"));
      createdBy.put("name", initiator.get("name"));
      m.put("createdBy", createdBy);
    }
    return m;
  }
}
