package io.hf4j.jobs;

import io.hf4j.core.HfException;
import io.hf4j.jobs.internal.JobsWire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Turns the Jobs API's wire records ({@link JobsWire}, decoded by Moshi) into hf4j's public records, each keeping
 * the JSON object as received in {@code raw()}. Checks what a result cannot do without (a job's id, status and
 * owner) and fills the defaults the Python client fills.
 */
final class JobsJson {
  private JobsJson() {}

  static @Nullable Object parse(String json) {
    return JobsWire.parse(json);
  }

  static JobInfo jobInfo(@Nullable Object json, HttpUrl endpoint) {
    JobsWire.Job w = JobsWire.decode(json, JobsWire.Job.class, "job");
    String id = require(w.id(), "job", "id");
    JobOwner owner = owner(w.owner(), "job");
    JobsWire.Status s = w.status();
    if (s == null) throw new HfException("Unexpected JSON from the Jobs API: the job status is missing");
    JobStatus status = new JobStatus(JobStage.of(require(s.stage(), "job status", "stage")), s.message(),
        strings(s.exposeUrls()), s.sshUrl(), s.failureCount());
    JobsWire.Durations d = w.durations();
    JobDurations durations = d == null ? null : new JobDurations(d.schedulingSecs(), d.runningSecs(), d.totalSecs());
    JobsWire.Initiator i = w.initiator();
    JobInitiator initiator = i == null || i.type() == null || i.id() == null ? null : new JobInitiator(i.type(), i.id(), i.name());
    JobsWire.CreatedBy c = w.createdBy();
    JobCreator createdBy = c == null || c.id() == null ? null : new JobCreator(c.id(), c.name());
    String url = endpoint.newBuilder().addPathSegment("jobs").addPathSegment(owner.name()).addPathSegment(id).build().toString();
    return new JobInfo(id, w.type(), w.createdAt(), w.updatedAt(), w.startedAt(), w.finishedAt(), w.dockerImage(),
        w.spaceId(), strings(w.command()), strings(w.arguments()), stringMap(w.environment()), secretNames(w.secrets()),
        w.flavor() == null ? null : JobHardware.of(w.flavor()), w.arch(),
        w.timeoutSeconds() != null ? w.timeoutSeconds() : w.timeout(), w.attempts(), stringMap(w.labels()), volumes(w.volumes()),
        status, durations, owner, initiator, createdBy, url, raw(json));
  }

  static ScheduledJobInfo scheduledJobInfo(@Nullable Object json) {
    JobsWire.ScheduledJob w = JobsWire.decode(json, JobsWire.ScheduledJob.class, "scheduled job");
    String id = require(w.id(), "scheduled job", "id");
    JobOwner owner = owner(w.owner(), "scheduled job");
    JobsWire.JobSpec s = w.jobSpec() != null ? w.jobSpec()
        : new JobsWire.JobSpec(null, null, null, null, null, null, null, null, null, null, null, null, null);
    ScheduledJobInfo.Spec spec = new ScheduledJobInfo.Spec(s.dockerImage(), s.spaceId(), strings(s.command()),
        strings(s.arguments()), stringMap(s.environment()), secretNames(s.secrets()),
        s.flavor() == null ? null : JobHardware.of(s.flavor()), s.timeoutSeconds() != null ? s.timeoutSeconds() : s.timeout(),
        s.arch(), strings(s.tags()), stringMap(s.labels()), volumes(s.volumes()));
    JobsWire.ScheduledStatus st = w.status();
    JobsWire.LastJob last = st == null ? null : st.lastJob();
    ScheduledJobInfo.LastJob lastJob = last == null || last.id() == null ? null : new ScheduledJobInfo.LastJob(last.id(), last.at());
    Instant next = st == null ? null : st.nextJobRunAt();
    Map<String, String> labels = stringMap(w.labels()).isEmpty() ? spec.labels() : stringMap(w.labels());
    return new ScheduledJobInfo(id, w.createdAt(), w.updatedAt(), w.schedule(), Boolean.TRUE.equals(w.suspend()),
        Boolean.TRUE.equals(w.concurrency()), spec, new ScheduledJobInfo.Status(lastJob, next), owner, labels, raw(json));
  }

  static JobHardwareInfo hardware(@Nullable Object json) {
    JobsWire.Hardware w = JobsWire.decode(json, JobsWire.Hardware.class, "hardware");
    String name = require(w.name(), "hardware", "name");
    JobsWire.Accelerator a = w.accelerator();
    JobHardwareInfo.Accelerator accelerator = a == null ? null : new JobHardwareInfo.Accelerator(orEmpty(a.type()),
        orEmpty(a.model()), orEmpty(a.quantity()), orEmpty(a.vram()), a.manufacturer());
    Long micro = w.unitCostMicroUSD() != null ? w.unitCostMicroUSD() : w.unitCostMicroUsd();
    Double usd = w.unitCostUSD() != null ? w.unitCostUSD() : w.unitCostUsd();
    return new JobHardwareInfo(JobHardware.of(name), w.prettyName() == null ? name : w.prettyName(), orEmpty(w.cpu()),
        orEmpty(w.ram()), w.ephemeralStorage() == null ? "N/A" : w.ephemeralStorage(), accelerator,
        micro == null ? 0 : micro, usd == null ? (micro == null ? 0 : micro / 1_000_000.0) : usd,
        w.unitLabel() == null ? "minute" : w.unitLabel(), raw(json));
  }

