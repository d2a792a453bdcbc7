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
import java.nio.file.attribute.PosixFilePermissions;
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
 * jar, off with HF4J_CDS=0; an AOT cache on Java 25 or newer) and its JVM choices per command. Runs the script on a launcher jar whose manifest
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

  /** The archive folder's files but the kept keys ({@code hf4j-N.key}, see {@link #keys()}). */
  private List<Path> archives() throws IOException {
    if (!Files.isDirectory(cds)) return List.of();
    try (Stream<Path> s = Files.list(cds)) {
      return s.filter(p -> !p.getFileName().toString().endsWith(".key")).sorted().toList();
    }
  }

  /** The archive keys the launcher keeps, one file per jar and Java as named. */
  private List<Path> keys() throws IOException {
    if (!Files.isDirectory(cds)) return List.of();
    try (Stream<Path> s = Files.list(cds)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".key")).sorted().toList();
    }
  }

  /**
   * A folder for the front of PATH whose {@code readlink} and {@code stat} write their name to {@code tools.log},
   * then run the real ones (the next on PATH).
   */
  private Path loggingTools() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("tools"));
    for (String tool : List.of("readlink", "stat")) {
      Path f = dir.resolve(tool);
      Files.writeString(f, String.join("\n",
          "#!/usr/bin/env bash",
          "echo " + tool + " >> '" + tmp.resolve("tools.log") + "'",
          "PATH=\"${PATH#*:}\" exec " + tool + " \"$@\"",
          ""));
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return dir;
  }

  private List<String> toolCalls() throws IOException {
    Path log = tmp.resolve("tools.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  void theKeyIsKeptSoThatLaterRunsStartNoOtherProgramAndAChangedJarOrJavaComputesItAgain() throws Exception {
    // A Java home of links to this test's Java, so that the link can be switched to another Java later.
    Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
    Path linkHome = Files.createDirectories(tmp.resolve("link-java/bin")).getParent();
    Files.copy(Path.of(System.getProperty("java.home"), "release"), linkHome.resolve("release"));
    Path link = linkHome.resolve("bin/java");
    Files.createSymbolicLink(link, realJava);
    Map<String, String> env = Map.of("PATH", loggingTools() + ":" + System.getenv("PATH"), "JAVA_HOME", linkHome.toString());

    assertEquals(0, run(env, "--version").exit());
    assertEquals(List.of(), keys(), "the first run records the archive; its folder did not exist before");
    assertEquals(List.of("readlink", "stat"), toolCalls());
    Run second = run(env, "--version");
    assertEquals(0, second.exit(), second.err());
    assertEquals(1, keys().size(), keys().toString());
    List<String> kept = Files.readAllLines(keys().get(0));
    String archive = archives().get(0).getFileName().toString();
    assertEquals("hf4j-" + kept.get(0) + "-other.jsa", archive, "the kept key names the archive");
    assertEquals(List.of("0", jar.toRealPath().toString(), realJava.toRealPath().toString()), kept.subList(1, 4));

    Files.delete(tmp.resolve("tools.log"));
    Run third = run(Map.of("PATH", env.get("PATH"), "JAVA_HOME", linkHome.toString(), "HF4J_JAVA_OPTS",
        "-Xshare:on -Xlog:class+load=info"), "--version");
    assertEquals(0, third.exit(), third.out() + third.err());
    assertEquals(List.of(), toolCalls(), "no program but java once the key is kept");
    assertTrue(third.out().contains("io.hf4j.cli.Main source: shared objects file"), "Main is not from the archive");

    // A rebuilt jar (newer than the kept key): the key is computed again, a new archive replaces the old one.
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    assertEquals(0, run(env, "--version").exit());
    assertEquals(List.of("readlink", "stat"), toolCalls());
    assertEquals(1, archives().size(), archives().toString());
    assertNotEquals(archive, archives().get(0).getFileName().toString());
    assertEquals(1, keys().size(), "one key per jar and Java as named: " + keys());
    // A jar restored with an older date (cp -p, an unpacked release): the jar's date is no longer the key's.
    String rebuilt = archives().get(0).getFileName().toString();
    Files.delete(tmp.resolve("tools.log"));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    assertEquals(0, run(env, "--version").exit());
    assertEquals(List.of("readlink", "stat"), toolCalls());
    assertEquals(1, archives().size(), archives().toString());
    assertNotEquals(rebuilt, archives().get(0).getFileName().toString());

    // The link switched to another Java whose file is older than the kept key: -ef sees another file.
    Path other = fakeJava("\"17.0.15\"", false);
    Path otherJava = other.resolve("bin/java");
    Files.setLastModifiedTime(otherJava, FileTime.fromMillis(0));
    Files.delete(link);
    Files.createSymbolicLink(link, otherJava);
    Files.delete(tmp.resolve("tools.log"));
    Run switched = run(env, "--version");
    assertEquals(0, switched.exit(), switched.err());
    assertEquals("fake java ran\n", switched.out());
    assertEquals(List.of("readlink", "stat"), toolCalls(), "the key is computed again for the other Java");
    assertEquals(otherJava.toRealPath().toString(), Files.readAllLines(keys().get(0)).get(3));
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

    // An AOT cache of a Java 25 beside this one (another key) is not this kind's to remove.
    Path otherJava = cds.resolve("hf4j-12345-auth.aot");
    Files.write(otherJava, new byte[] {1});
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
    Run rebuilt = run(Map.of(), "--version");
    assertEquals(0, rebuilt.exit(), rebuilt.err());
    List<Path> now = new java.util.ArrayList<>(archives());
    assertTrue(now.remove(otherJava), "the other Java's cache stays: " + now);
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
    // Its run-once code stays in the interpreter longer (C1 at 5x its thresholds).
    assertTrue(whoami.out().contains("-XX:Tier3InvocationThreshold=1000"), whoami.out());
    for (String command : List.of("upload", "download")) {
      Run r = run(flags, "--token", "auth", command, "--help");
      assertEquals(0, r.exit(), r.err());
      assertFalse(r.out().contains("TieredStopAtLevel"), command + ": " + r.out());
      assertTrue(r.out().contains("-XX:Tier4InvocationThreshold=50000"), command + ": " + r.out());
      assertTrue(r.out().contains("-XX:+UseSerialGC"), command + ": " + r.out());
      // Of the two, only an upload raises C1's thresholds too (its start-up code runs once).
      assertEquals(command.equals("upload"), r.out().contains("-XX:Tier3InvocationThreshold=1000"), command + ": " + r.out());
      // SHA-256 reaches C2's intrinsic without compiling the block function as plain Java first.
      assertTrue(r.out().contains("-XX:CompileCommand=exclude,sun.security.provider.SHA2::implCompress0"), r.out());
      assertTrue(r.out().contains("-XX:CompileCommand=quiet"), r.out());
      assertTrue(r.out().contains("Usage: hf4j " + command), r.out());
      // quiet: the JVM echoes no compile command on the command's own output.
      Run plain = run(Map.of("HF4J_CDS", "0"), "--token", "auth", command, "--help");
      assertTrue(plain.out().startsWith("Usage: hf4j " + command), plain.out());
      assertFalse(plain.out().contains("CompileCommand") || plain.err().contains("CompileCommand"), plain.out() + plain.err());
    }
    Run whoamiFlags = run(flags, "--endpoint", "http://127.0.0.1:9", "auth", "--help");
    assertFalse(whoamiFlags.out().contains("CompileCommand"), whoamiFlags.out());
  }

  @Test
  void aCollectorNamedInHf4jJavaOptsReplacesTheSerialOne() throws Exception {
    // Two collectors would stop the JVM before it starts ("Multiple garbage collectors selected").
    for (String command : List.of("upload", "auth")) {
      Run r = run(Map.of("HF4J_CDS", "0", "HF4J_JAVA_OPTS", "-XX:+UseParallelGC -XX:+PrintCommandLineFlags"),
          "--token", "t", command, "--help");
      assertEquals(0, r.exit(), command + ": " + r.out() + r.err());
      assertTrue(r.out().contains("-XX:+UseParallelGC"), command + ": " + r.out());
      assertFalse(r.out().contains("-XX:+UseSerialGC"), command + ": " + r.out());
      assertTrue(r.out().contains("Usage: hf4j " + command), command + ": " + r.out());
    }
  }

  /**
   * A fake Java home: its {@code release} file names {@code version}; its {@code bin/java} logs each call's
   * arguments (one per line, a {@code ---} line after each call) to {@code java.log} and writes the files a real
   * JVM would write: the AOT configuration when recording, the AOT cache when creating (or a half one and a failure
   * when {@code failCreate}), the CDS archive at exit.
   */
  private Path fakeJava(String version, boolean failCreate) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("fake-java-" + version.replace('"', '_')));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"fake\"\nJAVA_VERSION=" + version + "\n");
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, String.join("\n",
        "#!/usr/bin/env bash",
        "log=\"$(dirname \"$0\")/../java.log\"",
        "printf '%s\\n' \"$@\" >> \"$log\"; echo --- >> \"$log\"",
        "mode=''; cfg=''; cache=''",
        "for a in \"$@\"; do case \"$a\" in",
        "  -XX:AOTMode=*) mode=\"${a#*=}\" ;;",
        "  -XX:AOTConfiguration=*) cfg=\"${a#*=}\" ;;",
        "  -XX:AOTCache=*) cache=\"${a#*=}\" ;;",
        "  -XX:ArchiveClassesAtExit=*) echo archive > \"${a#*=}\" ;;",
        "esac; done",
        "if [[ $mode == record ]]; then echo config > \"$cfg\"; fi",
        "if [[ $mode == create ]]; then echo half > \"$cache\"; " + (failCreate ? "exit 1; " : "") + "exit 0; fi",
        "echo 'fake java ran'",
        ""));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  /** The calls the fake java at {@code home} logged, each as its argument list. */
  private static List<List<String>> calls(Path home) throws IOException {
    List<List<String>> calls = new ArrayList<>();
    List<String> call = new ArrayList<>();
    Path log = home.resolve("java.log");
    if (!Files.exists(log)) return calls;
    for (String line : Files.readAllLines(log)) {
      if (line.equals("---")) {
        calls.add(call);
        call = new ArrayList<>();
      } else {
        call.add(line);
      }
    }
    return calls;
  }

  private static boolean hasPrefix(List<String> args, String prefix) {
    return args.stream().anyMatch(a -> a.startsWith(prefix));
  }

  @Test
  void onJava25TheFirstRunRecordsAndCreatesAnAotCacheAndLaterRunsUseIt() throws Exception {
    Path home = fakeJava("\"25.0.1\"", false);
    Run first = run(Map.of("JAVA_HOME", home.toString()), "--token", "t", "auth", "whoami");
    assertEquals(0, first.exit(), first.err());
    assertEquals("fake java ran\n", first.out(), "only the command's own output");
    List<List<String>> c = calls(home);
    assertEquals(2, c.size(), c.toString());
    List<Path> made = archives();
    assertEquals(1, made.size(), "the cache alone, no configuration or temporary file left: " + made);
    String cache = made.get(0).getFileName().toString();
    assertTrue(cache.matches("hf4j-[0-9]+-auth\\.aot"), cache);
    // Recording: the user's command, with its arguments.
    assertTrue(c.get(0).contains("-XX:AOTMode=record"), c.get(0).toString());
    assertTrue(c.get(0).stream().anyMatch(a -> a.matches("-XX:AOTConfiguration=" + java.util.regex.Pattern.quote(cds.resolve(cache).toString()) + "\\.[0-9]+\\.tmp\\.config")), c.get(0).toString());
    assertEquals(List.of("--token", "t", "auth", "whoami"), c.get(0).subList(c.get(0).size() - 4, c.get(0).size()));
    assertFalse(hasPrefix(c.get(0), "-XX:ArchiveClassesAtExit"), c.get(0).toString());
    // Creating: into a temporary file, from that configuration; the command does not run again.
    assertTrue(c.get(1).contains("-XX:AOTMode=create"), c.get(1).toString());
    assertTrue(hasPrefix(c.get(1), "-XX:AOTCache=" + cds.resolve(cache) + "."), c.get(1).toString());
    assertFalse(c.get(1).contains("whoami"), c.get(1).toString());
    assertEquals("-XX:TieredStopAtLevel=1", c.get(1).stream().filter(a -> a.startsWith("-XX:TieredStop")).findFirst().orElse(""),
        "the same JVM options as the recording");

    Run second = run(Map.of("JAVA_HOME", home.toString()), "auth", "whoami");
    assertEquals(0, second.exit(), second.err());
    List<String> used = calls(home).get(2);
    assertTrue(used.contains("-XX:AOTCache=" + cds.resolve(cache)), used.toString());
    assertFalse(hasPrefix(used, "-XX:AOTMode") || hasPrefix(used, "-XX:SharedArchiveFile"), used.toString());
    assertEquals(3, calls(home).size());

    // A name that is no command cannot steer the path; HF4J_CDS=0 turns the cache off.
    run(Map.of("JAVA_HOME", home.toString()), "../../escape");
    assertTrue(archives().contains(cds.resolve(cache.replace("-auth.aot", "-other.aot"))), archives().toString());
    run(Map.of("JAVA_HOME", home.toString(), "HF4J_CDS", "0"), "auth", "whoami");
    List<String> off = calls(home).get(calls(home).size() - 1);
    assertFalse(hasPrefix(off, "-XX:AOTCache") || hasPrefix(off, "-XX:AOTMode") || hasPrefix(off, "-XX:SharedArchiveFile"), off.toString());
  }

  @Test
  void aFailedAotCacheCreationLeavesNoHalfCache() throws Exception {
    Path home = fakeJava("\"26\"", true);
    Run first = run(Map.of("JAVA_HOME", home.toString()), "auth", "whoami");
    assertEquals(0, first.exit(), "the command's own status: " + first.err());
    assertEquals(2, calls(home).size());
    assertEquals(List.of(), archives());
    Run again = run(Map.of("JAVA_HOME", home.toString()), "auth", "whoami");
    assertEquals(0, again.exit(), again.err());
    assertTrue(calls(home).get(2).contains("-XX:AOTMode=record"), "it trains again: " + calls(home).get(2));
  }

  @Test
  void beforeJava25OrWithoutAVersionTheLauncherKeepsTheCdsArchive() throws Exception {
    for (String version : List.of("\"17.0.15\"", "\"24\"", "garbage")) {
      Path home = fakeJava(version, false);
      Run first = run(Map.of("JAVA_HOME", home.toString()), "auth", "whoami");
      assertEquals(0, first.exit(), first.err());
      List<String> call = calls(home).get(0);
      assertTrue(hasPrefix(call, "-XX:ArchiveClassesAtExit=" + cds.resolve("hf4j-")), version + ": " + call);
      assertFalse(hasPrefix(call, "-XX:AOT"), version + ": " + call);
      Run second = run(Map.of("JAVA_HOME", home.toString()), "auth", "whoami");
      assertEquals(0, second.exit(), second.err());
      assertTrue(hasPrefix(calls(home).get(1), "-XX:SharedArchiveFile=" + cds.resolve("hf4j-")), version + ": " + calls(home).get(1));
      assertTrue(archives().stream().allMatch(p -> p.toString().endsWith("-auth.jsa")), archives().toString());
    }
  }

  /**
   * The real thing when the build names a Java 25 or newer ({@code -Dhf4j.test.jdk25=DIR}): the first run makes a
   * cache from which the next one loads the CLI's and the library's classes. Without one, the fake-java tests above
   * cover the launcher's side.
   */
  @Test
  void aRealJava25LoadsTheCliFromItsAotCache() throws Exception {
    String jdk = System.getProperty("hf4j.test.jdk25", "");
    Path home;
    if (jdk.isBlank()) {
      // No real Java 25 given: the branch choice itself, with a fake java that reports 25.
      home = fakeJava("\"25\"", false);
      assertEquals(0, run(Map.of("JAVA_HOME", home.toString()), "--version").exit());
      assertTrue(calls(home).get(0).contains("-XX:AOTMode=record"), calls(home).toString());
      return;
    }
    home = Path.of(jdk);
    Run first = run(Map.of("JAVA_HOME", home.toString()), "--version");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().startsWith("hf4j ") && first.out().lines().count() == 1, "only the command's output: " + first.out());
    assertEquals("", first.err(), "the cache is made quietly");
    List<Path> made = archives();
    assertEquals(1, made.size(), made.toString());
    assertTrue(made.get(0).getFileName().toString().matches("hf4j-[0-9]+-other\\.aot"), made.toString());
    // AOTMode=on makes a cache that cannot be used a fatal error.
    Run second = run(Map.of("JAVA_HOME", home.toString(), "HF4J_JAVA_OPTS", "-XX:AOTMode=on -Xlog:class+load=info"), "--version");
    assertEquals(0, second.exit(), second.out() + second.err());
    assertTrue(second.out().contains("io.hf4j.cli.Main source: shared objects file"), "Main is not from the cache");
    assertTrue(second.out().lines().anyMatch(l -> l.contains(" io.hf4j.core.") && l.contains("shared objects file")),
        "the library's classes are not from the cache");
  }
}
