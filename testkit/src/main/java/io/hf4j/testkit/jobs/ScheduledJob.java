package io.hf4j.testkit.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One emulated scheduled job. Guarded by the {@link JobsEmulation}'s lock. */
final class ScheduledJob {
  final String id;
  final String namespace;
  final boolean org;
  final Map<String, Object> owner;
  final Instant createdAt;
  JobRequest request;
  String schedule;
  Cron cron;
  boolean suspend;
  boolean concurrency;
  Instant updatedAt;
  String lastJobId;
  Instant lastJobAt;
  Instant nextRunAt;
  Agenda.Event timer;

  ScheduledJob(String id, String namespace, boolean org, Map<String, Object> owner, JobRequest request, String schedule,
      Cron cron, boolean suspend, boolean concurrency, Instant now) {
    this.id = id;
    this.namespace = namespace;
    this.org = org;
    this.owner = owner;
    this.request = request;
    this.schedule = schedule;
    this.cron = cron;
    this.suspend = suspend;
    this.concurrency = concurrency;
    this.createdAt = now;
    this.updatedAt = now;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("createdAt", EmulatedJob.iso(createdAt));
    m.put("updatedAt", EmulatedJob.iso(updatedAt));
    m.put("schedule", schedule);
    m.put("suspend", suspend);
    m.put("concurrency", concurrency);
    m.put("jobSpec", request.toSpecJson());
    Map<String, Object> status = new LinkedHashMap<>();
    if (lastJobId != null) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("id", lastJobId);
      last.put("at", EmulatedJob.iso(lastJobAt));
      status.put("lastJob", last);
    }
    status.put("nextJobRunAt", EmulatedJob.iso(nextRunAt));
    m.put("status", status);
    m.put("owner", owner);
    m.put("labels", request.labels());
    return m;
  }
}
