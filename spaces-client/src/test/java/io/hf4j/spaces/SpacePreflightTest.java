package io.hf4j.spaces;

import io.hf4j.testfixtures.MockResponses;
import io.hf4j.testfixtures.FakeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.spaces.PreflightIssue.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preflight on temporary folders, one mistake at a time. */
class SpacePreflightTest {
  static final String DOCKER_README = "---\ntitle: Demo\nemoji: 🚀\nsdk: docker\napp_port: 8000\n---\n# Demo\n";

  @TempDir Path dir;
  @TempDir Path home;
  @StartStop final MockWebServer hub = new MockWebServer();

  private void write(String path, String content) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static String codes(PreflightReport r) {
    return r.toString();
  }

  private SpacesClient spaces() {
    FakeTime clock = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    return SpacesClient.create(TestSupport.configBuilder(hub, home, clock).build());
  }

  @Test
  void aCorrectDockerSpacePasses() throws IOException {
    write("README.md", DOCKER_README);
    write("Dockerfile", "FROM python:3.12\nRUN useradd -m -u 1000 user\nUSER user\nWORKDIR /home/user/app\n"
        + "COPY --chown=user . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\n"
        + "CMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]\n");
    write("main.py", "app = None\n");
    write("requirements.txt", "fastapi\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertTrue(r.issues().isEmpty(), codes(r));
    assertEquals("docker", r.sdk());
    assertEquals(8000, r.appPort());
    assertEquals(List.of("Dockerfile", "README.md", "main.py", "requirements.txt"), r.uploadPaths());
    assertTrue(r.ignorePatterns().isEmpty());
    assertEquals("Demo", r.frontMatter().get("title"));
  }

  @Test
  void servedPortOtherThanTheDefaultIsAnError() throws IOException {
    write("README.md", "---\nsdk: docker\n---\n");
    write("Dockerfile", "FROM python:3.12\nCMD uvicorn main:app --host 0.0.0.0 --port 8000\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertTrue(r.hasErrors());
    PreflightIssue issue = r.errors().get(0);
    assertEquals(Code.PORT_MISMATCH, issue.code());
    assertTrue(issue.message().contains("8000") && issue.message().contains("7860"), issue.message());
    assertTrue(issue.message().contains("app_port: 8000"), issue.message());
    assertEquals(7860, r.appPort());
  }

  @Test
  void servedPortOtherThanAppPortIsAnError() throws IOException {
    write("README.md", DOCKER_README);
    write("Dockerfile", "FROM node:20\nCMD [\"npx\", \"serve\", \"-p\", \"3000\"]\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertTrue(r.has(Code.PORT_MISMATCH), codes(r));
  }

  @Test
  void exposeAloneThatDisagreesIsAnError() throws IOException {
    write("README.md", "---\nsdk: docker\n---\n");
    write("Dockerfile", "FROM python:3.12\nEXPOSE 5000\nCMD python app.py\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertEquals(Code.PORT_MISMATCH, r.errors().get(0).code(), codes(r));
  }

  @Test
  void exposeMismatchWithCorrectServedPortIsAWarning() throws IOException {
    write("README.md", "---\nsdk: docker\n---\n");
    write("Dockerfile", "FROM python:3.12\nEXPOSE 8080\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:7860\", \"app:app\"]\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertFalse(r.hasErrors(), codes(r));
    assertTrue(r.has(Code.EXPOSE_MISMATCH));
  }

  @Test
  void portFromEnvAndVariableExpansion() throws IOException {
    write("README.md", "---\nsdk: docker\napp_port: 9000\n---\n");
    write("Dockerfile", "FROM python:3.12\nENV PORT=9000 \\\n    OTHER=1\nCMD streamlit run app.py --server.port=${PORT} --server.address=0.0.0.0\n");
    assertTrue(SpacePreflight.check(dir).issues().isEmpty(), codes(SpacePreflight.check(dir)));
    write("Dockerfile", "FROM python:3.12\nENV PORT 7000\nCMD [\"python\", \"app.py\"]\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertTrue(r.has(Code.PORT_MISMATCH), codes(r));
  }

  @Test
  void onlyTheLastBuildStageCounts() throws IOException {
    write("README.md", "---\nsdk: docker\n---\n");
    write("Dockerfile", "FROM node:20 AS build\nEXPOSE 3000\nCMD npm start -- --port 3000\n"
        + "FROM python:3.12\nCMD [\"python\", \"-m\", \"http.server\", \"7860\"]\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertFalse(r.hasErrors(), codes(r));
  }

  @Test
  void unknownPortIsAWarning() throws IOException {
    write("README.md", "---\nsdk: docker\n---\n");
    write("Dockerfile", "FROM python:3.12\nCMD [\"python\", \"app.py\"]\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertFalse(r.hasErrors());
    assertTrue(r.has(Code.PORT_NOT_FOUND), codes(r));
  }

  @Test
  void bindingToLocalhostIsAnError() throws IOException {
    write("README.md", "---\nsdk: docker\n---\n");
    write("Dockerfile", "FROM python:3.12\nCMD uvicorn main:app --host 127.0.0.1 --port 7860\n");
    assertTrue(SpacePreflight.check(dir).has(Code.BINDS_LOCALHOST));
  }

  @Test
  void missingDockerfileIsAnError() throws IOException {
    write("README.md", DOCKER_README);
    PreflightReport r = SpacePreflight.check(dir);
    assertEquals(Code.DOCKERFILE_MISSING, r.errors().get(0).code());
    write("dockerfile", "FROM python:3.12\n");
    PreflightReport lower = SpacePreflight.check(dir);
    assertTrue(lower.errors().get(0).message().contains("case-sensitive"), codes(lower));
  }

  @Test
  void envFileIsReportedAndExcluded() throws IOException {
    write("README.md", "---\nsdk: gradio\n---\n");
    write("app.py", "import gradio\n");
    write(".env", "OPENAI_API_KEY=sk-very-secret\n");
    write(".env.example", "OPENAI_API_KEY=\n");
    write("config/.env.production", "X=1\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertFalse(r.hasErrors(), codes(r));
    assertEquals(List.of(".env", "config/.env.production"), r.excludedPaths());
    assertEquals(r.excludedPaths(), r.ignorePatterns());
    assertTrue(r.uploadPaths().contains(".env.example"));
    assertFalse(r.uploadPaths().contains(".env"));
    assertFalse(r.toString().contains("sk-very-secret"));

    PreflightReport pushed = SpacePreflight.builder(dir).excludeByDefault(false).build().run();
    assertTrue(pushed.hasErrors());
    assertEquals(Code.FILE_NOT_PUSHED, pushed.errors().get(0).code());
    assertTrue(pushed.ignorePatterns().isEmpty());
    assertTrue(pushed.uploadPaths().isEmpty() || !pushed.uploadPaths().contains(".env"));
  }

  @Test
  void localJunkIsExcluded() throws IOException {
    write("README.md", "---\nsdk: gradio\n---\n");
    write("app.py", "x\n");
    write("venv/pyvenv.cfg", "home = /usr\n");
    write("env2/pyvenv.cfg", "home = /usr\n");
    write("src/__pycache__/app.cpython-312.pyc", "x");
    write("web/node_modules/left-pad/index.js", "x");
    write("data/local.db", "x");
    write("cache.sqlite3", "x");
    write("uploads/user1/photo.jpg", "x");
    write(".git/config", "x");
    write("src/util.py", "x");
    PreflightReport r = SpacePreflight.check(dir);
    assertFalse(r.hasErrors(), codes(r));
    assertEquals(Set.of("venv/", "env2/", "src/__pycache__/", "web/node_modules/", "data/local.db", "cache.sqlite3", "uploads/"),
        Set.copyOf(r.excludedPaths()));
    assertEquals(List.of("README.md", "app.py", "src/util.py"), r.uploadPaths());
    assertEquals(7, r.warnings().stream().filter(i -> i.code() == Code.FILE_NOT_PUSHED).count());
  }

  @Test
  void badFrontMatter() throws IOException {
    write("app.py", "x");
    write("README.md", "# no front matter\n");
    assertEquals(Code.FRONT_MATTER_INVALID, SpacePreflight.check(dir).errors().get(0).code());
    write("README.md", "---\nsdk: [docker\n---\n");
    PreflightReport invalid = SpacePreflight.check(dir);
    assertEquals(Code.FRONT_MATTER_INVALID, invalid.errors().get(0).code());
    assertEquals(1, invalid.errors().size(), codes(invalid));
    write("README.md", "---\nsdk: docker\nsdk: gradio\n---\n");
    assertEquals(Code.FRONT_MATTER_INVALID, SpacePreflight.check(dir).errors().get(0).code(), "duplicate keys");
    write("README.md", "---\n- a\n- b\n---\n");
    assertEquals(Code.FRONT_MATTER_INVALID, SpacePreflight.check(dir).errors().get(0).code());
    write("README.md", "---\nsdk: docker\n");
    assertEquals(Code.FRONT_MATTER_INVALID, SpacePreflight.check(dir).errors().get(0).code(), "unclosed");
    write("README.md", "---\ntitle: x\n---\n");
    assertEquals(Code.SDK_MISSING, SpacePreflight.check(dir).errors().get(0).code());
    write("README.md", "---\nsdk: flask\n---\n");
    assertEquals(Code.SDK_UNKNOWN, SpacePreflight.check(dir).errors().get(0).code());
    write("README.md", "---\nsdk: docker\napp_port: http\n---\n");
    write("Dockerfile", "FROM x\nCMD run --port 7860\n");
    assertEquals(Code.APP_PORT_INVALID, SpacePreflight.check(dir).errors().get(0).code());
    write("README.md", "---\nsdk: docker\napp_port: 70000\n---\n");
    assertEquals(Code.APP_PORT_INVALID, SpacePreflight.check(dir).errors().get(0).code());
  }

  @Test
  void misspeltSettingIsAWarning() throws IOException {
    write("README.md", "---\nsdk: docker\napp_ports: 8000\nappFile: main.py\nlicense: mit\n---\n");
    write("Dockerfile", "FROM x\nCMD run --port 7860\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertFalse(r.hasErrors(), codes(r));
    List<PreflightIssue> unknown = r.warnings().stream().filter(i -> i.code() == Code.UNKNOWN_KEY).toList();
    assertEquals(2, unknown.size(), codes(r));
    assertTrue(unknown.get(0).message().contains("app_port"));
    assertTrue(unknown.get(1).message().contains("app_file"));
  }

  @Test
  void missingReadmeAndAppFile() throws IOException {
    assertEquals(Code.README_MISSING, SpacePreflight.check(dir).errors().get(0).code());
    write("README.md", "---\nsdk: gradio\napp_file: src/main.py\n---\n");
    PreflightReport r = SpacePreflight.check(dir);
    assertEquals(Code.APP_FILE_MISSING, r.errors().get(0).code());
    assertEquals("src/main.py", r.errors().get(0).path());
    write("README.md", "---\nsdk: static\n---\n");
    assertEquals(Code.APP_FILE_MISSING, SpacePreflight.check(dir).errors().get(0).code());
    write("index.html", "<html></html>");
    assertFalse(SpacePreflight.check(dir).hasErrors());
  }

  @Test
  void requiredSecretsAreCheckedAgainstTheSpace() throws Exception {
    write("README.md", "---\nsdk: docker\n---\n");
    write("Dockerfile", "FROM python:3.12\nRUN --mount=type=secret,id=BUILD_TOKEN,mode=0444,required=true cat /run/secrets/BUILD_TOKEN\n"
        + "CMD run --port 7860\n");
    write(".env", "OPENAI_API_KEY=sk-local\n");
    hub.enqueue(MockResponses.json("{\"HF_TOKEN\":{\"updatedAt\":\"2026-05-01T10:00:00.000Z\"}}"));
    hub.enqueue(MockResponses.json("{\"PUBLIC_KEY\":{\"value\":\"oops\"}}"));
    PreflightReport r = SpacePreflight.builder(dir).requiredSecrets("HF_TOKEN", "OPENAI_API_KEY", "PUBLIC_KEY")
        .space(spaces(), RepoId.space("acme/app")).build().run();
    assertEquals(Set.of("HF_TOKEN", "OPENAI_API_KEY", "PUBLIC_KEY", "BUILD_TOKEN"), r.requiredSecrets());
    List<PreflightIssue> missing = r.errors().stream().filter(i -> i.code() == Code.SECRET_MISSING).toList();
    assertEquals(2, missing.size(), codes(r));
    assertTrue(missing.get(0).message().contains("OPENAI_API_KEY") && missing.get(0).message().contains("addSpaceSecretsFromEnvFile"));
    assertTrue(missing.get(1).message().contains("BUILD_TOKEN") && missing.get(1).message().contains("build time"));
    assertTrue(r.has(Code.SECRET_IS_VARIABLE));
    assertFalse(r.toString().contains("sk-local"));
    assertEquals("/api/spaces/acme/app/secrets", hub.takeRequest().getTarget());
    assertEquals("/api/spaces/acme/app/variables", hub.takeRequest().getTarget());
  }

  @Test
  void withoutSecretListingNamesSetThroughTheClientCount() throws IOException {
    write("README.md", "---\nsdk: gradio\n---\n");
    write("app.py", "x");
    SpacesClient spaces = spaces();
    hub.enqueue(MockResponses.json("{}"));
    spaces.addSpaceSecret(RepoId.space("acme/app"), "SET_HERE", "v");
    hub.enqueue(new MockResponse.Builder().code(404).body("{\"error\":\"Not Found\"}").build());
    hub.enqueue(MockResponses.json("{}"));
    PreflightReport r = SpacePreflight.builder(dir).requiredSecrets("SET_HERE", "ELSEWHERE")
        .space(spaces, RepoId.space("acme/app")).build().run();
    assertFalse(r.hasErrors(), codes(r));
    List<PreflightIssue> unverified = r.warnings().stream().filter(i -> i.code() == Code.SECRETS_UNVERIFIED).toList();
    assertEquals(1, unverified.size(), codes(r));
    assertTrue(unverified.get(0).message().contains("ELSEWHERE"));
  }

  @Test
  void requiredSecretsWithoutASpaceAreAWarning() throws IOException {
    write("README.md", "---\nsdk: gradio\n---\n");
    write("app.py", "x");
    PreflightReport r = SpacePreflight.builder(dir).requiredSecrets("API_KEY").build().run();
    assertTrue(r.has(Code.SECRETS_UNVERIFIED));
    assertFalse(r.hasErrors());
  }

  @Test
  void notAFolderIsAnIoError() {
    assertThrows(io.hf4j.core.HfIoException.class, () -> SpacePreflight.check(dir.resolve("missing")));
  }
}
