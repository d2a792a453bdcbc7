package io.hf4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every section of the bench with tiny sizes so it cannot rot. It checks that each section ran and
 * that both results files hold all of them; it asserts no time and no target (benchmarks are not tests).
 */
class BenchSmokeTest {
  @TempDir Path tmp;

  @Test
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
}
