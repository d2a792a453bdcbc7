package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.WRITE;
import static io.hf4j.testkit.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.spi.CommitEvent;
import io.hf4j.testkit.spi.EmulatorContext;
import io.hf4j.testkit.spi.EmulatorModule;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.JobImageHandler;
import io.hf4j.testkit.spi.RepoListener;
import io.hf4j.testkit.spi.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ModuleHooksTest {
  /** A miniature "Spaces" module using every hook. */
  static final class DemoModule implements EmulatorModule {
    final List<CommitEvent> commits = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> created = new CopyOnWriteArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();
    volatile String stage = "NO_APP_FILE";

    @Override
    public void install(EmulatorContext ctx) {
      ctx.routes().add("GET", "/api/spaces/{ns}/{name}/runtime", req -> {
        if (ctx.repos().find(RepoType.SPACE, req.param("ns") + "/" + req.param("name")) == null) {
          throw HubError.repoNotFound();
        }
        return Response.json(200, Map.of("stage", stage));
      });
      ctx.routes().add("GET", "/api/demo/whoami", req -> Response.json(200, Map.of("user", req.requireCaller().user())));
      ctx.routes().add("GET", "/api/demo/sse", "jobs", req -> Response.stream(200, "text/event-stream", -1, out -> {
        for (int i = 0; i < 3; i++) {
          out.write(("data: {\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }));
      ctx.addCommitListener(e -> {
        commits.add(e);
        if (e.repoType().equals(RepoType.SPACE) && e.ref().equals("main") && e.parentId() != null) {
          stage = "BUILDING";
          ctx.clock().schedule(Duration.ofSeconds(30), () -> {
            stage = "RUNNING";
            ctx.spaceApps().bind(e.repoId(), req -> Response.text(200, "ok " + req.param("path")));
          });
        }
      });
      ctx.addRepoListener(new RepoListener() {
        @Override
        public void onCreated(RepoType type, String repoId, Map<String, Object> request) {
          created.add(request);
        }
      });
      ctx.addRepoInfoContributor((repo, info) -> {
        if (repo.type().equals(RepoType.SPACE)) {
          info.put("runtime", Map.of("stage", stage));
        }
      });
      ctx.publish(DemoModule.class, this);
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void modulesAddRoutesHooksAndSpaceApps() throws Exception {
    DemoModule module = new DemoModule();
    try (EmulatorClock clock = EmulatorClock.manual(Instant.parse("2025-01-01T00:00:00Z"));
        HubEmulator hub = HubEmulator.builder().clock(clock).module(module).rateLimit("jobs", 2, Duration.ofMinutes(1))
            .build().start()) {
      assertSame(module, hub.module(DemoModule.class));
      TestHttp http = new TestHttp(hub.url());
      assertEquals(404, http.get("/api/spaces/testuser/app/runtime", WRITE).code());
      Map<String, Object> create = Map.of("name", "app", "organization", "testuser", "type", "space", "sdk", "docker",
          "secrets", List.of(Map.of("key", "K", "value", "v")));
      assertEquals(200, http.postJson("/api/repos/create", WRITE, create).code());
      assertEquals(List.of(create.get("secrets")), module.created.stream().map(m -> m.get("secrets")).toList());
      assertEquals(1, module.commits.size(), "the initial commit is announced");
      assertNull(module.commits.get(0).parentId());

      Fixtures.commit(http, "spaces/testuser/app", "main", new Fixtures.Commit("app").file("Dockerfile", utf8("FROM x")));
      CommitEvent event = module.commits.get(1);
      assertEquals("testuser/app", event.repoId());
      assertEquals("main", event.ref());
      assertEquals(java.util.Set.of("Dockerfile"), event.changedPaths());
      assertEquals(hub.repo(RepoType.SPACE, "testuser/app").head("main"), event.commitId());
      assertEquals("BUILDING", http.get("/api/spaces/testuser/app/runtime", WRITE).obj().get("stage"));
      assertEquals("BUILDING", Fixtures.path(http.get("/api/spaces/testuser/app", WRITE).json(), "runtime", "stage"));

      TestHttp apps = new TestHttp(hub.spaceAppsUrl());
      assertEquals(404, apps.get(hub.spaceApps().url("testuser/app") + "/health", null).code());
      clock.advance(Duration.ofSeconds(30));
      assertEquals("RUNNING", http.get("/api/spaces/testuser/app/runtime", WRITE).obj().get("stage"));
      assertEquals("testuser-app", hub.spaceApps().subdomain("testuser/app"));
      TestHttp.Reply health = apps.get(hub.spaceApps().url("testuser/app") + "/health", null);
      assertEquals(200, health.code());
      assertEquals("ok /health", health.text());
      TestHttp.Reply byHost = apps.execute(apps.request("/health", null).header("Host", "testuser-app.hf.space").build());
      assertEquals("ok /health", byHost.text());

      assertEquals("testuser", http.get("/api/demo/whoami", WRITE).obj().get("user"));
      assertEquals(401, http.get("/api/demo/whoami", null).code());
      assertEquals(401, http.get("/api/demo/whoami", "hf_bad").code());
      TestHttp.Reply sse = http.get("/api/demo/sse", WRITE);
      assertEquals("data: {\"n\":0}\n\ndata: {\"n\":1}\n\ndata: {\"n\":2}\n\n", sse.text());
      assertTrue(sse.header("RateLimit").startsWith("\"jobs\";r=1;"), sse.header("RateLimit"));
      assertTrue(hub.context().routes().matches("GET", "/api/spaces/a/b/runtime"));
      assertTrue(hub.requests().stream().anyMatch(r -> r.path().equals("/api/demo/sse") && r.status() == 200));
    }
    assertTrue(module.closed.get());
  }

  @Test
  void aLambdaIsAModule() {
    try (HubEmulator hub = HubEmulator.builder()
        .module(ctx -> ctx.routes().add("GET", "/api/hello/{name}", req -> Response.json(200, Map.of("hello", req.param("name")))))
        .build().start()) {
      assertEquals("w rld", new TestHttp(hub.url()).get("/api/hello/w%20rld", null).obj().get("hello"));
    }
  }

  @Test
  void jobImagesResolveExactAndGlobBindings() {
    try (HubEmulator hub = HubEmulator.builder().build().start()) {
      JobImageHandler python = job -> 0;
      JobImageHandler any = job -> 1;
      hub.jobImages().bind("python:*", python);
      assertSame(python, hub.jobImages().resolve("python:3.12"));
      assertNull(hub.jobImages().resolve("ubuntu"));
      hub.jobImages().bind("**", any);
      assertSame(any, hub.jobImages().resolve("python:3.12"), "the latest binding wins");
      hub.jobImages().unbind("**");
      assertSame(python, hub.jobImages().resolve("python:3.12"));
    }
  }

  @Test
  void faultsReachModuleRoutes() {
    DemoModule module = new DemoModule();
    try (HubEmulator hub = HubEmulator.builder().module(module).build().start()) {
      hub.faults().inject(FaultRule.on("GET", "/api/demo/sse").nth(1).resetDuringResponseBody());
      TestHttp http = new TestHttp(hub.url());
      try {
        http.executeOrThrow(http.request("/api/demo/sse", WRITE).build());
        throw new AssertionError("the stream should have been cut");
      } catch (java.io.IOException expected) {
        assertEquals(1, hub.faults().count(FaultKind.RESET_DURING_RESPONSE_BODY));
      }
      assertEquals(200, http.get("/api/demo/sse", WRITE).code());
    }
  }
}
