package io.hf4j.jobs;

import com.squareup.moshi.JsonReader;
import io.hf4j.core.HfException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.internal.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * Reads the Jobs API's JSON into hf4j's records, tolerantly as the Python client does: camelCase or
 * snake_case keys, secrets as a list of names or an object, numbers sent as strings, unknown keys
 * ignored.
 */
final class JobsJson {
  private JobsJson() {}

  static Object parse(String json) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      reader.setLenient(true);
      return reader.readJsonValue();
    } catch (IOException | RuntimeException e) {
      throw new HfException("Malformed JSON from the Jobs API: " + e.getMessage(), e);
    }
  }

  static JobInfo jobInfo(Object json, HttpUrl endpoint) {
    Map<String, Object> m = object(json, "job");
    String id = requireString(m, "job", "id");
    Map<String, Object> owner = object(get(m, "owner"), "job owner");
    JobOwner jobOwner = owner(owner);
    Map<String, Object> status = object(get(m, "status"), "job status");
    String stage = requireString(status, "job status", "stage");
    JobStatus jobStatus = new JobStatus(
        JobStage.of(stage),
        string(status, "message"),
        strings(get(status, "exposeUrls", "expose_urls")),
        string(status, "sshUrl", "ssh_url"),
        integer(get(status, "failureCount", "failure_count")));
    Object d = get(m, "durations");
    JobDurations durations = d instanceof Map<?, ?> dm
        ? new JobDurations(
            longValue(get(cast(dm), "schedulingSecs", "scheduling_secs")),
            longValue(get(cast(dm), "runningSecs", "running_secs")),
            longValue(get(cast(dm), "totalSecs", "total_secs")))
        : null;
    Object ini = get(m, "initiator");
    JobInitiator initiator = null;
    if (ini instanceof Map<?, ?> im) {
      String type = string(cast(im), "type");
      String iid = string(cast(im), "id");
      if (type != null && iid != null) initiator = new JobInitiator(type, iid, string(cast(im), "name"));
    }
    Object cb = get(m, "createdBy", "created_by");
    JobCreator createdBy = null;
    if (cb instanceof Map<?, ?> cm && string(cast(cm), "id") != null) {
      createdBy = new JobCreator(string(cast(cm), "id"), string(cast(cm), "name"));
    }
    String flavor = string(m, "flavor");
    String url = endpoint.newBuilder().addPathSegment("jobs").addPathSegment(jobOwner.name()).addPathSegment(id).build().toString();
    return new JobInfo(
        id,
        string(m, "type"),
        instant(get(m, "createdAt", "created_at")),
        instant(get(m, "updatedAt", "updated_at")),
        instant(get(m, "startedAt", "started_at")),
        instant(get(m, "finishedAt", "finished_at")),
        string(m, "dockerImage", "docker_image"),
        string(m, "spaceId", "space_id"),
        strings(get(m, "command")),
        strings(get(m, "arguments")),
        stringMap(get(m, "environment")),
        secretNames(get(m, "secrets")),
        flavor == null ? null : JobHardware.of(flavor),
        string(m, "arch"),
        longValue(get(m, "timeoutSeconds", "timeout_seconds", "timeout")),
        integer(get(m, "attempts")),
        stringMap(get(m, "labels")),
        volumes(get(m, "volumes")),
        jobStatus,
        durations,
        jobOwner,
        initiator,
        createdBy,
        url);
  }

  static ScheduledJobInfo scheduledJobInfo(Object json) {
    Map<String, Object> m = object(json, "scheduled job");
    String id = requireString(m, "scheduled job", "id");
    JobOwner owner = owner(object(get(m, "owner"), "scheduled job owner"));
    Object specJson = get(m, "jobSpec", "job_spec");
    Map<String, Object> s = specJson instanceof Map<?, ?> sm ? cast(sm) : Map.of();
    String flavor = string(s, "flavor");
    ScheduledJobInfo.Spec spec = new ScheduledJobInfo.Spec(
        string(s, "dockerImage", "docker_image"),
        string(s, "spaceId", "space_id"),
        strings(get(s, "command")),
        strings(get(s, "arguments")),
        stringMap(get(s, "environment")),
        secretNames(get(s, "secrets")),
        flavor == null ? null : JobHardware.of(flavor),
        longValue(get(s, "timeoutSeconds", "timeout_seconds", "timeout")),
        string(s, "arch"),
        strings(get(s, "tags")),
        stringMap(get(s, "labels")),
        volumes(get(s, "volumes")));
    Object st = get(m, "status");
    Map<String, Object> status = st instanceof Map<?, ?> stm ? cast(stm) : Map.of();
    Object last = get(status, "lastJob", "last_job");
    ScheduledJobInfo.LastJob lastJob = null;
    if (last instanceof Map<?, ?> lm && string(cast(lm), "id") != null) {
      lastJob = new ScheduledJobInfo.LastJob(string(cast(lm), "id"), instant(get(cast(lm), "at")));
    }
    Map<String, String> labels = stringMap(get(m, "labels"));
    return new ScheduledJobInfo(
        id,
        instant(get(m, "createdAt", "created_at")),
        instant(get(m, "updatedAt", "updated_at")),
        string(m, "schedule"),
        bool(get(m, "suspend")),
        bool(get(m, "concurrency")),
        spec,
        new ScheduledJobInfo.Status(lastJob, instant(get(status, "nextJobRunAt", "next_job_run_at"))),
        owner,
        labels.isEmpty() ? spec.labels() : labels);
  }

  static JobHardwareInfo hardware(Object json) {
    Map<String, Object> m = object(json, "hardware");
    String name = requireString(m, "hardware", "name");
    Object acc = get(m, "accelerator");
    JobHardwareInfo.Accelerator accelerator = null;
    if (acc instanceof Map<?, ?> am) {
      Map<String, Object> a = cast(am);
      accelerator = new JobHardwareInfo.Accelerator(
          orEmpty(string(a, "type")), orEmpty(string(a, "model")), orEmpty(string(a, "quantity")),
          orEmpty(string(a, "vram")), string(a, "manufacturer"));
    }
    Long micro = longValue(get(m, "unitCostMicroUSD", "unit_cost_micro_usd"));
    Double usd = doubleValue(get(m, "unitCostUSD", "unit_cost_usd"));
    String pretty = string(m, "prettyName", "pretty_name");
    String storage = string(m, "ephemeralStorage", "ephemeral_storage");
    String unit = string(m, "unitLabel", "unit_label");
    return new JobHardwareInfo(
        JobHardware.of(name),
        pretty == null ? name : pretty,
        orEmpty(string(m, "cpu")),
        orEmpty(string(m, "ram")),
        storage == null ? "N/A" : storage,
        accelerator,
        micro == null ? 0 : micro,
        usd == null ? (micro == null ? 0 : micro / 1_000_000.0) : usd,
        unit == null ? "minute" : unit);
  }

  /** A log event's line, or null when the event is not a log line (not a JSON object, no {@code data}). */
  static @Nullable JobLogLine logLine(String data) {
    String t = data.strip();
    if (!t.startsWith("{")) return null;
    Object json;
    try {
      json = parse(t);
    } catch (HfException e) {
      return null;
    }
    if (!(json instanceof Map<?, ?> mm)) return null;
    Map<String, Object> m = cast(mm);
    Object text = m.get("data");
    if (text == null) return null;
    Instant ts;
    try {
      ts = instant(m.get("timestamp"));
    } catch (HfException e) {
      ts = null;
    }
    return new JobLogLine(ts, text instanceof String s ? s : String.valueOf(text));
  }

  /** A metrics event's sample, or null when it is not a JSON object. */
  static @Nullable JobMetrics metrics(String data) {
    String t = data.strip();
    if (!t.startsWith("{")) return null;
    Object json;
    try {
      json = parse(t);
    } catch (HfException e) {
      return null;
    }
    if (!(json instanceof Map<?, ?> mm)) return null;
    Map<String, Object> m = cast(mm);
    Map<String, JobMetrics.Gpu> gpus = new LinkedHashMap<>();
    if (m.get("gpus") instanceof Map<?, ?> gm) {
      for (Map.Entry<?, ?> e : gm.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> g) {
          Map<String, Object> gg = cast(g);
          gpus.put(String.valueOf(e.getKey()), new JobMetrics.Gpu(
              orZero(doubleValue(gg.get("utilization"))),
              orZero(longValue(gg.get("memory_used_bytes"))),
              orZero(longValue(gg.get("memory_total_bytes")))));
        }
      }
    }
    return new JobMetrics(
        orZero(doubleValue(get(m, "cpu_usage_pct", "cpuUsagePct"))),
        orZero(longValue(get(m, "cpu_millicores", "cpuMillicores"))),
        orZero(longValue(get(m, "memory_used_bytes", "memoryUsedBytes"))),
        orZero(longValue(get(m, "memory_total_bytes", "memoryTotalBytes"))),
        orZero(longValue(get(m, "rx_bps", "rxBps"))),
        orZero(longValue(get(m, "tx_bps", "txBps"))),
        gpus,
        string(m, "replica"));
  }

  static @Nullable String whoamiName(Object json) {
    if (!(json instanceof Map<?, ?> m)) return null;
    Object name = m.get("name");
    return name instanceof String s && !s.isBlank() ? s : null;
  }

  // --- helpers

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static Map<String, Object> object(@Nullable Object json, String what) {
    if (json instanceof Map<?, ?> m) return cast(m);
    throw new HfException("Unexpected JSON from the Jobs API: the " + what + " is "
        + (json == null ? "missing" : "not an object"));
  }

  private static @Nullable Object get(Map<String, Object> m, String... keys) {
    for (String k : keys) {
      Object v = m.get(k);
      if (v != null) return v;
    }
    return null;
  }

  private static String requireString(Map<String, Object> m, String what, String key) {
    String v = string(m, key);
    if (v == null) throw new HfException("Unexpected JSON from the Jobs API: the " + what + " has no '" + key + "'");
    return v;
  }

  private static @Nullable String string(Map<String, Object> m, String... keys) {
    Object v = get(m, keys);
    if (v == null) return null;
    if (v instanceof String s) return s;
    if (v instanceof Double dbl && dbl == Math.rint(dbl) && !Double.isInfinite(dbl)) return Long.toString(dbl.longValue());
    if (v instanceof Number || v instanceof Boolean) return String.valueOf(v);
    return null;
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static double orZero(@Nullable Double d) {
    return d == null ? 0 : d;
  }

  private static long orZero(@Nullable Long l) {
    return l == null ? 0 : l;
  }

  private static JobOwner owner(Map<String, Object> owner) {
    String name = requireString(owner, "owner", "name");
    String id = string(owner, "id");
    String type = string(owner, "type");
    return new JobOwner(id == null ? "" : id, name, type == null ? "user" : type, string(owner, "avatarUrl", "avatar_url"));
  }

  private static List<String> strings(@Nullable Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) if (o != null) out.add(o instanceof String s ? s : String.valueOf(o));
    }
    return out;
  }

  private static Map<String, String> stringMap(@Nullable Object v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() != null) out.put(String.valueOf(e.getKey()), e.getValue() instanceof String s ? s : String.valueOf(e.getValue()));
      }
    }
    return out;
  }

  private static List<String> secretNames(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      List<String> out = new ArrayList<>();
      for (Object k : m.keySet()) out.add(String.valueOf(k));
      return out;
    }
    return strings(v);
  }

  private static List<JobVolume> volumes(@Nullable Object v) {
    List<JobVolume> out = new ArrayList<>();
    if (!(v instanceof List<?> l)) return out;
    for (Object o : l) {
      if (!(o instanceof Map<?, ?> om)) continue;
      Map<String, Object> m = cast(om);
      String type = string(m, "type");
      String source = string(m, "source");
      String mount = string(m, "mountPath", "mount_path");
      if (source == null || mount == null) continue;
      Object ro = get(m, "readOnly", "read_only");
      try {
        out.add(new JobVolume(type == null ? JobVolume.MODEL : type, source, mount, string(m, "revision"),
            ro instanceof Boolean b ? b : null, string(m, "path")));
      } catch (RuntimeException e) {
        // A volume this release cannot represent (e.g. a local directory): leave it out rather than fail the read.
      }
    }
    return out;
  }

  private static @Nullable Instant instant(@Nullable Object v) {
    if (v == null) return null;
    if (v instanceof Number n) return Instant.ofEpochMilli((long) (n.doubleValue() * 1000));
    String s = String.valueOf(v);
    if (s.isBlank()) return null;
    try {
      return Json.parseInstant(s);
    } catch (RuntimeException e) {
      throw new HfException("Unexpected timestamp '" + s + "' from the Jobs API", e);
    }
  }

  private static @Nullable Long longValue(@Nullable Object v) {
    if (v instanceof Number n) return n.longValue();
    if (v instanceof String s && !s.isBlank()) {
      try {
        return (long) Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable Double doubleValue(@Nullable Object v) {
    if (v instanceof Number n) return n.doubleValue();
    if (v instanceof String s && !s.isBlank()) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable Integer integer(@Nullable Object v) {
    Long l = longValue(v);
    return l == null ? null : (int) (long) l;
  }

  private static boolean bool(@Nullable Object v) {
    return v instanceof Boolean b ? b : v instanceof String s && Boolean.parseBoolean(s);
  }
}
