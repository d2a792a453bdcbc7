package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/hf4j}: its class-data sharing archive (made on the first run, mapped by the next, remade for another
 * jar, off with HF4J_CDS=0) and its JVM choices per command. Runs the script on a launcher jar whose manifest
 * names this test's class path (directories packed as jars: an archive covers jars only).
 */
class LauncherScriptTest {
  @TempDir Path tmp;
  private Path jar;
  private Path cds;

  /** What one run printed. */
  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void launcherJar() throws IOException {
    Path lib = Files.createDirectories(tmp.resolve("lib"));
    List<String> names = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = (n++) + "-" + p.getFileName() + (Files.isDirectory(p) ? ".jar" : "");
      if (Files.isDirectory(p)) packDirectory(p, lib.resolve(name));
      else if (Files.isRegularFile(p)) Files.copy(p, lib.resolve(name));
      else continue;
      names.add("lib/" + name);
    }
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", names));
    jar = tmp.resolve("hf4j-test-cli.jar");
    new JarOutputStream(Files.newOutputStream(jar), m).close(); // the manifest is all
    cds = tmp.resolve("cds");
  }

  private static void packDirectory(Path dir, Path target) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target)); Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
  }

  private Run run(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", Path.of("bin/hf4j").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HF4J_CLI_JAR", jar.toString());
    pb.environment().put("HF4J_CDS_DIR", cds.toString());
    pb.environment().put("HOME", tmp.toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("HF4J_JAVA_OPTS");
    pb.environment().remove("HF4J_CDS");
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    p.getOutputStream().close();
    byte[][] out = new byte[2][];
    Thread drain = new Thread(() -> {
      try {
        out[1] = p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        out[1] = e.toString().getBytes(StandardCharsets.UTF_8);
      }
    });
    drain.start();
    out[0] = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/hf4j did not finish");
    drain.join();
    return new Run(p.exitValue(), new String(out[0], StandardCharsets.UTF_8), new String(out[1], StandardCharsets.UTF_8));
  }

  private List<Path> archives() throws IOException {
    if (!Files.isDirectory(cds)) return List.of();
    try (Stream<Path> s = Files.list(cds)) {
      return s.sorted().toList();
    }
  }

  @Test
  void theFirstRunMakesAnArchiveTheNextMapsAndAnotherJarReplacesIt() throws Exception {
    Run first = run(Map.of(), "--version");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().startsWith("hf4j "), first.out());
    assertEquals("", first.err(), "the archive is made quietly");
    List<Path> made = archives();
    assertEquals(1, made.size(), made.toString());
    assertTrue(made.get(0).getFileName().toString().matches("hf4j-[0-9]+-other\\.jsa"), made.toString());

    // -Xshare:on makes an archive that cannot be mapped a fatal error; the class log shows where Main came from.
    Run second = run(Map.of("HF4J_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info"), "--version");
    assertEquals(0, second.exit(), second.out() + second.err());
    assertTrue(second.out().contains("io.hf4j.cli.Main source: shared objects file"), "Main is not from the archive");

    // Each subcommand records its own archive beside the others of the same jar.
    Run auth = run(Map.of(), "--token", "t", "auth", "--help");
    assertEquals(0, auth.exit(), auth.err());
    List<Path> two = archives();
    assertEquals(2, two.size(), two.toString());
    String key = made.get(0).getFileName().toString().replace("-other.jsa", "");
    assertTrue(two.contains(cds.resolve(key + "-auth.jsa")), two.toString());
    Run authAgain = run(Map.of("HF4J_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info"), "auth", "--help");
    assertEquals(0, authAgain.exit(), authAgain.out() + authAgain.err());
    assertTrue(authAgain.out().contains("io.hf4j.cli.AuthCommand source: shared objects file"), "AuthCommand is not from its archive");

    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
    Run rebuilt = run(Map.of(), "--version");
    assertEquals(0, rebuilt.exit(), rebuilt.err());
    List<Path> now = archives();
    assertEquals(1, now.size(), "the stale archives are gone: " + now);
    assertNotEquals(made.get(0), now.get(0));
  }

  @Test
  void aNameThatIsNoCommandCannotSteerTheArchivePath() throws Exception {
    Run r = run(Map.of(), "../../escape");
    assertNotEquals(0, r.exit());
    List<Path> made = archives();
    assertEquals(1, made.size(), made.toString());
    assertTrue(made.get(0).getFileName().toString().matches("hf4j-[0-9]+-other\\.jsa"), made.toString());
  }

  @Test
  void hf4jCdsZeroMakesNoArchive() throws Exception {
    Run r = run(Map.of("HF4J_CDS", "0"), "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("hf4j "), r.out());
    assertEquals(List.of(), archives());
  }

  @Test
  void onlyCommandsThatMoveDataKeepTheOptimizingCompilerForTheirHottestCode() throws Exception {
    Map<String, String> flags = Map.of("HF4J_CDS", "0", "HF4J_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
    Run whoami = run(flags, "--endpoint", "http://127.0.0.1:9", "auth", "--help");
    assertTrue(whoami.out().contains("-XX:TieredStopAtLevel=1") && whoami.out().contains("-XX:+UseSerialGC"), whoami.out());
    assertTrue(whoami.out().contains("-XX:ArchiveRelocationMode=0"), whoami.out());
    for (String command : List.of("upload", "download")) {
      Run r = run(flags, "--token", "auth", command, "--help");
      assertEquals(0, r.exit(), r.err());
      assertFalse(r.out().contains("TieredStopAtLevel"), command + ": " + r.out());
      assertTrue(r.out().contains("-XX:Tier4InvocationThreshold=50000"), command + ": " + r.out());
      assertTrue(r.out().contains("Usage: hf4j " + command), r.out());
    }
  }
}
