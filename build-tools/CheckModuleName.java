import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import java.util.jar.JarFile;

/**
 * Build check, run at {@code verify} by the root pom in every module: the module's jar carries an
 * {@code Automatic-Module-Name} equal to the module's {@code hf4j.moduleName} property, and {@code jar
 * --describe-module} derives exactly that module name from it. A module without a jar (pom packaging)
 * passes. Usage: {@code java CheckModuleName.java <jar> <expected module name>}.
 */
public class CheckModuleName {
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    String expected = args.length > 1 ? args[1].strip() : "";
    if (!Files.isRegularFile(jar)) {
      System.out.println("[module-name] no jar at " + jar + "; nothing to check");
      return;
    }
    if (expected.isEmpty() || expected.startsWith("${")) {
      fail(jar + ": set the property hf4j.moduleName (e.g. io.hf4j.xet) in this module's pom");
    }
    String inManifest;
    try (JarFile f = new JarFile(jar.toFile())) {
      inManifest = f.getManifest() == null ? null : f.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
    }
    if (!expected.equals(inManifest)) {
      fail(jar + ": Automatic-Module-Name is " + inManifest + ", expected " + expected);
    }
    ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow(() -> new IllegalStateException("no jar tool"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      rc = tool.run(o, e, "--describe-module", "--file", jar.toString());
    }
    String text = out.toString(StandardCharsets.UTF_8);
    if (rc != 0) fail("jar --describe-module failed on " + jar + ": " + err.toString(StandardCharsets.UTF_8));
    boolean found = text.lines().anyMatch(l -> l.startsWith(expected + "@") && l.endsWith(" automatic")
        || l.equals(expected + " automatic"));
    if (!found) fail("jar --describe-module --file " + jar + " does not describe the automatic module " + expected + ":\n" + text);
    System.out.println("[module-name] " + jar.getFileName() + ": " + text.lines().filter(l -> l.endsWith(" automatic"))
        .findFirst().orElse(expected));
  }

  private static void fail(String message) {
    System.err.println("[module-name] " + message);
    System.exit(1);
  }
}
