package io.hf4j.spaces;

import io.hf4j.testfixtures.MockResponses;
import io.hf4j.testfixtures.FakeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.BadRequestException;
import io.hf4j.core.ConflictException;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.PermissionDeniedException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.SpaceHardware;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact request shapes and answer parsing of every Spaces call, against MockWebServer. */
class SpacesClientTest {
  static final RepoId ID = RepoId.space("acme/demo");

  @StartStop final MockWebServer hub = new MockWebServer();
  @TempDir Path home;
  SpacesClient spaces;

  @BeforeEach
  void setUp() {
    FakeTime clock = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    spaces = SpacesClient.create(TestSupport.configBuilder(hub, home, clock).build());
  }

  private RecordedRequest take() throws InterruptedException {
    return hub.takeRequest();
  }

  private static void assertJson(String expected, RecordedRequest r) {
    assertEquals(TestSupport.parse(expected), TestSupport.parse(r.getBody().utf8()));
  }

  @Test
  void staticSpaceRuntimeWithNullHardwareAndMissingKeysParses() throws Exception {
    hub.enqueue(MockResponses.json("{\"stage\":\"RUNNING\",\"hardware\":{\"current\":null,\"requested\":null},\"storage\":null,"
        + "\"replicas\":{\"requested\":1,\"current\":1}}"));
    SpaceRuntime r = spaces.getSpaceRuntime(RepoId.space("victor/static-space"));
    assertEquals(SpaceStage.RUNNING, r.stage());
    assertNull(r.hardware());
    assertNull(r.requestedHardware());
    assertNull(r.sleepTime());
    assertFalse(r.devMode());
    assertTrue(r.domains().isEmpty());
    assertNull(r.host());
    assertEquals("/api/spaces/victor/static-space/runtime", take().getTarget());
  }

  @Test
  void runtimeKeepsUnknownStageAndFields() {
    hub.enqueue(MockResponses.json("{\"stage\":\"HIBERNATING\",\"hardware\":{\"current\":\"quantum-x1\",\"requested\":\"quantum-x1\"},"
        + "\"storage\":\"large\",\"errorMessage\":\"boom\",\"newField\":[1,2.5],\"replicas\":{\"requested\":\"auto\"}}"));
    SpaceRuntime r = spaces.getSpaceRuntime(ID);
    assertEquals("HIBERNATING", r.stage().value());
    assertEquals(SpaceStage.Kind.UNKNOWN, r.stage().kind());
    assertEquals(SpaceHardware.of("quantum-x1"), r.hardware());
    assertFalse(r.hardware().isKnown());
    assertEquals(SpaceStorage.LARGE, r.storage());
    assertEquals("boom", r.errorMessage());
    assertEquals(List.of(1L, 2.5), r.raw().get("newField"));
  }

