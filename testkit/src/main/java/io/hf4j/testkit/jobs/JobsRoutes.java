package io.hf4j.testkit.jobs;

import io.hf4j.testkit.internal.Ids;
import io.hf4j.testkit.internal.Json;
import io.hf4j.testkit.spi.Accounts;
import io.hf4j.testkit.spi.Caller;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import io.hf4j.testkit.spi.Routes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Jobs API routes of the emulator (protocol reference §2). */
final class JobsRoutes {
  private static final Set<String> STAGES = Set.of("SCHEDULING", "RUNNING", "COMPLETED", "ERROR", "CANCELED", "DELETED");

  private final JobsEmulation e;

  JobsRoutes(JobsEmulation emulation) {
    this.e = emulation;
  }

  void register(Routes r) {
    r.add("GET", "/api/jobs/hardware", this::hardware);
    r.add("POST", "/api/jobs/{ns}", this::run);
    r.add("GET", "/api/jobs/{ns}", this::list);
    r.add("GET", "/api/jobs/{ns}/{id}", this::inspect);
    r.add("POST", "/api/jobs/{ns}/{id}/cancel", this::cancel);
    r.add("PUT", "/api/jobs/{ns}/{id}/labels", this::labels);
    r.add("POST", "/api/jobs/{ns}/{id}/duplicate", this::duplicate);
    r.add("GET", "/api/jobs/{ns}/{id}/logs", this::logs);
    r.add("GET", "/api/jobs/{ns}/{id}/metrics", this::metrics);
    r.add("POST", "/api/scheduled-jobs/{ns}", this::createScheduled);
    r.add("GET", "/api/scheduled-jobs/{ns}", this::listScheduled);
    r.add("GET", "/api/scheduled-jobs/{ns}/{id}", this::inspectScheduled);
    r.add("DELETE", "/api/scheduled-jobs/{ns}/{id}", this::deleteScheduled);
    r.add("POST", "/api/scheduled-jobs/{ns}/{id}/suspend", req -> suspendScheduled(req, true));
    r.add("POST", "/api/scheduled-jobs/{ns}/{id}/resume", req -> suspendScheduled(req, false));
    r.add("POST", "/api/scheduled-jobs/{ns}/{id}/run", this::triggerScheduled);
    r.add("PUT", "/api/scheduled-jobs/{ns}/{id}/labels", this::labelsScheduled);
  }

  // ---------------------------------------------------------------- access

  private Accounts accounts() {
    return e.context().accounts();
  }

  private Caller reader(Request req, String ns) {
    Caller c = req.requireCaller();
    if (!accounts().canWriteNamespace(c.user(), ns)) {
      throw HubError.forbidden("You don't have access to jobs in namespace '" + ns + "'");
    }
    return c;
  }

  private Caller writer(Request req, String ns) {
    reader(req, ns);
    return req.requireWriter();
  }

  private void mayRunJobs(String ns) {
    String denied = e.deniedMessage(ns);
    if (denied != null) {
      throw HubError.forbidden(denied);
    }
  }

  private EmulatedJob job(Request req) {
    EmulatedJob j = e.job(req.param("ns"), req.param("id"));
    if (j == null) {
      throw HubError.notFound("Job not found");
    }
    return j;
  }

  private ScheduledJob scheduledJob(Request req) {
    ScheduledJob s = e.scheduledJob(req.param("ns"), req.param("id"));
    if (s == null) {
      throw HubError.notFound("Scheduled job not found");
    }
    return s;
  }

  private Response jobJson(EmulatedJob j) {
    Instant now = e.clock().instant();
    synchronized (e) {
      return Response.json(200, j.toJson(now));
    }
  }

  private Response scheduledJson(ScheduledJob s) {
    synchronized (e) {
      return Response.json(200, s.toJson());
    }
  }

  private static Map<String, String> labelsBody(Request req) {
    Map<String, Object> body = req.jsonObject();
    Map<String, String> labels = JobRequest.stringMap(body.get("labels"), "labels");
    for (Map.Entry<String, String> en : labels.entrySet()) {
      if (!en.getKey().matches("[A-Za-z0-9._-]{1,100}") || !en.getValue().matches("[A-Za-z0-9._-]{0,100}")) {
        throw HubError.badRequest("Invalid label '" + en.getKey() + "'");
      }
    }
    return labels;
  }

  // ---------------------------------------------------------------- jobs

  private Response hardware(Request req) {
    return Response.json(200, Hardware.listJson());
  }

  private Response run(Request req) {
    String ns = req.param("ns");
    Caller c = writer(req, ns);
    mayRunJobs(ns);
    JobRequest spec = JobRequest.parse(req.jsonObject(), false);
    Map<String, Object> initiator = new LinkedHashMap<>();
    initiator.put("type", "user");
    initiator.put("id", Ids.objectId("user:" + c.user()));
    initiator.put("name", c.user());
    return jobJson(e.submit(ns, accounts().orgExists(ns), spec, initiator));
  }

