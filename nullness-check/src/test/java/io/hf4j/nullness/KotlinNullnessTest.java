package io.hf4j.nullness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jetbrains.kotlin.cli.common.ExitCode;
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hf4j's nullness contracts as a Kotlin caller sees them: the snippets in {@code src/test/resources/snippets} are
 * compiled by the embedded Kotlin compiler against the hf4j jars (this module's compile class path) with JSpecify
 * checking strict and warnings as errors. {@code NonNullUse.kt} must compile; in {@code Violations.kt} (nullable results
 * used as non-null, null passed where non-null is required) and {@code Redundant.kt} (null handling of non-null
 * results) every line marked {@code // expect: text} must fail with a diagnostic containing that text, and no other
 * line may. Without {@code @NullMarked} packages Kotlin would see platform types and every marked line would compile.
 */
class KotlinNullnessTest {
  private static final Pattern DIAGNOSTIC =
      Pattern.compile("^(?:.*[/\\\\])?([A-Za-z]+\\.kt):(\\d+):(\\d+): (error|warning): (.*)$");
  private static final Pattern EXPECT = Pattern.compile("// expect: (.+)$");

  @TempDir Path work;

  @Test
  void nonNullResultsAreNonNullKotlinTypes() throws IOException {
    Compilation c = compile("NonNullUse.kt");
    assertEquals(ExitCode.OK, c.exitCode(), c.output());
    assertTrue(c.diagnostics().isEmpty(), c.output());
    assertTrue(Files.isRegularFile(work.resolve("out/snippets/NonNullUseKt.class")), c.output());
  }

  @Test
  void nullableResultsAndNonNullParametersAreEnforced() throws IOException {
    assertFailsExactlyAsMarked("Violations.kt", 14, "error");
  }

  @Test
  void nonNullResultsNeedNoNullHandling() throws IOException {
    assertFailsExactlyAsMarked("Redundant.kt", 4, "warning");
  }

  /**
   * Compiles a snippet that must fail, and checks that each line marked {@code // expect: text} got a diagnostic of
   * the given severity containing that text (case-insensitively), and that no unmarked line got any.
   */
  private void assertFailsExactlyAsMarked(String snippet, int markers, String severity) throws IOException {
    Compilation c = compile(snippet);
    assertEquals(ExitCode.COMPILATION_ERROR, c.exitCode(), c.output());

    Map<Integer, String> expected = new TreeMap<>();
    List<String> lines = resourceLines(snippet);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = EXPECT.matcher(lines.get(i));
      if (m.find()) expected.put(i + 1, m.group(1).strip().toLowerCase(Locale.ROOT));
    }
    assertEquals(markers, expected.size(), "markers in " + snippet);

    Map<Integer, List<Diagnostic>> byLine = c.diagnostics().stream()
        .collect(Collectors.groupingBy(Diagnostic::line, TreeMap::new, Collectors.toList()));
    for (Map.Entry<Integer, String> e : expected.entrySet()) {
      List<Diagnostic> found = byLine.getOrDefault(e.getKey(), List.of());
      assertTrue(found.stream().anyMatch(d -> d.severity().equals(severity)
              && d.message().toLowerCase(Locale.ROOT).contains(e.getValue())),
          snippet + ":" + e.getKey() + " should report " + severity + " \"" + e.getValue() + "\"; the compiler said:\n"
              + c.output());
    }
    List<Diagnostic> unexpected = c.diagnostics().stream()
        .filter(d -> !expected.containsKey(d.line()))
        .collect(Collectors.toList());
    assertTrue(unexpected.isEmpty(), "diagnostics on unmarked lines of " + snippet + ": " + unexpected + "\n" + c.output());
  }

  private Compilation compile(String snippet) throws IOException {
    Path source = work.resolve(snippet);
    Files.write(source, resourceLines(snippet), StandardCharsets.UTF_8);
    Path out = work.resolve("out");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ExitCode exit;
    try (PrintStream messages = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      exit = new K2JVMCompiler().exec(messages,
          "-classpath", snippetClasspath(),
          "-d", out.toString(),
          "-no-stdlib",
          "-no-reflect",
          "-jvm-target", "17",
          "-Xjspecify-annotations=strict",
          "-Werror",
          source.toString());
    }
    String output = buffer.toString(StandardCharsets.UTF_8);
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = DIAGNOSTIC.matcher(line);
      if (m.matches()) {
        diagnostics.add(new Diagnostic(Integer.parseInt(m.group(2)), m.group(4), m.group(5)));
      }
    }
    return new Compilation(exit, output, diagnostics);
  }

  /** The class path written by maven-dependency-plugin: hf4j's jars and what they expose, with the Kotlin stdlib. */
  private static String snippetClasspath() throws IOException {
    String file = Objects.requireNonNull(System.getProperty("hf4j.snippetClasspath"),
        "system property hf4j.snippetClasspath (set by this module's pom)");
    String cp = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    assertFalse(cp.isEmpty(), "empty snippet class path in " + file);
    return cp;
  }

  private static List<String> resourceLines(String snippet) throws IOException {
    try (InputStream in = KotlinNullnessTest.class.getResourceAsStream("/snippets/" + snippet)) {
      Objects.requireNonNull(in, "missing test resource snippets/" + snippet);
      try (Stream<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()) {
        return lines.collect(Collectors.toList());
      }
    }
  }

  private record Diagnostic(int line, String severity, String message) {}

  private record Compilation(ExitCode exitCode, String output, List<Diagnostic> diagnostics) {}
}
