package io.hf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.internal.HfHttp;
import java.io.IOException;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** hf4j core's HTTP stack against the emulator: auth, typed errors, retries, the storage redirect. */
class CoreInteropTest {
  @Test
  void coreTalksToTheEmulatorWithoutLeakingItsToken() throws IOException {
    try (HubEmulator hub = HubEmulator.builder().build().start()) {
      HfConfig config = hub.hfConfigBuilder().sleeper(d -> { }).build();
      HfHttp http = HfHttp.of(config);
      try (Response r = http.execute(new Request.Builder().url(http.url("api/whoami-v2")).build())) {
        assertTrue(r.body().string().contains("\"name\":\"testuser\""));
      }

      RepositoryNotFoundException missing = assertThrows(RepositoryNotFoundException.class,
          () -> http.execute(new Request.Builder().url(http.url("api/models/testuser/missing")).build()));
      assertEquals(404, missing.statusCode());
      assertTrue(missing.requestId().startsWith("Root=1-"));

      hub.faults().inject(FaultRule.on("GET", "/api/whoami-v2").times(2).status(503));
      try (Response r = http.execute(new Request.Builder().url(http.url("api/whoami-v2")).build())) {
        assertEquals(200, r.code(), "core retried the injected 503s");
      }
      assertEquals(2, hub.faults().count(FaultKind.STATUS));

      byte[] weights = Fixtures.randomBytes(2048, 77);
      hub.repos().create(io.hf4j.core.RepoType.MODEL, "testuser/m", false, java.util.Map.of());
      hub.repos().commit(io.hf4j.core.RepoType.MODEL, "testuser/m", "main", "w", java.util.Map.of("w.bin", weights),
          java.util.Set.of());
      try (Response r = http.execute(new Request.Builder().url(http.url("testuser/m/resolve/main/w.bin")).build())) {
        assertArrayEquals(weights, r.body().bytes());
        assertTrue(r.request().url().toString().startsWith(hub.storageUrl()), "followed the redirect to storage");
      }
      assertTrue(hub.tokenLeaks().isEmpty(), "core sent its token to the storage host");
      assertTrue(hub.requests().stream().noneMatch(q -> String.valueOf(q.headers()).contains(hub.writeToken())));
    }
  }
}
