package io.hf4j.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Reads the recorded Hub exchanges under {@code src/test/resources/cassettes}. */
final class Cassettes {
  private Cassettes() {}

  /** One recorded request and its answer. */
  record Interaction(String method, String uri, String requestBody, int status, String responseBody) {}

  @SuppressWarnings("unchecked")
  static List<Interaction> load(String name) {
    try (InputStream in = Cassettes.class.getResourceAsStream("/cassettes/" + name)) {
      if (in == null) throw new IllegalArgumentException("no cassette " + name);
      Map<String, Object> root = new Yaml(new LoaderOptions()).load(in);
      List<Interaction> out = new ArrayList<>();
      for (Object o : (List<Object>) root.get("interactions")) {
        Map<String, Object> i = (Map<String, Object>) o;
        Map<String, Object> req = (Map<String, Object>) i.get("request");
        Map<String, Object> resp = (Map<String, Object>) i.get("response");
        Object reqBody = req.get("body");
        Map<String, Object> respBody = (Map<String, Object>) resp.get("body");
        Map<String, Object> status = (Map<String, Object>) resp.get("status");
        out.add(new Interaction((String) req.get("method"), (String) req.get("uri"),
            reqBody == null ? null : reqBody.toString(), ((Number) status.get("code")).intValue(),
            respBody == null ? null : (String) respBody.get("string")));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Interaction find(String name, String method, String uriSuffix) {
    for (Interaction i : load(name)) {
      if (i.method().equals(method) && i.uri().endsWith(uriSuffix)) return i;
    }
    throw new IllegalArgumentException("no " + method + " " + uriSuffix + " in " + name);
  }
}
