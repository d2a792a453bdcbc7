package io.hf4j.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The diagnosis of common deploy mistakes from log lines as real servers and build tools print them. */
class SpaceDiagnosisTest {
  private static List<SpaceLogLine> lines(String... texts) {
    return Arrays.stream(texts).map(t -> new SpaceLogLine(null, t)).toList();
  }

  private static @Nullable SpaceDiagnosis run(int appPort, String... texts) {
    return SpaceDiagnosis.diagnose(SpaceStage.RUNTIME_ERROR, List.of(), lines(texts), appPort);
  }

  @Test
  void wrongPortFromTheStartLinesOfCommonServers() {
    for (String line : List.of(
        "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)",
        " * Running on http://127.0.0.1:5000",
        "* Running on local URL:  http://0.0.0.0:7861",
        "Server listening on port 3000",
        "  You can now view your Streamlit app in your browser. Local URL: http://localhost:8501",
        "[2026-01-01 10:00:00 +0000] [1] [INFO] Listening at: http://0.0.0.0:8080 (1)")) {
      SpaceDiagnosis d = run(7860, "===== Application Startup at 2026-01-01 10:00:00 =====", line);
      assertNotNull(d, line);
      assertEquals(SpaceDiagnosis.Kind.WRONG_PORT, d.kind(), line);
      assertEquals(line.strip(), d.evidence());
    }
  }

  @Test
  void theRightPortOrAnotherAppPortIsNoDiagnosis() {
    assertNull(run(7860, "INFO:     Uvicorn running on http://0.0.0.0:7860 (Press CTRL+C to quit)"));
    assertNull(run(8000, "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)"));
    assertNull(run(7860, "Downloading model.safetensors: 100% 548M/548M"));
    // The Space's own message names the port it probed, whatever the caller assumed.
    SpaceDiagnosis d = run(7860, "INFO:     Uvicorn running on http://0.0.0.0:7860", "Nothing answered on port 8000");
    assertNotNull(d);
    assertTrue(d.summary().startsWith("The app listens on port 7860 but the Space sends traffic to port 8000"), d.summary());
  }

  @Test
  void missingVariablesAsPythonNodeAndShellReportThem() {
    for (String[] c : List.of(
        new String[] {"KeyError: 'OPENAI_API_KEY'", "OPENAI_API_KEY"},
        new String[] {"ValueError: Missing required environment variable: DATABASE_URL", "DATABASE_URL"},
        new String[] {"Error: environment variable JWT_SECRET_KEY is not set", "JWT_SECRET_KEY"},
        new String[] {"HF_TOKEN must be set to download the gated model", "HF_TOKEN"},
        new String[] {"/app/start.sh: line 3: REDIS_URL: parameter not set", "REDIS_URL"},
        new String[] {"Connection refused: redis://localhost:6379", null})) {
      SpaceDiagnosis d = run(7860, "Traceback (most recent call last):", c[0]);
      if (c[1] == null) {
        assertNull(d, c[0]);
        continue;
      }
      assertNotNull(d, c[0]);
      assertEquals(SpaceDiagnosis.Kind.MISSING_VARIABLE, d.kind(), c[0]);
      assertTrue(d.summary().startsWith("The app exited at start because " + c[1] + " is not set"), d.summary());
    }
  }

  @Test
  void failingBuildStepInKanikoAndBuildKitFormats() {
    SpaceDiagnosis hub = Objects.requireNonNull(SpaceDiagnosis.diagnose(SpaceStage.BUILD_ERROR, lines(
        "--> FROM docker.io/library/python:3.12@sha256:abc", "DONE 0.1s",
        "--> RUN pip install -r requirements.txt", "Collecting nosuchpkg==1.0",
        "ERROR: No matching distribution found for nosuchpkg==1.0",
        "--> ERROR: process \"/bin/sh -c pip install -r requirements.txt\" did not complete successfully: exit code: 1"),
        List.of(), 7860));
    assertEquals(SpaceDiagnosis.Kind.BUILD_STEP_FAILED, hub.kind());
    assertEquals("The build step 'RUN pip install -r requirements.txt' failed: ERROR: No matching distribution found for nosuchpkg==1.0",
        hub.summary());

    SpaceDiagnosis buildkit = Objects.requireNonNull(SpaceDiagnosis.diagnose(SpaceStage.BUILD_ERROR, lines(
        "#7 [3/5] COPY requirements.txt .", "#7 DONE 0.0s", "#8 [4/5] RUN npm ci",
        "#8 1.234 npm ERR! missing: left-pad@1.3.0",
        "ERROR: failed to solve: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1"),
        List.of(), 7860));
    assertEquals("The build step 'RUN npm ci' failed: "
        + "ERROR: failed to solve: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1", buildkit.summary());

    SpaceDiagnosis noStep = Objects.requireNonNull(SpaceDiagnosis.diagnose(SpaceStage.BUILD_ERROR, lines(
        "error: process \"/bin/sh -c make\" did not complete successfully: exit code: 2"), List.of(), 7860));
    assertEquals("The build step 'RUN make' failed: error: process \"/bin/sh -c make\" did not complete successfully: exit code: 2",
        noStep.summary());
    assertNull(SpaceDiagnosis.diagnose(SpaceStage.BUILD_ERROR, lines("--> RUN true", "DONE"), List.of(), 7860));
  }
}
