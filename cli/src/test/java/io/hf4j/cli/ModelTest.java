package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The code-built models bind options to their commands' fields: parsed values land there, and a reparse resets them. */
class ModelTest {
  private static CommandLine upload() {
    return Hf4j.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false,
        "upload");
  }

  @Test
  void parsedValuesLandInTheFieldsAndAReparseStartsFromTheInitialValues() {
    CommandLine cl = upload();
    CommandLine sub = cl.getSubcommands().get("upload");
    UploadCommand cmd = sub.getCommand();
    Hf4j root = cl.getCommand();

    cl.parseArgs("--format", "JSON", "-q", "upload", "acme/x", "dir", "in/repo", "--include", "*.txt", "--include", "*.md",
        "--private", "--repo-type", "dataset", "--commit-message", "m");
    assertEquals(Output.Format.json, root.format);
    assertTrue(root.quiet);
    assertEquals("acme/x", cmd.repoId);
    assertEquals(Path.of("dir"), cmd.localPath);
    assertEquals("in/repo", cmd.pathInRepo);
    assertEquals(List.of("*.txt", "*.md"), cmd.include);
    assertTrue(cmd.privateRepo);
    assertEquals("dataset", cmd.typeOption.repoType);
    assertEquals("m", cmd.commitMessage);

    cl.parseArgs("upload", "acme/y", "other");
    assertEquals(Output.Format.table, root.format);
    assertFalse(root.quiet);
    assertEquals("acme/y", cmd.repoId);
    assertNull(cmd.pathInRepo);
    assertEquals(List.of(), cmd.include);
    assertFalse(cmd.privateRepo);
    assertEquals("model", cmd.typeOption.repoType);
    assertNull(cmd.commitMessage);
  }

  @Test
  void inheritedOptionsAfterTheSubcommandSetTheRootsFields() {
    CommandLine cl = upload();
    Hf4j root = cl.getCommand();
    cl.parseArgs("upload", "acme/x", "dir", "--token", "hf_abc", "--endpoint", "http://127.0.0.1:1", "--debug");
    assertEquals("hf_abc", root.token);
    assertEquals("http://127.0.0.1:1", root.endpoint);
    assertTrue(root.debug);
  }
}
