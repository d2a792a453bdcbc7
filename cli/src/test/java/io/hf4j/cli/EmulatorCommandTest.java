package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EmulatorCommandTest {
  @TempDir Path home;
  @TempDir Path data;

  @Test
  void runsAnEmulatorThatTheOtherCommandsCanUseUntilStopped() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Hf4j.commandLine(Map.of("HF_HOME", home.toString()), new PrintWriter(out, true), new PrintWriter(err, true), false);
    EmulatorCommand command = cl.getSubcommands().get("emulator").getCommand();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t = new Thread(() -> exit.set(cl.execute("emulator", "--port", "0", "--data", data.toString())), "cli-emulator");
    t.start();
    assertTrue(command.started.await(60, TimeUnit.SECONDS), "started: " + err);

    String printed = out.toString();
    Matcher endpoint = Pattern.compile("export HF_ENDPOINT=(http://127\\.0\\.0\\.1:\\d+)").matcher(printed);
    Matcher token = Pattern.compile("export HF_TOKEN=(hf_\\S+)").matcher(printed);
    assertTrue(endpoint.find() && token.find(), printed);
    assertTrue(printed.contains("valid on this emulator only"), printed);

    CliRunner.Result me;
    StringWriter o2 = new StringWriter();
    StringWriter e2 = new StringWriter();
    int code = Hf4j.commandLine(Map.of("HF_HOME", home.toString()), new PrintWriter(o2, true), new PrintWriter(e2, true), false)
        .execute("--endpoint", endpoint.group(1), "--token", token.group(1), "--format", "json", "repos", "create", "testuser/kept");
    me = new CliRunner.Result(code, o2.toString().strip(), e2.toString().strip());
    assertEquals(0, me.exitCode(), me.toString());
    assertEquals(endpoint.group(1) + "/testuser/kept", me.object().get("url"));

    t.interrupt();
    t.join(30_000);
    assertFalse(t.isAlive());
    assertEquals(0, exit.get());
    assertTrue(java.nio.file.Files.exists(data.resolve("repos/format.json")), "the --data folder holds the repos");
  }
}
