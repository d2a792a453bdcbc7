package io.hf4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every section of the bench with tiny sizes so it cannot rot. It checks that each section ran and
 * that both results files hold all of them; it asserts no time and no target (benchmarks are not tests).
 */
class BenchSmokeTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES) // every section plus a dozen client processes, on a busy machine
  void smokeRunWritesEverySection() throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("profile", "smoke");
    opts.put("out", tmp.resolve("results").toString());
    opts.put("work", tmp.resolve("work").toString());
    Report report = BenchMain.run(opts);

    assertEquals(Report.SECTION_IDS, report.sections.stream().map(s -> s.id).toList());
    for (Report.Section s : report.sections) {
      assertEquals("ok", s.status, () -> s.id + ": " + s.status + "\n" + s.data.get("error"));
      assertFalse(s.tables.isEmpty() || s.tables.get(0).rows.isEmpty(), s.id + " produced no table rows");
    }

    // The peers ran where installed (the build installs the Python one; bench/run builds the hf4j command).
    Path benchDir = BenchMain.defaultBenchDir();
    List<String> uploadClients = clients(report, "throughput");
    List<String> downloadClients = clients(report, "downloads");
    assertTrue(uploadClients.contains(ThroughputSection.WARM) && uploadClients.contains(ThroughputSection.COLD), uploadClients.toString());
    if (PyPeer.find(benchDir).isPresent()) {
      assertTrue(uploadClients.contains(ThroughputSection.PY) && uploadClients.contains(ThroughputSection.PY_XET), uploadClients.toString());
      assertTrue(downloadClients.contains(DownloadSection.PY), downloadClients.toString());
    }
    // The cold JVM's set-up before its timed call (HfConfig + HubClient.create) is reported beside the call.
    Report.Section throughput = report.sections.stream().filter(x -> x.id.equals("throughput")).findFirst().orElseThrow();
    assertTrue(throughput.notes.stream().anyMatch(n -> n.contains(ThroughputSection.COLD + ": HfConfig + HubClient.create"
        + " before the timed call: ") && n.contains("set-up and call together: ")), throughput.notes.toString());
    List<String> xetClients = clients(report, "xet");
    assertTrue(xetClients.contains(XetSection.WARM) && xetClients.contains(XetSection.COLD), xetClients.toString());
    if (PyPeer.find(benchDir).isPresent()) assertTrue(xetClients.contains(XetSection.PY), xetClients.toString());
    if (CliPeer.find(benchDir).isPresent()) {
      assertTrue(uploadClients.contains(ThroughputSection.CLI) && downloadClients.contains(DownloadSection.CLI), uploadClients.toString());
    }
    List<String> startupClients = clients(report, "startup");
    if (CliPeer.find(benchDir).isPresent()) assertTrue(startupClients.contains(StartupSection.CLI), startupClients.toString());
    if (PyPeer.find(benchDir).isPresent()) assertTrue(startupClients.contains(StartupSection.PY), startupClients.toString());
    // A Java 25+ beside the bench's: the command also runs on it, through the launcher's AOT cache.
    CliPeer.find(benchDir).flatMap(c -> CliPeer.findAot(benchDir)).ifPresent(aot -> {
      assertTrue(startupClients.contains(aot.label(StartupSection.CLI)), startupClients.toString());
      assertTrue(uploadClients.contains(aot.label(ThroughputSection.CLI)), uploadClients.toString());
    });
    if (Openssl.available()) assertTrue(uploadClients.contains(ThroughputSection.OPENSSL), uploadClients.toString());

    Path json = tmp.resolve("results/results.json");
    Path md = tmp.resolve("results/results.md");
    assertTrue(Files.isRegularFile(json) && Files.isRegularFile(md));
    Map<String, Object> root = Json.parseObject(Files.readString(json));
    @SuppressWarnings("unchecked")
    Map<String, Object> machine = (Map<String, Object>) root.get("machine");
    for (String k : List.of("cores", "memory", "jdk", "os")) assertTrue(machine.containsKey(k), "machine lacks " + k);
    @SuppressWarnings("unchecked")
    Map<String, Object> sections = (Map<String, Object>) root.get("sections");
    assertEquals(Report.SECTION_IDS, List.copyOf(sections.keySet()));
    String text = Files.readString(md);
    for (Report.Section s : report.sections) assertTrue(text.contains("## " + s.title), "markdown lacks " + s.title);
  }

  /** The client column of a section's first table. */
  private static List<String> clients(Report report, String section) {
    Report.Section s = report.sections.stream().filter(x -> x.id.equals(section)).findFirst().orElseThrow();
    return s.tables.get(0).rows.stream().map(r -> r.get(1)).distinct().toList();
  }
}
