package io.hf4j.nullness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's Javadoc gate: the root pom runs doclint {@code all} (with {@code missing}) and fails on warnings, the
 * fully documented modules do not lower it, and with those options javadoc refuses a public method without a
 * comment or without its {@code @param}/{@code @return} tags.
 */
class DoclintConfigTest {
  /** Modules whose public packages are completely documented: they must keep the root's level. */
  private static final List<String> DOCUMENTED = List.of("core", "xet", "storage-r2", "testkit", "jobs-client", "hub-client",
      "spaces-client");

  @TempDir Path work;

  @Test
  void rootPomRunsDoclintAllAndFailsOnWarnings() throws IOException {
    String root = withoutComments(Files.readString(reactorRoot().resolve("pom.xml"), StandardCharsets.UTF_8));
    assertEquals("all", property(root, "hf4j.doclint"));
    assertEquals("true", property(root, "hf4j.javadoc.failOnWarnings"));
    assertTrue(root.contains("<doclint>${hf4j.doclint}</doclint>"), "the javadoc plugin uses hf4j.doclint");
    assertTrue(root.contains("<failOnWarnings>${hf4j.javadoc.failOnWarnings}</failOnWarnings>"));
    for (String module : DOCUMENTED) {
      String pom = withoutComments(Files.readString(reactorRoot().resolve(module).resolve("pom.xml"), StandardCharsets.UTF_8));
      assertFalse(pom.contains("<hf4j.doclint>"), module + " must not lower doclint");
      assertFalse(pom.contains("maven.javadoc.skip"), module + " must not skip javadoc");
    }
  }

  @Test
  void doclintAllRefusesAMissingCommentOrTag() throws IOException {
    assertEquals(0, javadoc("""
        package demo;

        /** A documented type. */
        public final class Demo {
          private Demo() {}

          /**
           * Doubles a number.
           *
           * @param x the number
           * @return twice {@code x}
           */
          public static int twice(int x) {
            return 2 * x;
          }
        }
        """).exitCode(), "a fully documented class passes");

    Run noComment = javadoc("""
        package demo;

        /** A documented type. */
        public final class Demo {
          private Demo() {}

          public static int twice(int x) {
            return 2 * x;
          }
        }
        """);
    assertNotEquals(0, noComment.exitCode());
    assertTrue(noComment.output().contains("warning: no comment"), noComment.output());

    Run noTags = javadoc("""
        package demo;

        /** A documented type. */
        public final class Demo {
          private Demo() {}

          /** Doubles a number. */
          public static int twice(int x) {
            return 2 * x;
          }
        }
        """);
    assertNotEquals(0, noTags.exitCode());
    assertTrue(noTags.output().contains("warning: no @param for x"), noTags.output());
    assertTrue(noTags.output().contains("warning: no @return"), noTags.output());
  }

  /** Runs javadoc with the options the root pom gives it (doclint all, warnings are errors). */
  private Run javadoc(String source) throws IOException {
    Path dir = work.resolve("src" + System.nanoTime()).resolve("demo");
    Files.createDirectories(dir);
    Path file = dir.resolve("Demo.java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    ToolProvider tool = ToolProvider.findFirst("javadoc").orElseThrow(() -> new IllegalStateException("no javadoc tool"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc;
    try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      rc = tool.run(ps, ps, "-quiet", "-Xdoclint:all", "-Werror", "-d", work.resolve("out" + System.nanoTime()).toString(),
          file.toString());
    }
    return new Run(rc, out.toString(StandardCharsets.UTF_8));
  }

  private static String withoutComments(String xml) {
    return xml.replaceAll("(?s)<!--.*?-->", "");
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(pom);
    assertTrue(m.find(), "property " + name + " in the root pom");
    return m.group(1).strip();
  }

  /** The reactor root: this module's parent directory (Maven runs tests in the module's directory). */
  private static Path reactorRoot() {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertTrue(Files.isRegularFile(root.resolve("mvnw")), "reactor root not found from " + Path.of("").toAbsolutePath());
    return root;
  }

  private record Run(int exitCode, String output) {}
}
