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
import java.util.Locale;
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
      long rateLimited, long rateLimitedAfterFirstWindow, long requests, int windowsSpanned, double idealSeconds,
      int idealWindows, double burstRate) {
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
      double windowShare = (double) o.idealWindows() / o.windowsSpanned();
      t.row(pacing ? "hf4j, pacing on (default)" : "hf4j, pacing off (retries only)", Report.secs(o.elapsedSeconds()) + " s",
          String.format(Locale.ROOT, "%.1f (quota %.1f)", rate, quotaRate), Report.pct(timeShare),
          Report.pct(windowShare), o.rateLimited(), o.rateLimitedAfterFirstWindow(), o.requests(),
          o.failed() + (o.failures().isEmpty() ? "" : " " + o.failures()));
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("calls", o.calls());
      d.put("elapsedSeconds", o.elapsedSeconds());
      d.put("idealSeconds", o.idealSeconds());
      d.put("idealWindows", o.idealWindows());
      d.put("burstCallsPerSecond", o.burstRate());
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
        section.target("Rate limits: share of quota (pacing on)", "≥ 0.95", String.format(Locale.ROOT, "%.3f",
            timeShare), timeShare >= 0.95);
        section.target("Rate limits: 429s (pacing on)", "only while learning (first window)",
            o.rateLimited() + " in all, " + o.rateLimitedAfterFirstWindow() + " after the first window",
            o.rateLimitedAfterFirstWindow() == 0);
        section.target("Rate limits: failed calls (pacing on)", "0", String.valueOf(o.failed()), o.failed() == 0);
      }
    }
    section.note("Share of quota (time): the time a perfect client would take over the time taken. The perfect client"
        + " starts at the same instant on the emulator's window grid, never exceeds the quota, and sends calls as fast"
        + " as this run did when the quota did not hold it back (the median burst rate, from the emulator's log).  Share"
        + " of quota (windows): the windows that perfect client needs over the windows touched. 100 % is perfect.");
    section.note("429s counted by the client (HfConfig.rateLimits().rateLimitedResponses()); 'after the first window'"
        + " counts those the emulator sent once the first window had ended, when the policy was known.");
  }

  /**
   * How fast these calls go when the quota does not hold them back: the median over the windows where the
   * calls came in a burst of at least half the quota, from the emulator's log.
   */
  static double burstRate(List<RecordedRequest> reqs, int window, int quota) {
    Map<Long, List<Double>> byWindow = new LinkedHashMap<>();
    for (RecordedRequest r : reqs) {
      if (r.status() != 200) continue;
      double at = r.at().getEpochSecond() + r.at().getNano() / 1e9;
      byWindow.computeIfAbsent(Math.floorDiv(r.at().getEpochSecond(), window), k -> new ArrayList<>()).add(at);
    }
    List<Double> rates = new ArrayList<>();
    for (List<Double> times : byWindow.values()) {
      if (times.size() < Math.max(2, quota / 2)) continue;
      double span = times.get(times.size() - 1) - times.get(0);
      if (span > 0) rates.add((times.size() - 1) / span);
    }
    return rates.isEmpty() ? Double.POSITIVE_INFINITY : Stats.median(rates);
  }

  /**
   * The schedule of a perfect client: as fast as {@code rate} allows, never a call over the quota, starting
   * at {@code start} (epoch seconds) on the emulator's window grid. Returns {elapsed seconds, windows used}.
   */
  static double[] idealSchedule(double start, int calls, int quota, int window, double rate) {
    double t = start;
    long k = (long) Math.floor(t / window);
    long first = k;
    int used = 0;
    int left = calls;
    while (left > 0) {
      double end = (k + 1) * (double) window;
      long byTime = Double.isInfinite(rate) ? Long.MAX_VALUE : (long) Math.floor((end - t) * rate);
      int n = (int) Math.min(left, Math.min(quota - used, Math.max(0, byTime)));
      if (n > 0) {
        if (!Double.isInfinite(rate)) t += n / rate;
        used += n;
        left -= n;
      }
      if (left > 0) {
        k++;
        t = Math.max(t, k * (double) window);
        used = 0;
      }
    }
    return new double[] {t - start, k - first + 1};
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
      double startSec = start.getEpochSecond() + start.getNano() / 1e9;
      double rate = burstRate(reqs, w, p.rateQuota());
      double[] ideal = idealSchedule(startSec, p.rateCalls(), p.rateQuota(), w, rate);
      return new Outcome(pacing, p.rateCalls(), failed.get(), failures, elapsed, hub.config.rateLimits().rateLimitedResponses(),
          lateLimited, reqs.size(), (int) (lastWindow - firstWindow + 1), ideal[0], (int) ideal[1], rate);
    }
  }
}
