package io.hf4j.examples.deployspace;

import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import io.hf4j.testkit.spi.RouteHandler;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sample backend's {@code GET /health}, emulated in process: it answers as {@code app.py} of
 * {@link SampleDockerApp} does, from the environment the Space gives its container (its secrets and
 * variables).
 */
public final class HealthApp implements RouteHandler {
  private final Supplier<Map<String, String>> environment;

  /** An app whose container environment is what {@code environment} returns at each request. */
  public HealthApp(Supplier<Map<String, String>> environment) {
    this.environment = environment;
  }

  @Override
  public Response handle(Request request) {
    String path = request.uri().getPath();
    if (!path.endsWith("/health")) throw HubError.notFound("Not Found");
    if (!request.method().equals("GET")) throw new HubError(405, null, "Method Not Allowed");
    Map<String, String> env = environment.get();
    Map<String, Object> settings = new LinkedHashMap<>();
    for (String name : DeploySpace.SECRETS) settings.put(name, env.containsKey(name));
    List<String> origins = Arrays.stream(env.getOrDefault("CORS_ORIGINS", "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("settings", settings);
    body.put("cors_origins", origins);
    body.put("environment", env.getOrDefault("APP_ENV", "unset"));
    return Response.json(200, body);
  }
}
