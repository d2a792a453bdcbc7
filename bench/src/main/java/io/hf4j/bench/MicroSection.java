package io.hf4j.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH micro benchmarks, short enough for 2 cores: hf4j's sha256 and git blob sha1 against the JDK's raw
 * MessageDigest loop, createCommit of many small files against the JDK's base64 stream, and SigV4 signing
 * per request against one SHA-256 plus one HMAC.
 */
final class MicroSection {
  private MicroSection() {}

  static void run(Bench bench, Report.Section section) throws RunnerException {
    Profile p = bench.profile;
    boolean smoke = p.name().equals("smoke");
    int sizeMiB = smoke ? 1 : 16;
    int files = smoke ? 50 : 1000;
    Options opt = new OptionsBuilder()
        .include("io\\.hf4j\\.bench\\.(HashBench|CommitBench|SigV4Bench)\\.")
        .warmupIterations(p.jmhWarmups())
        .warmupTime(TimeValue.milliseconds(p.jmhIterationMillis()))
        .measurementIterations(p.jmhIterations())
        .measurementTime(TimeValue.milliseconds(p.jmhIterationMillis()))
        .forks(p.jmhForks())
        .threads(1)
        .jvmArgs("-Xms512m", "-Xmx512m")
        .param("sizeMiB", String.valueOf(sizeMiB))
        .param("files", String.valueOf(files))
        .shouldFailOnError(true)
        .output(bench.workDir.resolve("jmh.log").toString())
        .build();
    bench.log("micro: JMH, %d fork(s), %d warm-up + %d iterations of %d ms each (log: %s)", p.jmhForks(),
        p.jmhWarmups(), p.jmhIterations(), p.jmhIterationMillis(), bench.workDir.resolve("jmh.log"));
    Collection<RunResult> results = new Runner(opt).run();
    Map<String, double[]> scores = new HashMap<>();
    Map<String, Object> raw = new LinkedHashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      double score = r.getPrimaryResult().getScore();
      double error = r.getPrimaryResult().getScoreError();
      String unit = r.getPrimaryResult().getScoreUnit();
      scores.put(shortName, new double[] {score, error});
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("score", score);
      m.put("error", Double.isNaN(error) ? null : error);
      m.put("unit", unit);
      raw.put(shortName, m);
    }
    section.data.put("jmh", raw);
    section.data.put("hashFileMiB", sizeMiB);
    section.data.put("commitFiles", files);

    Report.Table t = section.table("JMH average time per operation (± 99.9 % error where JMH gives one); throughput derived"
            + " from it. Ratios are hf4j's throughput over the baseline's (1.00× = as fast).",
        "what", "hf4j", "baseline", "hf4j / baseline");
    double mib = sizeMiB;
    hashRow(t, "sha256, " + sizeMiB + " MiB file", scores, "HashBench.sha256Hf4j", "HashBench.sha256JdkFileLoop",
        "JDK MessageDigest, same file, 1 MiB reads", mib);
    hashRow(t, "sha256, " + sizeMiB + " MiB in memory (ceiling)", scores, "HashBench.sha256Hf4j", "HashBench.sha256JdkInMemory",
        "JDK MessageDigest over a byte[]", mib);
    hashRow(t, "git blob sha1, " + sizeMiB + " MiB file", scores, "HashBench.gitSha1Hf4j", "HashBench.gitSha1JdkFileLoop",
        "JDK MessageDigest, same file, 1 MiB reads", mib);
    hashRow(t, "git blob sha1, " + sizeMiB + " MiB in memory (ceiling)", scores, "HashBench.gitSha1Hf4j",
        "HashBench.gitSha1JdkInMemory", "JDK MessageDigest over a byte[]", mib);
    hashRow(t, "createCommit of " + files + " × 4 KiB inlined as base64, to the emulator (round trip included)", scores,
        "CommitBench.createCommitHf4j", "CommitBench.base64JdkStream", "JDK Base64 encoder stream, same bytes (the"
        + " encoding floor)", files * 4.0 / 1024);
    double[] sig = scores.get("SigV4Bench.hf4jPresign");
    double[] raw0 = scores.get("SigV4Bench.rawSha256PlusHmac");
    if (sig != null && raw0 != null) {
      t.row("SigV4 signing per request (presigned GET)", fmt(sig[0] / 1000, "µs"), fmt(raw0[0] / 1000, "µs")
          + " (one SHA-256 + one HMAC-SHA256)", Report.ratio(raw0[0] / sig[0]));
    }
    section.note("Short runs (" + p.jmhWarmups() + " warm-up and " + p.jmhIterations() + " measured iterations of " + p.jmhIterationMillis()
        + " ms, " + p.jmhForks() + " fork) suit 2 cores but give wide errors; compare ratios, not digits.");
  }

  private static void hashRow(Report.Table t, String what, Map<String, double[]> scores, String hf4j, String base,
      String baseName, double mib) {
    double[] a = scores.get(hf4j);
    double[] b = scores.get(base);
    if (a == null || b == null) return;
    double ta = mib / (a[0] / 1000);
    double tb = mib / (b[0] / 1000);
    t.row(what, String.format(Locale.ROOT, "%.0f MiB/s (%.2f ± %.2f ms)", ta, a[0], nz(a[1])),
        String.format(Locale.ROOT, "%.0f MiB/s: %s", tb, baseName), Report.ratio(ta / tb));
  }

  private static double nz(double d) {
    return Double.isNaN(d) ? 0 : d;
  }

  private static String fmt(double v, String unit) {
    return String.format(Locale.ROOT, "%.2f %s", v, unit);
  }
}
