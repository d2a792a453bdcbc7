package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.ConflictException;
import io.hf4j.core.EntryNotFoundException;
import io.hf4j.core.GatedRepoException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.LocalTokenNotFoundException;
import io.hf4j.core.RepoId;
import io.hf4j.core.SpaceSdk;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.SpaceHardware;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoApiTest {
  private static final String SECRETS = "TestSpaceAPIProduction.test_manage_secrets.yaml";

  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path home;
  MockHub mock;
  HubClient hub;

  @BeforeEach
  void setUp() {
    mock = new MockHub(server, home);
    hub = mock.hub;
  }

  @Test
  void whoamiParsesTheAnswerAndSendsTheToken() throws Exception {
    server.enqueue(MockHub.json("{\"type\":\"user\",\"id\":\"62f2\",\"name\":\"hub.js\",\"fullname\":\"CI bot\","
        + "\"email\":null,\"emailVerified\":true,\"canPay\":false,\"isPro\":false,\"periodEnd\":null,"
        + "\"avatarUrl\":\"/avatars/x.svg\",\"orgs\":[{\"type\":\"org\",\"name\":\"my-org\",\"fullname\":\"My Org\","
        + "\"email\":null,\"roleInOrg\":\"admin\"}],\"auth\":{\"type\":\"access_token\",\"accessToken\":"
        + "{\"displayName\":\"ci\",\"role\":\"write\",\"createdAt\":\"2024-01-01T00:00:00.000Z\"}}}"));
    WhoAmI me = hub.whoami();
    RecordedRequest r = mock.take();
    assertEquals("GET", r.getMethod());
    assertEquals("/api/whoami-v2", r.getUrl().encodedPath());
    assertEquals("Bearer " + MockHub.TOKEN, r.getHeaders().get("Authorization"));
    assertEquals("hub.js", me.name());
    assertEquals("user", me.type());
    assertNull(me.email());
    assertEquals(List.of("my-org"), me.orgNames());
    assertEquals("admin", me.orgs().get(0).roleInOrg());
    assertEquals("write", me.auth().accessToken().role());
    assertTrue(me.auth().accessToken().canWrite());
    assertEquals(Instant.parse("2024-01-01T00:00:00Z"), me.auth().accessToken().createdAt());
    assertTrue(me.raw().containsKey("periodEnd"));
  }

  @Test
  void aDatasetIdReachesTheDatasetRoutesWithoutAnyTypeInTheParams() throws Exception {
    RepoId data = RepoId.dataset("acme/reviews");
    server.enqueue(MockHub.json("{\"_id\":\"1\",\"id\":\"acme/reviews\",\"sha\":\"" + "c".repeat(40) + "\"}"));
    RepoInfo info = hub.repoInfo(data, RepoInfoParams.builder().revision("v1").build());
    assertInstanceOf(DatasetInfo.class, info);
    assertEquals("/api/datasets/acme/reviews/revision/v1", mock.take().getUrl().encodedPath());

    server.enqueue(MockHub.json("{\"_id\":\"1\",\"id\":\"acme/reviews\",\"sha\":\"" + "c".repeat(40) + "\"}"));
    assertEquals("acme/reviews", hub.datasetInfo(data).id());
    assertEquals("/api/datasets/acme/reviews", mock.take().getUrl().encodedPath());

    server.enqueue(MockHub.json("[]"));
    assertEquals(List.of(), hub.listRepoFiles(data).toList());
    assertEquals("/api/datasets/acme/reviews/tree/main", mock.take().getUrl().encodedPath());

    server.enqueue(MockHub.json("{}"));
    hub.deleteTag(data, "v1");
    RecordedRequest r = mock.take();
    assertEquals("DELETE /api/datasets/acme/reviews/tag/v1", r.getMethod() + " " + r.getTarget());

    server.enqueue(MockHub.json("{\"url\":\"https://huggingface.co/datasets/acme/reviews\"}"));
    RepoUrl url = hub.createRepo(data);
    assertEquals(RepoType.DATASET, url.repoType());
    assertEquals(Map.of("name", "reviews", "organization", "acme", "type", "dataset"),
        TestJson.object(mock.take().getBody().utf8()));

    // The same name as a model is another repo, at another path.
    server.enqueue(MockHub.json("{\"_id\":\"1\",\"id\":\"acme/reviews\",\"sha\":\"" + "c".repeat(40) + "\"}"));
    assertInstanceOf(ModelInfo.class, hub.repoInfo(RepoId.parse("acme/reviews")));
    assertEquals("/api/models/acme/reviews", mock.take().getUrl().encodedPath());
  }

  @Test
  void typedInfoCallsRefuseAnIdOfAnotherTypeNamingTheFix() {
    HfValidationException e = assertThrows(HfValidationException.class, () -> hub.datasetInfo(RepoId.of("acme/x")));
    assertTrue(e.getMessage().contains("'acme/x' is a model repo id"), e.getMessage());
    assertTrue(e.getMessage().contains("RepoId.dataset(\"acme/x\")"), e.getMessage());
    e = assertThrows(HfValidationException.class, () -> hub.spaceInfo(RepoId.dataset("acme/x")));
    assertTrue(e.getMessage().contains("'datasets/acme/x' is a dataset repo id"), e.getMessage());
    assertTrue(e.getMessage().contains("RepoId.space(\"acme/x\")"), e.getMessage());
    e = assertThrows(HfValidationException.class, () -> hub.modelInfo(RepoId.space("acme/x")));
    assertTrue(e.getMessage().contains("RepoId.model(\"acme/x\")"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void moveRepoRefusesToChangeTheType() {
    HfValidationException e = assertThrows(HfValidationException.class,
        () -> hub.moveRepo(RepoId.dataset("acme/a"), RepoId.of("acme/b")));
    assertTrue(e.getMessage().contains("cannot change the repo type"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void whoamiWithoutTokenFailsBeforeSending() {
    HubClient anonymous = HubClient.create(HfConfig.builder().endpoint(mock.endpoint()).hfHome(home).build());
    assertThrows(LocalTokenNotFoundException.class, anonymous::whoami);
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void createSpaceSendsTheRecordedShape() throws Exception {
    Cassettes.Interaction recorded = Cassettes.find(SECRETS, "POST", "/api/repos/create");
    server.enqueue(MockHub.json("{\"url\":\"https://huggingface.co/spaces/user/tmp_test_space\","
        + "\"name\":\"user/tmp_test_space\",\"id\":\"67cae57bc3f95553ede73be7\"}"));
    RepoUrl url = hub.createRepo(RepoId.space("user/tmp_test_space"),
        CreateRepoParams.builder().spaceSdk(SpaceSdk.GRADIO).privateRepo(true).build());
    RecordedRequest r = mock.take();
    assertEquals("POST", r.getMethod());
    assertEquals("/api/repos/create", r.getUrl().encodedPath());
    assertEquals("application/json", r.getHeaders().get("Content-Type"));
    Map<String, Object> expected = TestJson.object(recorded.requestBody());
    // The recording predates the switch from "private": true to "visibility": "private" (hub.md 3.2).
    expected.remove("private");
    expected.put("visibility", "private");
    assertEquals(expected, TestJson.object(r.getBody().utf8()));
    assertEquals(List.of("name", "organization", "visibility", "type", "sdk"),
        List.copyOf(TestJson.object(r.getBody().utf8()).keySet()));
    assertEquals("https://huggingface.co/spaces/user/tmp_test_space", url.url());
    assertEquals("67cae57bc3f95553ede73be7", url.id());
    assertEquals(RepoType.SPACE, url.repoType());
  }

  @Test
  void createRepoWithExistOkTreatsTheRecorded409AsSuccess() throws Exception {
    Cassettes.Interaction recorded = Cassettes.find(SECRETS, "POST", "/api/repos/create");
    assertEquals(409, recorded.status());
    server.enqueue(MockHub.json(409, recorded.responseBody()));
    RepoUrl url = hub.createRepo(RepoId.space("user/tmp_test_space"), CreateRepoParams.builder()
        .spaceSdk(SpaceSdk.GRADIO).existOk(true).build());
    assertEquals(mock.endpoint() + "/spaces/user/tmp_test_space", url.url());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void createRepoWithoutExistOkThrowsConflict() {
    server.enqueue(MockHub.json(409, "{\"error\":\"You already created this model repo\"}"));
    ConflictException e = assertThrows(ConflictException.class, () -> hub.createRepo(RepoId.of("acme/model")));
    assertTrue(e.getMessage().contains("You already created this model repo"), e.getMessage());
  }

  @Test
  void createRepoPostsAgainOnAConflictingOperation() throws Exception {
    server.enqueue(MockHub.json(409, "{\"error\":\"Cannot create repo: another conflicting operation is in progress\"}"));
    server.enqueue(MockHub.json("{\"url\":\"https://huggingface.co/datasets/acme/data\",\"name\":\"acme/data\",\"id\":\"x\"}"));
    RepoUrl url = hub.createRepo(RepoId.dataset("acme/data"));
    assertEquals("https://huggingface.co/datasets/acme/data", url.url());
    assertEquals(2, server.getRequestCount());
    Map<String, Object> body = TestJson.object(mock.take().getBody().utf8());
    assertEquals(Map.of("name", "data", "organization", "acme", "type", "dataset"), body);
    assertEquals(1, mock.sleeps.size());
  }

  @Test
  void createRepoWithoutNamespaceSendsNullOrganization() throws Exception {
    server.enqueue(MockHub.json("{\"url\":\"https://huggingface.co/me/solo\"}"));
    hub.createRepo(RepoId.of("solo"));
    String body = mock.take().getBody().utf8();
    assertEquals("{\"name\":\"solo\",\"organization\":null}", body);
  }

  @Test
  void createSpaceSendsHardwareSleepSecretsAndVariablesButNoStorageTier() throws Exception {
    server.enqueue(MockHub.json("{\"url\":\"https://huggingface.co/spaces/acme/app\"}"));
    CreateRepoParams params = CreateRepoParams.builder().spaceSdk(SpaceSdk.DOCKER)
        .spaceHardware(SpaceHardware.T4_SMALL).spaceSleepTime(-1)
        .addSpaceSecret("API_KEY", "s3cr3t-value").addSpaceSecret("OTHER", "v2", "described")
        .addSpaceVariable("MODEL", "acme/model").visibility("protected").build();
    assertFalse(params.toString().contains("s3cr3t-value"), params.toString());
    hub.createRepo(RepoId.space("acme/app"), params);
    Map<String, Object> body = TestJson.object(mock.take().getBody().utf8());
    assertEquals("protected", body.get("visibility"));
    assertEquals("docker", body.get("sdk"));
    assertEquals("t4-small", body.get("hardware"));
    // Persistent storage is gone from the Hub and from the Python client 2.0 (no space_storage).
    assertFalse(body.containsKey("storageTier"));
    assertEquals(-1.0, body.get("sleepTimeSeconds"));
    assertEquals(List.of(Map.of("key", "API_KEY", "value", "s3cr3t-value"),
        Map.of("key", "OTHER", "value", "v2", "description", "described")), body.get("secrets"));
    assertEquals(List.of(Map.of("key", "MODEL", "value", "acme/model")), body.get("variables"));
  }

  @Test
  void createSpaceWithoutSdkIsRefusedBeforeSending() {
    assertThrows(HfValidationException.class, () -> hub.createRepo(RepoId.space("acme/app"),
        CreateRepoParams.defaults()));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void createRepoWithExistOkAndAForbiddenCreateChecksTheRepo() throws Exception {
    server.enqueue(MockHub.json(403, "{\"error\":\"You don't have the rights to create a model under this namespace\"}"));
    server.enqueue(MockHub.json("{\"_id\":\"1\",\"id\":\"acme/model\",\"sha\":\"abc\"}"));
    RepoUrl url = hub.createRepo(RepoId.of("acme/model"), CreateRepoParams.builder().existOk(true).build());
    assertEquals(mock.endpoint() + "/acme/model", url.url());
    mock.take();
    assertEquals("/api/models/acme/model", mock.take().getUrl().encodedPath());
  }

  @Test
  void deleteRepoSendsAJsonBodyAndMissingOkSwallowsRepoNotFound() throws Exception {
    server.enqueue(new MockResponse.Builder().body("OK").build());
    hub.deleteRepo(RepoId.space("user/tmp_test_space"));
    RecordedRequest r = mock.take();
    assertEquals("DELETE", r.getMethod());
    assertEquals("/api/repos/delete", r.getUrl().encodedPath());
    assertEquals(Map.of("name", "tmp_test_space", "organization", "user", "type", "space"),
        TestJson.object(r.getBody().utf8()));

    server.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound").body("").build());
    hub.deleteRepo(RepoId.of("acme/gone"), DeleteRepoParams.builder().missingOk(true).build());
    assertEquals(Map.of("name", "gone", "organization", "acme"), TestJson.object(mock.take().getBody().utf8()));

    server.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound").body("").build());
    assertThrows(RepositoryNotFoundException.class, () -> hub.deleteRepo(RepoId.of("acme/gone")));
  }

  @Test
  void modelInfoParsesRecordedBodiesAndFollowsTheRenameRedirect() throws Exception {
    List<Cassettes.Interaction> simple = Cassettes.load("InferenceApiTest.test_simple_inference.yaml");
    Cassettes.Interaction redirect = simple.get(0);
    Cassettes.Interaction info = simple.get(1);
    assertEquals(307, redirect.status());
    server.enqueue(new MockResponse.Builder().code(307).setHeader("Location", "/api/models/google-bert/bert-base-uncased")
        .setHeader("Content-Type", "text/plain; charset=utf-8").body(redirect.responseBody()).build());
    server.enqueue(MockHub.json(info.responseBody()));
    ModelInfo m = hub.modelInfo(RepoId.of("bert-base-uncased"));
    assertEquals("/api/models/bert-base-uncased", mock.take().getUrl().encodedPath());
    assertEquals("/api/models/google-bert/bert-base-uncased", mock.take().getUrl().encodedPath());
    assertEquals("google-bert/bert-base-uncased", m.id());
    assertEquals("google-bert", m.author());
    assertEquals("86b5e0934494bd15c9632b12f734a8a67f723594", m.sha());
    assertEquals(Instant.parse("2022-03-02T23:29:04Z"), m.createdAt());
    assertEquals(Boolean.FALSE, m.privateRepo());
    assertNull(m.gated());
    assertFalse(m.isGated());
    assertEquals("fill-mask", m.pipelineTag());
    assertEquals("transformers", m.libraryName());
    assertEquals("[MASK]", m.maskToken());
    assertEquals("warm", m.inference());
    assertEquals(110106428L, m.safetensors().total());
    assertEquals(Map.of("F32", 110106428L), m.safetensors().parameters());
    assertEquals(".gitattributes", m.siblings().get(0).rfilename());
    assertTrue(m.tags().contains("fill-mask"));
    assertEquals("bert", m.config().get("model_type"));
    assertEquals("AutoModelForMaskedLM", m.transformersInfo().get("auto_model"));
    assertEquals("apache-2.0", m.cardData().get("license"));
    assertTrue(m.downloads() > 0);
    assertTrue(m.usedStorage() > 0);
    assertInstanceOf(List.class, m.widgetData());
    assertEquals(RepoType.MODEL, m.repoType());
  }

  @Test
  void everyRecordedModelInfoParses() {
    for (String name : List.of("InferenceApiTest.test_text_to_image.yaml", "InferenceApiTest.test_inference_overriding_task.yaml",
        "InferenceApiTest.test_inference_missing_input.yaml")) {
      Cassettes.Interaction info = Cassettes.load(name).stream()
          .filter(i -> i.uri().startsWith("https://huggingface.co/api/models/") && i.status() == 200).findFirst().orElseThrow();
      server.enqueue(MockHub.json(info.responseBody()));
      String id = info.uri().substring("https://huggingface.co/api/models/".length());
      ModelInfo m = hub.modelInfo(RepoId.of(id));
      assertEquals(id, m.id());
      assertEquals(40, m.sha().length());
      assertFalse(m.siblings().isEmpty());
      assertTrue(m.lastModified().isAfter(Instant.parse("2020-01-01T00:00:00Z")));
    }
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void repoInfoEncodesTheRevisionAndSendsOptions() throws Exception {
    server.enqueue(MockHub.json("{\"_id\":\"1\",\"id\":\"acme/data\",\"sha\":\"abc\",\"gated\":\"manual\","
        + "\"siblings\":[{\"rfilename\":\"w.bin\",\"size\":5,\"blobId\":\"b1\",\"lfs\":{\"sha256\":\"aa\",\"size\":5,\"pointerSize\":130}}],"
        + "\"paperswithcode_id\":\"squad\"}"));
    DatasetInfo d = hub.datasetInfo(RepoId.dataset("acme/data"),
        RepoInfoParams.builder().revision("refs/pr/1").filesMetadata(true).build());
    RecordedRequest r = mock.take();
    assertEquals("/api/datasets/acme/data/revision/refs%2Fpr%2F1", r.getUrl().encodedPath());
    assertEquals("blobs=true", r.getUrl().encodedQuery());
    assertEquals("manual", d.gated());
    assertEquals("squad", d.paperswithcodeId());
    assertEquals(new BlobLfsInfo("aa", 5, 130), d.siblings().get(0).lfs());

    server.enqueue(MockHub.json("{\"_id\":\"1\",\"id\":\"acme/app\",\"sdk\":\"gradio\",\"runtime\":{\"stage\":\"RUNNING\"}}"));
    SpaceInfo s = hub.spaceInfo(RepoId.space("acme/app"), RepoInfoParams.builder().expand(List.of("sdk", "runtime")).build());
    r = mock.take();
    assertEquals("/api/spaces/acme/app", r.getUrl().encodedPath());
    assertEquals("expand=sdk&expand=runtime", r.getUrl().encodedQuery());
    assertEquals("gradio", s.sdk());
    assertEquals("RUNNING", s.runtime().get("stage"));
  }

  @Test
  void repoExistsMapsNotFoundToFalseAndGatedToTrue() {
    server.enqueue(MockHub.json("{\"_id\":\"1\",\"id\":\"acme/model\"}"));
    assertTrue(hub.repoExists(RepoId.of("acme/model")));
    server.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound").build());
    assertFalse(hub.repoExists(RepoId.of("acme/none")));
    server.enqueue(new MockResponse.Builder().code(401).setHeader("X-Error-Code", "GatedRepo").build());
    assertTrue(hub.repoExists(RepoId.of("acme/gated")));
    server.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RevisionNotFound").build());
    assertFalse(hub.repoExists(RepoId.of("acme/model"), RepoRefParams.builder().revision("nope").build()));
  }

  @Test
  void fileExistsSendsAHeadAndDoesNotFollowTheStorageRedirect() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "https://cdn.example/obj")
        .setHeader("X-Linked-Etag", "\"abc\"").build());
    assertTrue(hub.fileExists(RepoId.dataset("acme/data"), "dir/my file.bin"));
    RecordedRequest r = mock.take();
    assertEquals("HEAD", r.getMethod());
    assertEquals("/datasets/acme/data/resolve/main/dir/my%20file.bin", r.getUrl().encodedPath());
    assertEquals("Bearer " + MockHub.TOKEN, r.getHeaders().get("Authorization"));
    assertEquals(1, server.getRequestCount());

    server.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "EntryNotFound").build());
    assertFalse(hub.fileExists(RepoId.of("acme/model"), "missing.txt"));
    server.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound").build());
    assertFalse(hub.fileExists(RepoId.of("acme/none"), "config.json"));
    server.enqueue(new MockResponse.Builder().code(403).setHeader("X-Error-Code", "GatedRepo").build());
    assertThrows(GatedRepoException.class, () -> hub.fileExists(RepoId.of("acme/gated"), "config.json"));
  }

  @Test
  void listRepoTreeFollowsLinkPagesLazily() throws Exception {
    String next = server.url("/api/models/acme/model/tree/main?recursive=true&expand=false&cursor=abc").toString();
    server.enqueue(new MockResponse.Builder().setHeader("Link", "<" + next + ">; rel=\"next\"")
        .setHeader("Content-Type", "application/json")
        .body("[{\"type\":\"directory\",\"oid\":\"t1\",\"path\":\"sub\"},"
            + "{\"type\":\"file\",\"oid\":\"b1\",\"size\":3,\"path\":\"a.txt\"}]").build());
    server.enqueue(MockHub.json("[{\"type\":\"file\",\"oid\":\"b2\",\"size\":9,\"path\":\"sub/w.bin\","
        + "\"lfs\":{\"oid\":\"cafe\",\"size\":9,\"pointerSize\":120},\"lastCommit\":{\"id\":\"c1\",\"title\":\"t\","
        + "\"date\":\"2024-01-01T00:00:00.000Z\"}}]"));
    Stream<RepoTreeEntry> tree = hub.listRepoTree(RepoId.of("acme/model"),
        ListRepoTreeParams.builder().recursive(true).build());
    assertEquals(0, server.getRequestCount(), "nothing is fetched before the stream is consumed");
    List<RepoTreeEntry> entries = tree.toList();
    assertEquals(2, server.getRequestCount());
    RecordedRequest first = mock.take();
    assertEquals("/api/models/acme/model/tree/main", first.getUrl().encodedPath());
    assertEquals("recursive=true&expand=false", first.getUrl().encodedQuery());
    assertEquals("cursor=abc", mock.take().getUrl().encodedQuery().replaceAll(".*&(cursor=abc)$", "$1"));
    assertEquals(new RepoFolder("sub", "t1", null), entries.get(0));
    RepoFile lfs = (RepoFile) entries.get(2);
    assertEquals("sub/w.bin", lfs.path());
    assertEquals(new BlobLfsInfo("cafe", 9, 120), lfs.lfs());
    assertEquals("c1", lfs.lastCommit().oid());
  }

  @Test
  void listRepoFilesKeepsFilesOfARecursiveListing() throws Exception {
    server.enqueue(MockHub.json("[{\"type\":\"directory\",\"oid\":\"t1\",\"path\":\"sub\"},"
        + "{\"type\":\"file\",\"oid\":\"b1\",\"size\":3,\"path\":\"sub/a.txt\"}]"));
    assertEquals(List.of("sub/a.txt"), hub.listRepoFiles(RepoId.space("acme/space"),
        RepoRefParams.builder().revision("v1.0").build()).toList());
    RecordedRequest r = mock.take();
    assertEquals("/api/spaces/acme/space/tree/v1.0", r.getUrl().encodedPath());
    assertEquals("recursive=true&expand=false", r.getUrl().encodedQuery());
  }

  @Test
  void listingAMissingFolderThrowsWhenConsumed() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "EntryNotFound").build());
    Stream<RepoTreeEntry> s = hub.listRepoTree(RepoId.of("acme/model"), ListRepoTreeParams.builder().pathInRepo("nope").build());
    assertThrows(EntryNotFoundException.class, s::toList);
  }

  @Test
  void errorsCarryTheRequestIdAndNeverTheToken() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound")
        .setHeader("X-Request-Id", "req-1").setHeader("Content-Type", "application/json")
        .body("{\"error\":\"Repository not found for Bearer " + MockHub.TOKEN + "\"}").build());
    RepositoryNotFoundException e = assertThrows(RepositoryNotFoundException.class, () -> hub.modelInfo(RepoId.of("acme/missing")));
    assertEquals("req-1", e.requestId());
    assertFalse(e.getMessage().contains(MockHub.TOKEN), e.getMessage());
  }
}
