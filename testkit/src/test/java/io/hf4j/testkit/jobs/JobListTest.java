package io.hf4j.testkit.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobListTest {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
  private final EmulatorSetup env = new EmulatorSetup();

  @AfterEach
  void close() {
    env.close();
  }

  private List<String> ids(String path) {
    List<String> out = new ArrayList<>();
    String next = path;
    while (next != null) {
      Http.Reply r = env.http.get(next);
      assertEquals(200, r.code(), r.body());
      for (Object o : r.list()) {
        out.add((String) ((Map<?, ?>) o).get("id"));
      }
      String link = r.headers().firstValue("Link").orElse(null);
      if (link == null) {
        next = null;
      } else {
        Matcher m = NEXT.matcher(link);
        assertTrue(m.find(), link);
        next = m.group(1);
      }
    }
    return out;
  }

  @Test
  void pagesFollowLinkNewestFirstWithFilters() {
    env.jobs.pageSize(2);
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Map<String, Object> spec = EmulatorSetup.spec("python:3.12", "python");
      spec.put("labels", Map.of("env", i % 2 == 0 ? "prod" : "dev"));
      all.add(0, env.submit(spec));
      env.advance(Duration.ofMillis(100));
    }
    Http.Reply first = env.http.get("/api/jobs/testuser");
    assertEquals(2, first.list().size());
    assertTrue(first.headers().firstValue("Link").orElseThrow().contains("cursor=2"));
    assertEquals(all, ids("/api/jobs/testuser"));
    assertEquals(List.of(all.get(0), all.get(2), all.get(4)), ids("/api/jobs/testuser?label=env%3Dprod"));
    assertEquals(all, ids("/api/jobs/testuser?stage=SCHEDULING&stage=RUNNING"));
    assertEquals(List.of(), ids("/api/jobs/testuser?stage=COMPLETED"));
    env.advance(Duration.ofSeconds(5));
    assertEquals(all, ids("/api/jobs/testuser?stage=COMPLETED"));
    assertNull(env.http.get("/api/jobs/testuser?stage=COMPLETED&cursor=4").headers().firstValue("Link").orElse(null));
  }

  @Test
  void invalidStageFilterIs400() {
    assertEquals(400, env.http.get("/api/jobs/testuser?stage=UPDATING").code());
  }
}
