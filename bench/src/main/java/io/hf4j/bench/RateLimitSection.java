package io.hf4j.bench;

import io.hf4j.core.RateLimitException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.hub.HubClient;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API calls from several threads against the emulator's fixed-window quota (the Hub's
 * {@code RateLimit} and {@code RateLimit-Policy} headers on every answer), with hf4j's rate-limit
 * pacing on and then off (retries only). Each run starts cold: a new configuration that has learned
 * nothing, a repo made without HTTP, and a fresh window count.
 */
final class RateLimitSection {
  private RateLimitSection() {}

  /** The outcome of one run. */
  record Outcome(boolean pacing, int calls, int failed, Map<String, Integer> failures, long elapsedNanos,
      long rateLimited, long rateLimitedAfterFirstWindow, long requests, int windowsSpanned, double idealSeconds) {
    double elapsedSeconds() {
      return elapsedNanos / 1e9;
    }
  }

  static void run(Bench bench, Report.Section section) {
    Profile p = bench.profile;
    Report.Table t = section.table("Emulator quota " + p.rateQuota() + " calls per " + p.rateWindowSeconds()
            + " s window (api bucket); " + p.rateCalls() + " calls of repoInfo from " + p.rateThreads() + " threads.",
        "client", "time", "calls/s", "share of quota (time)", "share of quota (windows)", "429s received",
        "429s after the first window", "requests sent", "failed calls");
    List<Outcome> outcomes = new ArrayList<>();
    for (boolean pacing : new boolean[] {true, false}) {
      Outcome o = once(bench, pacing);
      outcomes.add(o);
      double quotaRate = (double) p.rateQuota() / p.rateWindowSeconds();
      double rate = o.calls() / o.elapsedSeconds();
      double timeShare = o.idealSeconds() / o.elapsedSeconds();
      long windowsNeeded = (p.rateCalls() + p.rateQuota() - 1) / p.rateQuota();
      double windowShare = (double) windowsNeeded / o.windowsSpanned();
      t.row(pacing ? "hf4j, pacing on (default)" : "hf4j, pacing off (retries only)", Report.secs(o.elapsedSeconds()) + " s",
          String.format(java.util.Locale.ROOT, "%.1f (quota %.1f)", rate, quotaRate), Report.pct(timeShare),
          Report.pct(windowShare), o.rateLimited(), o.rateLimitedAfterFirstWindow(), o.requests(),
          o.failed() + (o.failures().isEmpty() ? "" : " " + o.failures()));
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("calls", o.calls());
      d.put("elapsedSeconds", o.elapsedSeconds());
      d.put("idealSeconds", o.idealSeconds());
      d.put("shareOfQuotaTime", timeShare);
      d.put("shareOfQuotaWindows", windowShare);
      d.put("windowsSpanned", o.windowsSpanned());
      d.put("rateLimited", o.rateLimited());
      d.put("rateLimitedAfterFirstWindow", o.rateLimitedAfterFirstWindow());
      d.put("requests", o.requests());
      d.put("failed", o.failed());
      d.put("failures", o.failures());
      section.data.put(pacing ? "pacing" : "noPacing", d);
      if (pacing) {
        section.target("Rate limits: share of quota (pacing on)", "≥ 0.95", String.format(java.util.Locale.ROOT, "%.2f",
            timeShare), timeShare >= 0.95);
        section.target("Rate limits: 429s (pacing on)", "only while learning (first window)",
            o.rateLimited() + " in all, " + o.rateLimitedAfterFirstWindow() + " after the first window",
            o.rateLimitedAfterFirstWindow() == 0);
        section.target("Rate limits: failed calls (pacing on)", "0", String.valueOf(o.failed()), o.failed() == 0);
      }
    }
    section.note("Share of quota (time): the least time the quota allows for these calls, given the instant the first"
        + " call was sent and the emulator's window boundaries, over the time taken. Share of quota (windows): the fewest"
        + " windows these calls need over the windows they touched. A perfect client scores 100 % on both.");
    section.note("429s counted by the client (HfConfig.rateLimits().rateLimitedResponses()); 'after the first window'"
        + " counts those the emulator sent once the first window had ended, when the policy was known.");
  }

  static Outcome once(Bench bench, boolean pacing) {
    Profile p = bench.profile;
    int w = p.rateWindowSeconds();
    try (BenchHub hub = BenchHub.start(p, b -> b.rateLimit("api", p.rateQuota(), Duration.ofSeconds(w)),
        c -> c.rateLimitPacing(pacing))) {
      RepoId repo = RepoId.of(hub.emulator.userName() + "/rate-" + (pacing ? "paced" : "unpaced"));
      hub.emulator.repos().create(RepoType.MODEL, repo.toString(), false, Map.of());
      hub.emulator.clearRequests();
      HubClient client = hub.hub;
      bench.log("rate limits: %d calls, %d threads, pacing %s", p.rateCalls(), p.rateThreads(), pacing ? "on" : "off");
      AtomicInteger next = new AtomicInteger();
      Map<String, Integer> failures = new LinkedHashMap<>();
      AtomicInteger failed = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(p.rateThreads());
      long t0 = System.nanoTime();
      Instant start = Instant.now();
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < p.rateThreads(); i++) {
          fs.add(pool.submit(() -> {
            while (next.getAndIncrement() < p.rateCalls()) {
              try {
                client.repoInfo(repo);
              } catch (RuntimeException e) {
                failed.incrementAndGet();
                String kind = e instanceof RateLimitException ? "429" : e.getClass().getSimpleName();
                synchronized (failures) {
                  failures.merge(kind, 1, Integer::sum);
                }
              }
            }
          }));
        }
        for (Future<?> f : fs) f.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        pool.shutdown();
        try {
          pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      long elapsed = System.nanoTime() - t0;
      List<RecordedRequest> reqs = hub.emulator.requests().stream().filter(r -> r.host() == Host.API).toList();
      long firstWindow = Math.floorDiv(reqs.isEmpty() ? start.getEpochSecond() : reqs.get(0).at().getEpochSecond(), w);
      long lastWindow = reqs.isEmpty() ? firstWindow : Math.floorDiv(reqs.get(reqs.size() - 1).at().getEpochSecond(), w);
      long lateLimited = reqs.stream().filter(r -> r.status() == 429 && Math.floorDiv(r.at().getEpochSecond(), w) > firstWindow)
          .count();
      // The least time: full quota in the first window, then one window per quota's worth of calls.
      long windowsNeeded = (p.rateCalls() + p.rateQuota() - 1) / p.rateQuota();
      double startSec = start.getEpochSecond() + start.getNano() / 1e9;
      double ideal = Math.max(0, (firstWindow + windowsNeeded - 1) * (double) w - startSec);
      return new Outcome(pacing, p.rateCalls(), failed.get(), failures, elapsed, hub.config.rateLimits().rateLimitedResponses(),
          lateLimited, reqs.size(), (int) (lastWindow - firstWindow + 1), ideal);
    }
  }
}
