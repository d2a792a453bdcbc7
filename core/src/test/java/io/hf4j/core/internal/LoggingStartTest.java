package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SLF4J started by one thread while another logs: the {@code hf4j} command's second thread (the HTTP client's
 * preparation) and its main thread. In a child JVM whose SLF4J start is held open ({@link LoggingRaceMain}), the
 * main thread's line must be logged once, by the real logger, without SLF4J's "intercepted ... replayed" warning
 * (before {@link LoggingStart}, that warning appeared on the command's standard error).
 */
class LoggingStartTest {
  @TempDir Path dir;

  @Test
  void aLineLoggedWhileAnotherThreadStartsSlf4jIsNotReplayed() throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        "-Dslf4j.provider=" + BlockingSlf4jProvider.class.getName(), LoggingRaceMain.class.getName()))
        .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not end");
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), () -> "exit; stdout: " + stdout + " stderr: " + stderr);
    assertTrue(stdout.contains("built http://127.0.0.1:9"), stdout);
    assertEquals(1, stdout.split("LOG race after build", -1).length - 1, () -> "stdout: " + stdout);
    assertFalse(stderr.contains("intercepted"), () -> "SLF4J replayed calls: " + stderr);
    assertFalse(stderr.contains("substitute"), () -> "SLF4J substituted loggers: " + stderr);
    assertFalse(stdout.contains("hf_race_token") || stderr.contains("hf_race_token"), "token printed");
  }
}