  private Response list(Request req) {
    String ns = req.param("ns");
    reader(req, ns);
    List<String> stages = req.queryAll("stage");
    for (String s : stages) {
      if (!STAGES.contains(s)) {
        throw HubError.badRequest("Invalid stage '" + s + "': expected one of " + STAGES);
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String l : req.queryAll("label")) {
      int eq = l.indexOf('=');
      labels.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? null : l.substring(eq + 1));
    }
    int cursor = 0;
    String c = req.query("cursor");
    if (c != null) {
      try {
        cursor = Integer.parseInt(c);
      } catch (NumberFormatException ex) {
        throw HubError.badRequest("Invalid cursor");
      }
    }
    Instant now = e.clock().instant();
    List<Object> page = new ArrayList<>();
    boolean more = false;
    synchronized (e) {
      List<EmulatedJob> matching = new ArrayList<>();
      for (EmulatedJob j : e.jobsOf(ns)) {
        if (!stages.isEmpty() && !stages.contains(j.stage)) {
          continue;
        }
        boolean ok = true;
        for (Map.Entry<String, String> l : labels.entrySet()) {
          String v = j.labels.get(l.getKey());
          ok &= v != null && (l.getValue() == null || l.getValue().equals(v));
        }
        if (ok) {
          matching.add(j);
        }
      }
      int size = e.pageSize();
      for (int i = cursor; i < Math.min(matching.size(), cursor + size); i++) {
        page.add(matching.get(i).toJson(now));
      }
      more = cursor + size < matching.size();
      cursor += size;
    }
    Response r = Response.json(200, page);
    if (more) {
      StringBuilder next = new StringBuilder(e.apiUrl()).append("/api/jobs/").append(ns).append('?');
      for (String s : stages) {
        next.append("stage=").append(encode(s)).append('&');
      }
      for (String l : req.queryAll("label")) {
        next.append("label=").append(encode(l)).append('&');
      }
      next.append("cursor=").append(cursor);
      r.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return r;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Response inspect(Request req) {
    reader(req, req.param("ns"));
    return jobJson(job(req));
  }

  private Response cancel(Request req) {
    writer(req, req.param("ns"));
    EmulatedJob j = job(req);
    e.cancel(j);
    return jobJson(j);
  }

  private Response labels(Request req) {
    writer(req, req.param("ns"));
    EmulatedJob j = job(req);
    e.relabel(j, labelsBody(req));
    return jobJson(j);
  }

  private Response duplicate(Request req) {
    String ns = req.param("ns");
    writer(req, ns);
    mayRunJobs(ns);
    EmulatedJob original = job(req);
    Map<String, Object> initiator = new LinkedHashMap<>();
    initiator.put("type", "duplicated-job");
    initiator.put("id", original.id);
    JobRequest spec;
    synchronized (e) {
      spec = original.request.withLabels(original.labels);
    }
    return jobJson(e.submit(ns, original.org, spec, initiator));
  }

  // ---------------------------------------------------------------- logs and metrics (SSE)

  private Response logs(Request req) {
    reader(req, req.param("ns"));
    EmulatedJob j = job(req);
    Integer tail = null;
    String t = req.query("tail");
    if (t != null) {
      try {
        tail = Integer.parseInt(t);
      } catch (NumberFormatException ex) {
        tail = -1;
      }
      if (tail < 0) {
        throw HubError.badRequest("tail must be a non-negative integer");
      }
    }
    int cut = e.takeLogCut(j.id);
    Integer tailLines = tail;
    return Response.stream(200, "text/event-stream", -1, out -> writeLogs(j, tailLines, cut, out))
        .header("Cache-Control", "no-cache");
  }

  private void writeLogs(EmulatedJob job, Integer tail, int cut, OutputStream out) throws IOException {
    int index = 0;
    int sent = 0;
    if (tail != null) {
      List<EmulatedJob.LogLine> all = e.linesFrom(job, 0);
      if (!all.isEmpty()) {
        sent = writeLine(out, all.get(0), sent, cut);
        index = Math.max(1, all.size() - tail);
      }
    }
    Duration keepAlive = e.keepAliveInterval();
    while (true) {
      boolean ended = e.ended(job);
      List<EmulatedJob.LogLine> batch = e.linesFrom(job, index);
      for (EmulatedJob.LogLine line : batch) {
        sent = writeLine(out, line, sent, cut);
      }
      index += batch.size();
      out.flush();
      if (ended && e.lineCount(job) <= index) {
        return;
      }
      int seen = index;
      boolean closed;
      try {
        closed = e.await(() -> job.lines.size() > seen || job.terminal(), keepAlive);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
      if (closed) {
        return;
      }
      if (e.lineCount(job) <= seen && !e.ended(job)) {
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
  }

  private static int writeLine(OutputStream out, EmulatedJob.LogLine line, int sent, int cut) throws IOException {
    if (cut >= 0 && sent >= cut) {
      out.flush();
      throw new IOException("injected: log stream reset after " + cut + " events");
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("data", line.text());
    event.put("timestamp", EmulatedJob.iso(line.timestamp()));
    out.write(("data: " + Json.write(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
    return sent + 1;
  }

  private Response metrics(Request req) {
    reader(req, req.param("ns"));
    EmulatedJob j = job(req);
    if (e.ended(j)) {
      throw new HubError(500, null, "Job is not running");
    }
    return Response.stream(200, "text/event-stream", -1, out -> writeMetrics(j, out)).header("Cache-Control", "no-cache");
  }

  private void writeMetrics(EmulatedJob job, OutputStream out) throws IOException {
    Duration interval = e.metricsInterval();
    Duration keepAlive = e.keepAliveInterval();
    long idleNanos = 0;
    while (true) {
      String stage = e.stageOf(job);
      if (EmulatedJob.TERMINAL.contains(stage)) {
        // The Hub keeps the stream open after the end; closing it here lets clients finish without waiting.
        return;
      }
      if (stage.equals("RUNNING")) {
        out.write(("event: metric\ndata: " + Json.write(sample(job)) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } else if (idleNanos >= keepAlive.toNanos()) {
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        idleNanos = 0;
      }
      try {
        if (e.await(job::terminal, interval)) {
          return;
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
      idleNanos += interval.toNanos();
    }
  }

  private Map<String, Object> sample(EmulatedJob job) {
    Hardware.Flavor f = Hardware.find(job.request.flavor());
    long running;
    synchronized (e) {
      running = job.startedAt == null ? 0 : Duration.between(job.startedAt, e.clock().instant()).toSeconds();
    }
    double pct = 40 + (running % 20);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu_usage_pct", pct);
    m.put("cpu_millicores", Math.round(f.vcpu() * 1000 * pct / 100));
    long total = (long) f.ramGb() << 30;
    m.put("memory_used_bytes", total / 4);
    m.put("memory_total_bytes", total);
    m.put("rx_bps", 1000);
    m.put("tx_bps", 500);
    Map<String, Object> gpus = new LinkedHashMap<>();
    for (int i = 0; i < f.gpus(); i++) {
      Map<String, Object> g = new LinkedHashMap<>();
      long vram = (long) f.vramGb() * 1_000_000_000L / f.gpus();
      g.put("utilization", 80);
      g.put("memory_used_bytes", vram / 2);
      g.put("memory_total_bytes", vram);
      gpus.put(Ids.objectId(job.id + ":" + i).substring(0, 8), g);
    }
    m.put("gpus", gpus);
    m.put("replica", job.id.substring(job.id.length() - 5));
    return m;
  }

  // ---------------------------------------------------------------- scheduled jobs

  private Response createScheduled(Request req) {
    String ns = req.param("ns");
    writer(req, ns);
    mayRunJobs(ns);
    Map<String, Object> body = req.jsonObject();
    Object schedule = body.get("schedule");
    if (!(schedule instanceof String s)) {
      throw HubError.badRequest("schedule must be a string");
    }
    Cron cron;
    try {
      cron = Cron.parse(s);
    } catch (IllegalArgumentException ex) {
      throw HubError.badRequest(ex.getMessage());
    }
    Object spec = body.get("jobSpec");
    if (!(spec instanceof Map<?, ?>)) {
      throw HubError.badRequest("jobSpec must be an object");
    }
    JobRequest request = JobRequest.parse(Json.asObject(spec, "jobSpec"), true);
    boolean suspend = bool(body.get("suspend"), "suspend");
    boolean concurrency = bool(body.get("concurrency"), "concurrency");
    boolean org = accounts().orgExists(ns);
    Map<String, Object> owner = new LinkedHashMap<>();
    owner.put("id", Ids.objectId((org ? "org:" : "user:") + ns));
    owner.put("name", ns);
    owner.put("type", org ? "org" : "user");
    return scheduledJson(e.schedule(ns, org, owner, request, s.strip(), cron, suspend, concurrency));
  }

  private static boolean bool(Object v, String what) {
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      throw HubError.badRequest(what + " must be a boolean");
    }
    return b;
  }

  private Response listScheduled(Request req) {
    String ns = req.param("ns");
    reader(req, ns);
    List<Object> out = new ArrayList<>();
    synchronized (e) {
      for (ScheduledJob s : e.scheduledOf(ns)) {
        out.add(s.toJson());
      }
    }
    return Response.json(200, out);
  }

  private Response inspectScheduled(Request req) {
    reader(req, req.param("ns"));
    return scheduledJson(scheduledJob(req));
  }

  private Response deleteScheduled(Request req) {
    writer(req, req.param("ns"));
    e.delete(scheduledJob(req));
    return Response.empty(200);
  }

  private Response suspendScheduled(Request req, boolean suspend) {
    writer(req, req.param("ns"));
    e.suspend(scheduledJob(req), suspend);
    return Response.empty(200);
  }

  private Response triggerScheduled(Request req) {
    String ns = req.param("ns");
    writer(req, ns);
    mayRunJobs(ns);
    EmulatedJob job = e.trigger(scheduledJob(req));
    if (job == null) {
      throw HubError.conflict("A job of this scheduled job is already running and concurrency is disabled");
    }
    return jobJson(job);
  }

  private Response labelsScheduled(Request req) {
    writer(req, req.param("ns"));
    ScheduledJob s = scheduledJob(req);
    e.relabel(s, labelsBody(req));
    return scheduledJson(s);
  }
}
