package io.hf4j.testkit.jobs;

import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An emulator on a manual clock with the Jobs module, and request helpers. */
final class EmulatorSetup implements AutoCloseable {
  final EmulatorClock clock = EmulatorClock.manual(Instant.parse("2026-11-20T12:00:00Z"));
  final HubEmulator hub = HubEmulator.builder().clock(clock).build().start();
  final JobsEmulation jobs = hub.module(JobsEmulation.class);
  final Http http = new Http(hub.url(), HubEmulator.DEFAULT_WRITE_TOKEN);

  static Map<String, Object> spec(String image, String... command) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", List.of(command));
    m.put("arguments", List.of());
    m.put("environment", Map.of());
    m.put("flavor", "cpu-basic");
    m.put("dockerImage", image);
    return m;
  }

  String submit(Map<String, Object> spec) {
    Http.Reply r = http.post("/api/jobs/testuser", spec);
    if (r.code() != 200) {
      throw new AssertionError(r.code() + " " + r.body());
    }
    return (String) r.object().get("id");
  }

  @SuppressWarnings("unchecked")
  String stage(String id) {
    Map<String, Object> status = (Map<String, Object>) http.get("/api/jobs/testuser/" + id).object().get("status");
    return (String) status.get("stage");
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  @Override
  public void close() {
    hub.close();
    clock.close();
  }
}