  /** A log event's line, or null when the event is not a log line (not a JSON object, no {@code data}). */
  static @Nullable JobLogLine logLine(String data) {
    Object json = object(data);
    if (json == null) return null;
    JobsWire.LogEvent w;
    try {
      w = JobsWire.decode(json, JobsWire.LogEvent.class, "log event");
    } catch (HfException e) {
      return null;
    }
    if (w.data() == null) return null;
    Instant ts = null;
    if (w.timestamp() instanceof String t && !t.isBlank()) {
      try {
        ts = io.hf4j.core.internal.Json.parseInstant(t);
      } catch (RuntimeException e) {
        ts = null;
      }
    } else if (w.timestamp() instanceof Number n) {
      ts = Instant.ofEpochMilli((long) (n.doubleValue() * 1000));
    }
    return new JobLogLine(ts, w.data());
  }

  /** A metrics event's sample, or null when it is not a JSON object. */
  static @Nullable JobMetrics metrics(String data) {
    Object json = object(data);
    if (json == null) return null;
    JobsWire.Metrics w;
    try {
      w = JobsWire.decode(json, JobsWire.Metrics.class, "metrics sample");
    } catch (HfException e) {
      return null;
    }
    Map<String, JobMetrics.Gpu> gpus = new LinkedHashMap<>();
    if (w.gpus() != null) {
      w.gpus().forEach((k, g) -> {
        if (g != null) gpus.put(k, new JobMetrics.Gpu(orZero(g.utilization()), orZero(g.memoryUsedBytes()), orZero(g.memoryTotalBytes())));
      });
    }
    return new JobMetrics(orZero(w.cpuUsagePct()), orZero(w.cpuMillicores()), orZero(w.memoryUsedBytes()),
        orZero(w.memoryTotalBytes()), orZero(w.rxBps()), orZero(w.txBps()), gpus, w.replica(), raw(json));
  }

  static @Nullable String whoamiName(@Nullable Object json) {
    if (!(json instanceof Map<?, ?>)) return null;
    String name = JobsWire.decode(json, JobsWire.Whoami.class, "whoami answer").name();
    return name != null && !name.isBlank() ? name : null;
  }

  // --- helpers

  private static @Nullable Object object(String data) {
    String t = data.strip();
    if (!t.startsWith("{")) return null;
    try {
      return JobsWire.parse(t);
    } catch (HfException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> raw(@Nullable Object json) {
    return json instanceof Map<?, ?> m ? Collections.unmodifiableMap((Map<String, Object>) m) : Map.of();
  }

  private static String require(@Nullable String value, String what, String key) {
    if (value == null) throw new HfException("Unexpected JSON from the Jobs API: the " + what + " has no '" + key + "'");
    return value;
  }

  private static JobOwner owner(JobsWire.@Nullable Owner o, String what) {
    if (o == null) throw new HfException("Unexpected JSON from the Jobs API: the " + what + " owner is missing");
    String name = require(o.name(), "owner", "name");
    return new JobOwner(o.id() == null ? "" : o.id(), name, o.type() == null ? "user" : o.type(), o.avatarUrl());
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

  private static List<String> strings(@Nullable List<String> l) {
    List<String> out = new ArrayList<>();
    if (l != null) for (String s : l) if (s != null) out.add(s);
    return out;
  }

  private static Map<String, String> stringMap(@Nullable Map<String, String> m) {
    Map<String, String> out = new LinkedHashMap<>();
    if (m != null) m.forEach((k, v) -> {
      if (v != null) out.put(k, v);
    });
    return out;
  }

  /** Secrets come as a list of names or as an object keyed by name (values never sent). */
  private static List<String> secretNames(@Nullable Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof Map<?, ?> m) {
      for (Object k : m.keySet()) out.add(String.valueOf(k));
    } else if (v instanceof List<?> l) {
      for (Object o : l) if (o != null) out.add(o instanceof String s ? s : String.valueOf(o));
    }
    return out;
  }

  private static List<JobVolume> volumes(@Nullable List<JobsWire.Volume> v) {
    List<JobVolume> out = new ArrayList<>();
    if (v == null) return out;
    for (JobsWire.Volume w : v) {
      if (w == null || w.source() == null || w.mountPath() == null) continue;
      try {
        out.add(new JobVolume(w.type() == null ? JobVolume.MODEL : w.type(), w.source(), w.mountPath(), w.revision(),
            w.readOnly(), w.path()));
      } catch (RuntimeException e) {
        // A volume this release cannot represent (e.g. a local directory): leave it out rather than fail the read.
      }
    }
    return out;
  }
}
