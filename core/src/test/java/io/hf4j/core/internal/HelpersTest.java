package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoType;
import io.hf4j.core.SpaceHardware;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class HelpersTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void revisionIsFullyEncodedPathsKeepSlashes() {
    assertEquals("refs%2Fpr%2F1", UrlEncoding.revision("refs/pr/1"));
    assertEquals("v1.0", UrlEncoding.revision("v1.0"));
    assertEquals("dir/my%20file.txt", UrlEncoding.path("dir/my file.txt"));
    assertEquals("a%2Bb~c/%C3%A9t%C3%A9.bin", UrlEncoding.path("a+b~c/été.bin"));
    assertEquals("a%2Fb", UrlEncoding.segment("a/b"));
    assertEquals("%21%27%28%29%2A", UrlEncoding.segment("!'()*"));
  }

  public record Sample(Instant at, SpaceHardware hardware, RepoType type) {}

  @Test
  void instantsWithZeroToNineFractionDigits() {
    assertEquals(Instant.parse("2025-03-07T12:24:18Z"), Json.parseInstant("2025-03-07T12:24:18Z"));
    assertEquals(Instant.parse("2025-03-07T12:24:18.657Z"), Json.parseInstant("2025-03-07T12:24:18.657Z"));
    assertEquals(Instant.parse("2025-03-07T12:24:18.123456789Z"), Json.parseInstant("2025-03-07T12:24:18.123456789Z"));
    assertEquals(Instant.parse("2025-03-07T10:24:18.1Z"), Json.parseInstant("2025-03-07T12:24:18.1+02:00"));
    assertEquals(Instant.parse("2025-03-07T12:24:18.123456Z"), Json.parseInstant("2025-03-07T12:24:18.123456"));
    assertThrows(JsonDataException.class, () -> Json.parseInstant("yesterday"));
  }

  @Test
  void openValuesKeepUnknownValues() throws Exception {
    JsonAdapter<Sample> adapter = Json.moshi().adapter(Sample.class);
    Sample s = adapter.fromJson("{\"at\":\"2025-03-07T12:24:18.657Z\",\"hardware\":\"quantum-x1\",\"type\":\"space\"}");
    assertEquals(SpaceHardware.of("quantum-x1"), s.hardware());
    assertTrue(!s.hardware().isKnown());
    assertEquals(RepoType.SPACE, s.type());
    String json = adapter.toJson(s);
    assertTrue(json.contains("\"hardware\":\"quantum-x1\""), json);
    assertTrue(json.contains("\"at\":\"2025-03-07T12:24:18.657Z\""), json);
  }

  @Test
  void linkHeaderNext() {
    HttpUrl base = HttpUrl.get("https://huggingface.co/api/models/a/b/tree/main");
    assertEquals("https://huggingface.co/api/models/a/b/tree/main?cursor=abc",
        Pagination.nextLink("<https://huggingface.co/api/models/a/b/tree/main?cursor=abc>; rel=\"next\"", base).toString());
    assertEquals("https://huggingface.co/x?c=2", Pagination.nextLink("</x?c=1>; rel=\"prev\", </x?c=2>; rel=\"next\"", base).toString());
    assertNull(Pagination.nextLink("</x?c=1>; rel=\"prev\"", base));
    assertNull(Pagination.nextLink(null, base));
  }

  public record Item(String path) {}

  @Test
  void paginationIsLazyAndFollowsLinks() throws Exception {
    FakeTime t = new FakeTime();
    HfHttp http = HfHttp.of(HfConfig.builder().endpoint(server.url("/").toString()).clock(t).sleeper(t::sleep).build());
    server.enqueue(new MockResponse.Builder().addHeader("Link", "<" + server.url("/api/list?cursor=2") + ">; rel=\"next\"")
        .body("[{\"path\":\"a\"},{\"path\":\"b\"}]").build());
    var stream = Pagination.<Item>stream(http, http.url("api/list"), Item.class);
    assertEquals(0, server.getRequestCount());
    assertEquals(List.of("a"), stream.limit(1).map(Item::path).collect(Collectors.toList()));
    assertEquals(1, server.getRequestCount());
    server.takeRequest();
    server.enqueue(new MockResponse.Builder().addHeader("Link", "<" + server.url("/api/list?cursor=2") + ">; rel=\"next\"")
        .body("[{\"path\":\"a\"},{\"path\":\"b\"}]").build());
    server.enqueue(new MockResponse.Builder().body("[{\"path\":\"c\"}]").build());
    List<String> all = Pagination.<Item>stream(http, http.url("api/list"), Item.class).map(Item::path).collect(Collectors.toList());
    assertEquals(List.of("a", "b", "c"), all);
    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals("cursor=2", second.getUrl().query());
  }

  @Test
  void urlJoinsEndpointPaths() {
    HfHttp http = HfHttp.of(HfConfig.builder().endpoint("https://proxy.example/hf/").build());
    assertEquals("https://proxy.example/hf/api/models/a/b/revision/refs%2Fpr%2F1?expand=x",
        http.url("api/models/a/b/revision/" + UrlEncoding.revision("refs/pr/1") + "?expand=x").toString());
  }
}
