package io.hf4j.hub;

import io.hf4j.testfixtures.EndlessServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.ResponseTooLargeException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A hostile endpoint: endless answers are cut at the bound, typed and not retried; bad repo types never become paths. */
class HostileAnswersTest {
  static final long MAX_SENT = io.hf4j.core.internal.BoundedBody.MAX_JSON_BYTES + 16L * 1024 * 1024;

  private static void endless(String contentType, Consumer<HubClient> call) throws Exception {
    try (EndlessServer server = new EndlessServer(contentType)) {
      HubClient hub = HubClient.create(HfConfig.builder().endpoint(server.url()).token("hf_hostiletoken").maxRetries(3)
          .sleeper(d -> {}).build());
      ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class, () -> call.accept(hub));
      assertTrue(!e.getMessage().contains("hf_hostiletoken"), e.getMessage());
      assertEquals(1, server.requests.get(), "not retried");
      assertTrue(server.bodyBytesSent.get() < MAX_SENT, "read " + server.bodyBytesSent.get() + " bytes");
    }
  }

  @Test
  @Timeout(60)
  void endlessWhoami() throws Exception {
    endless("application/json", HubClient::whoami);
    endless("application/octet-stream", HubClient::whoami);
  }

  @Test
  @Timeout(60)
  void endlessTreeAndRevision() throws Exception {
    endless("application/json", hub -> hub.listRepoTree(RepoId.of("a/b")).count());
    endless("application/json", hub -> hub.repoInfo(RepoId.of("a/b"), RepoInfoParams.builder().revision("v1").build()));
  }

  @Test
  void aNegativeSizeInATreeEntryIsRefused() {
    Object entry = JsonObject.parse("{\"type\":\"file\",\"oid\":\"abc\",\"size\":-5,\"path\":\"a.bin\"}", "tree");
    io.hf4j.core.HfException e = assertThrows(io.hf4j.core.HfException.class,
        () -> JsonObject.treeEntry(JsonObject.of(entry, "tree")));
    assertTrue(e.getMessage().contains("negative size"), e.getMessage());
  }

  @Test
  void malformedRevisionsAreRefusedLocally() {
    for (String bad : new String[] {"a..b", "x@{1}", "/main", "main/", "a b", "v1.lock", ".hidden", "a\\b", "x~1"}) {
      assertThrows(HfValidationException.class, () -> RepoInfoParams.builder().revision(bad), bad);
    }
    for (String ok : new String[] {"main", "refs/pr/12", "v1.0", "0123abcd", "refs/convert/parquet", "feature/x-y_z"}) {
      RepoInfoParams.builder().revision(ok);
    }
  }

  @Test
  void unknownOrMalformedRepoTypesNeverBecomePaths() {
    assertThrows(HfValidationException.class, () -> RepoType.of("../../x"));
    assertThrows(HfValidationException.class, () -> RepoType.of("model/x"));
    RepoType bogus = RepoType.of("bogus");
    assertThrows(HfValidationException.class, bogus::apiSegment);
    assertThrows(HfValidationException.class, bogus::urlPrefix);
    assertThrows(HfValidationException.class, bogus::cacheFolderPrefix);
    RepoType fromServer = new RepoType("../../etc");
    assertThrows(HfValidationException.class, fromServer::cacheFolderPrefix);
    assertEquals("datasets", RepoType.of("dataset").apiSegment());
  }
}