  @Test
  void missingSpaceIsRepositoryNotFound() {
    hub.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound")
        .setHeader("X-Request-Id", "req-1").body("{\"error\":\"Repository not found\"}").build());
    RepositoryNotFoundException e = assertThrows(RepositoryNotFoundException.class, () -> spaces.getSpaceRuntime(ID));
    assertEquals("req-1", e.requestId());
    assertFalse(e.getMessage().contains(TestSupport.TOKEN));
  }

  @Test
  void aModelOrDatasetIdIsRefusedNamingTheFix() {
    HfValidationException e = assertThrows(HfValidationException.class, () -> spaces.getSpaceRuntime(RepoId.of("acme/x")));
    assertEquals("'acme/x' is a model repo id; use RepoId.space(\"acme/x\") for a Space", e.getMessage());
    e = assertThrows(HfValidationException.class, () -> spaces.addSpaceSecret(RepoId.dataset("acme/x"), "K", "v"));
    assertTrue(e.getMessage().startsWith("'datasets/acme/x' is a dataset repo id"), e.getMessage());
    assertThrows(HfValidationException.class, () -> SpaceHttpClient.builder(spaces, RepoId.of("acme/x")));
    assertThrows(HfValidationException.class, () -> spaces.duplicateSpace(ID,
        DuplicateSpaceParams.builder().toId(RepoId.of("me/copy")).build()));
    assertEquals(0, hub.getRequestCount());
  }

  @Test
  void spaceIdNeedsNamespace() {
    assertThrows(HfValidationException.class, () -> spaces.getSpaceRuntime(RepoId.space("demo")));
    assertEquals(0, hub.getRequestCount());
  }

  @Test
  void listSpacesHardwareParsesFlavors() throws Exception {
    hub.enqueue(MockResponses.json("[{\"name\":\"cpu-basic\",\"prettyName\":\"CPU Basic\",\"cpu\":\"2 vCPU\",\"ram\":\"16 GB\","
        + "\"ephemeralStorage\":\"50 GB\",\"accelerator\":null,\"unitCostMicroUSD\":0,\"unitCostUSD\":0,\"unitLabel\":\"hour\"},"
        + "{\"name\":\"t4-small\",\"prettyName\":\"Nvidia T4 - small\",\"cpu\":\"4 vCPU\",\"ram\":\"15 GB\",\"accelerator\":"
        + "{\"type\":\"gpu\",\"model\":\"T4\",\"quantity\":\"1\",\"vram\":\"16 GB\",\"manufacturer\":\"Nvidia\"},"
        + "\"unitCostMicroUSD\":6667,\"unitCostUSD\":0.006667,\"unitLabel\":\"minute\"},{\"name\":\"future-x9\",\"tier\":\"next\"}]"));
    List<SpaceHardwareInfo> hw = spaces.listSpacesHardware();
    assertEquals(3, hw.size());
    assertEquals(SpaceHardware.CPU_BASIC, hw.get(0).name());
    assertNull(hw.get(0).accelerator());
    assertEquals("T4", hw.get(1).accelerator().model());
    assertEquals(6667L, hw.get(1).unitCostMicroUSD());
    assertEquals("future-x9", hw.get(2).name().value());
    assertEquals("next", hw.get(2).raw().get("tier"), "raw keeps what this release does not map");
    assertEquals("Nvidia T4 - small", hw.get(1).raw().get("prettyName"));
    RecordedRequest r = take();
    assertEquals("GET", r.getMethod());
    assertEquals("/api/spaces/hardware", r.getTarget());
  }

  @Test
  void addSecretSendsKeyValueAndOptionalDescription() throws Exception {
    hub.enqueue(MockResponses.json("{}"));
    hub.enqueue(MockResponses.json("{}"));
    spaces.addSpaceSecret(ID, "API_KEY", "s3cr3t");
    spaces.addSpaceSecret(ID, "OTHER", "v", "what it is");
    RecordedRequest first = take();
    assertEquals("POST", first.getMethod());
    assertEquals("/api/spaces/acme/demo/secrets", first.getTarget());
    assertEquals("{\"key\":\"API_KEY\",\"value\":\"s3cr3t\"}", first.getBody().utf8());
    assertJson("{\"key\":\"OTHER\",\"value\":\"v\",\"description\":\"what it is\"}", take());
    assertEquals(java.util.Set.of("API_KEY", "OTHER"), spaces.secretsSetByThisClient(ID));
  }

  @Test
  void deleteSecretSendsDeleteWithJsonBody() throws Exception {
    hub.enqueue(MockResponses.json("{}"));
    spaces.deleteSpaceSecret(ID, "API_KEY");
    RecordedRequest r = take();
    assertEquals("DELETE", r.getMethod());
    assertJson("{\"key\":\"API_KEY\"}", r);
  }

  @Test
  void getSpaceSecretsListsNamesOnly() throws Exception {
    hub.enqueue(MockResponses.json("{\"HF_TOKEN\":{\"description\":\"for uploads\",\"updatedAt\":\"2026-05-01T10:00:00.000Z\"},"
        + "\"OTHER\":{},\"THIRD\":{\"managed\":true}}"));
    Map<String, SpaceSecret> secrets = spaces.getSpaceSecrets(ID);
    assertEquals(List.of("HF_TOKEN", "OTHER", "THIRD"), List.copyOf(secrets.keySet()));
    assertEquals(Boolean.TRUE, secrets.get("THIRD").raw().get("managed"));
    assertEquals("for uploads", secrets.get("HF_TOKEN").description());
    assertEquals(Instant.parse("2026-05-01T10:00:00Z"), secrets.get("HF_TOKEN").updatedAt());
    assertNull(secrets.get("OTHER").updatedAt());
    assertEquals("/api/spaces/acme/demo/secrets", take().getTarget());
  }

  @Test
  void invalidKeysAreRefusedBeforeSending() {
    assertThrows(HfValidationException.class, () -> spaces.addSpaceSecret(ID, "1BAD", "v"));
    assertThrows(HfValidationException.class, () -> spaces.addSpaceVariable(ID, "has space", "v"));
    assertEquals(0, hub.getRequestCount());
  }

  @Test
  void variablesFromEnvFileKeepCommasAndReturnTheLastMap(@TempDir Path dir) throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(env, "# comment\nexport HOSTS=a.example,b.example\nMODEL_ID=\"acme/model\"\n");
    hub.enqueue(MockResponses.json("{\"HOSTS\":{\"value\":\"a.example,b.example\"}}"));
    hub.enqueue(MockResponses.json("{\"HOSTS\":{\"value\":\"a.example,b.example\"},\"MODEL_ID\":{\"value\":\"acme/model\",\"scope\":\"run\"}}"));
    Map<String, SpaceVariable> vars = spaces.addSpaceVariablesFromEnvFile(ID, env);
    assertEquals(2, vars.size());
    assertEquals("acme/model", vars.get("MODEL_ID").value());
    assertEquals("run", vars.get("MODEL_ID").raw().get("scope"));
    assertJson("{\"key\":\"HOSTS\",\"value\":\"a.example,b.example\"}", take());
    assertJson("{\"key\":\"MODEL_ID\",\"value\":\"acme/model\"}", take());
  }

  @Test
  void secretsFromEnvFileAreSentOneByOne(@TempDir Path dir) throws Exception {
    Path env = dir.resolve("prod.env");
    Files.writeString(env, "A=1\nB='two # not a comment'\n");
    hub.enqueue(MockResponses.json("{}"));
    hub.enqueue(MockResponses.json("{}"));
    assertEquals(List.of("A", "B"), spaces.addSpaceSecretsFromEnvFile(ID, env));
    assertJson("{\"key\":\"A\",\"value\":\"1\"}", take());
    assertJson("{\"key\":\"B\",\"value\":\"two # not a comment\"}", take());
  }

  @Test
  void requestHardwareBodies() throws Exception {
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING_BUILDING").replace("\"requested\":\"cpu-basic\"", "\"requested\":\"t4-medium\"")));
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING_BUILDING")));
    SpaceRuntime r = spaces.requestSpaceHardware(ID, SpaceHardware.T4_MEDIUM);
    assertEquals(SpaceHardware.T4_MEDIUM, r.requestedHardware());
    spaces.requestSpaceHardware(ID, SpaceHardware.T4_MEDIUM, 123);
    RecordedRequest first = take();
    assertEquals("POST", first.getMethod());
    assertEquals("/api/spaces/acme/demo/hardware", first.getTarget());
    assertEquals("{\"flavor\":\"t4-medium\"}", first.getBody().utf8());
    assertJson("{\"flavor\":\"t4-medium\",\"sleepTimeSeconds\":123}", take());
  }

  @Test
  void sleepTimeBodyAndNeverSleep() throws Exception {
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING")));
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING")));
    spaces.setSpaceSleepTime(ID, 123);
    spaces.setSpaceSleepTime(ID, SpacesClient.NEVER_SLEEP);
    RecordedRequest r = take();
    assertEquals("/api/spaces/acme/demo/sleeptime", r.getTarget());
    assertJson("{\"seconds\":123}", r);
    assertJson("{\"seconds\":-1}", take());
    assertThrows(HfValidationException.class, () -> spaces.setSpaceSleepTime(ID, -2));
  }

  @Test
  void pauseSendsEmptyPost() throws Exception {
    hub.enqueue(MockResponses.json(TestSupport.runtime("PAUSED")));
    assertEquals(SpaceStage.PAUSED, spaces.pauseSpace(ID).stage());
    RecordedRequest r = take();
    assertEquals("POST", r.getMethod());
    assertEquals("/api/spaces/acme/demo/pause", r.getTarget());
    assertEquals(0, r.getBodySize());
    assertNull(r.getHeaders().get("Content-Type"));
  }

  @Test
  void pausingAStaticSpaceIsBadRequest() {
    hub.enqueue(MockResponses.json(400, "{\"error\":\"Cannot pause a static Space\"}"));
    BadRequestException e = assertThrows(BadRequestException.class, () -> spaces.pauseSpace(ID));
    assertTrue(e.getMessage().contains("Cannot pause a static Space"));
  }

  @Test
  void restartOmitsFactoryUnlessAsked() throws Exception {
    hub.enqueue(MockResponses.json(TestSupport.runtime("BUILDING")));
    hub.enqueue(MockResponses.json(TestSupport.runtime("BUILDING")));
    spaces.restartSpace(ID);
    spaces.restartSpace(ID, true);
    RecordedRequest plain = take();
    assertEquals("/api/spaces/acme/demo/restart", plain.getTarget());
    assertEquals(0, plain.getBodySize());
    assertEquals("/api/spaces/acme/demo/restart?factory=true", take().getTarget());
  }

  @Test
  void restartIsSentOnceEvenOn503() {
    hub.enqueue(MockResponses.json(503, "{\"error\":\"busy\"}"));
    assertThrows(io.hf4j.core.ServerException.class, () -> spaces.restartSpace(ID));
    assertEquals(1, hub.getRequestCount());
  }

  @Test
  void pauseIsRetriedOn503() {
    hub.enqueue(MockResponses.json(503, "{\"error\":\"busy\"}"));
    hub.enqueue(MockResponses.json(TestSupport.runtime("PAUSED")));
    assertEquals(SpaceStage.PAUSED, spaces.pauseSpace(ID).stage());
    assertEquals(2, hub.getRequestCount());
  }

  @Test
  void duplicateSendsKeysInPythonOrder() throws Exception {
    hub.enqueue(MockResponses.json("{\"url\":\"https://huggingface.co/spaces/me/copy\"}"));
    SpaceUrl url = spaces.duplicateSpace(ID, DuplicateSpaceParams.builder()
        .toId(RepoId.space("me/copy")).privateRepo(true).hardware(SpaceHardware.T4_MEDIUM)
        .sleepTimeSeconds(123).addSecret("K", "V", "D").addSecret("K2", "V2").addVariable("VK", "VV", "VD").build());
    assertEquals("https://huggingface.co/spaces/me/copy", url.url());
    assertEquals(RepoId.space("me/copy"), url.repoId());
    RecordedRequest r = take();
    assertEquals("POST", r.getMethod());
    assertEquals("/api/spaces/acme/demo/duplicate", r.getTarget());
    assertEquals("{\"repository\":\"me/copy\",\"visibility\":\"private\",\"hardware\":\"t4-medium\","
        + "\"sleepTimeSeconds\":123,\"secrets\":[{\"key\":\"K\",\"value\":\"V\",\"description\":\"D\"},{\"key\":\"K2\",\"value\":\"V2\"}],"
        + "\"variables\":[{\"key\":\"VK\",\"value\":\"VV\",\"description\":\"VD\"}]}", r.getBody().utf8());
    assertEquals(java.util.Set.of("K", "K2"), spaces.secretsSetByThisClient(RepoId.space("me/copy")));
  }

  @Test
  void duplicateWithoutTargetUsesWhoamiNamespaceAndSourceName() throws Exception {
    hub.enqueue(MockResponses.json("{\"name\":\"me\",\"type\":\"user\"}"));
    hub.enqueue(MockResponses.json("{\"url\":\"https://huggingface.co/spaces/me/demo\"}"));
    hub.enqueue(MockResponses.json("{\"url\":\"https://huggingface.co/spaces/me/other\"}"));
    assertEquals(RepoId.space("me/demo"), spaces.duplicateSpace(ID).repoId());
    assertEquals(RepoId.space("me/other"), spaces.duplicateSpace(ID, DuplicateSpaceParams.builder().toId(RepoId.space("other")).build()).repoId());
    assertEquals("/api/whoami-v2", take().getTarget());
    assertJson("{\"repository\":\"me/demo\"}", take());
    assertJson("{\"repository\":\"me/other\"}", take());
    assertEquals(3, hub.getRequestCount(), "whoami is cached");
  }

  @Test
  void duplicateConflictIsTypedUnlessExistOk() {
    hub.enqueue(MockResponses.json(409, "{\"error\":\"You already created this space repo\"}"));
    hub.enqueue(MockResponses.json(409, "{\"error\":\"You already created this space repo\"}"));
    DuplicateSpaceParams params = DuplicateSpaceParams.builder().toId(RepoId.space("me/copy")).build();
    assertThrows(ConflictException.class, () -> spaces.duplicateSpace(ID, params));
    SpaceUrl url = spaces.duplicateSpace(ID, params.toBuilder().existOk(true).build());
    assertEquals(RepoId.space("me/copy"), url.repoId());
    assertTrue(url.url().endsWith("/spaces/me/copy"), url.url());
    assertEquals(2, hub.getRequestCount(), "duplicate is never retried");
  }

  @Test
  void duplicateParamsNeverShowSecretValues() {
    DuplicateSpaceParams p = DuplicateSpaceParams.builder().addSecret("K", "super-secret-value").build();
    assertFalse(p.toString().contains("super-secret-value"), p.toString());
    assertFalse(p.secrets().get(0).toString().contains("super-secret-value"));
  }

  @Test
  void forbiddenIsPermissionDenied() {
    hub.enqueue(MockResponses.json(403, "{\"error\":\"You don't have the rights\"}"));
    assertThrows(PermissionDeniedException.class, () -> spaces.setSpaceSleepTime(ID, 60));
  }

  @Test
  void deleteVariableReturnsRemainingMap() throws Exception {
    hub.enqueue(MockResponses.json("{\"A\":{\"value\":\"1\",\"updatedAt\":\"2025-03-07T12:24:18.657Z\"}}"));
    Map<String, SpaceVariable> left = spaces.deleteSpaceVariable(ID, "missing_key");
    assertEquals(Instant.parse("2025-03-07T12:24:18.657Z"), left.get("A").updatedAt());
    RecordedRequest r = take();
    assertEquals("DELETE", r.getMethod());
    assertJson("{\"key\":\"missing_key\"}", r);
  }
}
