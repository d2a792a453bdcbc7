package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.HubEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --debug} and {@code HF_DEBUG} print curl lines of every request, with secret values redacted field by field. */
class DebugSecretsTest {
  static final List<String> SECRETS = List.of("p4ssw0rd-job-secret", "hf_jobsecrettokenvalue", "p4ssw0rd-space-secret",
      "envfile-secret-value", "hf_scheduledsecretvalue");
  @TempDir Path home;

  private String[] run(HubEmulator hub, boolean envDebug, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HF_ENDPOINT", hub.url());
    pb.environment().put("HF_TOKEN", hub.writeToken());
    pb.environment().put("HF_HOME", home.toString());
    pb.environment().put("MY_ENV_SECRET", "hf_jobsecrettokenvalue");
    if (envDebug) pb.environment().put("HF_DEBUG", "1");
    else pb.environment().remove("HF_DEBUG");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out + err);
    return new String[] {out, err};
  }

  private static void assertNoSecret(String[] outErr, String curlOf) {
    String all = outErr[0] + outErr[1];
    assertTrue(outErr[1].contains("curl -X POST") && outErr[1].contains(curlOf), outErr[1]);
    assertTrue(outErr[1].contains("<REDACTED>"), outErr[1]);
    for (String s : SECRETS) assertFalse(all.contains(s), "secret value " + s + " in the output:\n" + all);
  }

  @Test
  void jobSecretsAreRedactedInDebugLines() throws Exception {
    try (HubEmulator hub = HubEmulator.builder().build().start()) {
      String[] r = run(hub, false, "--debug", "jobs", "run", "-d", "-s", "MYSECRET=p4ssw0rd-job-secret", "-s",
          "MY_ENV_SECRET", "-e", "MODE=visible", "python:3.12", "python", "-c", "print(1)");
      assertNoSecret(r, "/api/jobs/");
      assertTrue(r[1].contains("MODE") && r[1].contains("visible"), "non-secret fields stay visible: " + r[1]);
      assertTrue(r[1].contains("MYSECRET"), "secret names stay visible: " + r[1]);
    }
  }

  @Test
  void spaceSecretsFromOptionsAndEnvFilesAreRedactedUnderHfDebug() throws Exception {
    try (HubEmulator hub = HubEmulator.builder().build().start()) {
      String id = hub.userName() + "/secret-space";
      hub.repos().create(RepoType.SPACE, id, false, Map.of("sdk", "docker"));
      Path env = Files.writeString(home.resolve("secrets.env"), "FROM_FILE=envfile-secret-value\n");
      String[] r = run(hub, true, "spaces", "secrets", "add", id, "-s", "PASSWORD=p4ssw0rd-space-secret",
          "--env-file", env.toString());
      assertNoSecret(r, "/secrets");
      assertTrue(r[1].contains("FROM_FILE"), r[1]);
    }
  }
}
