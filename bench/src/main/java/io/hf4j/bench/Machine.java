package io.hf4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A description of the machine the bench ran on: cores, memory, JDK, OS, and the peers' versions. */
final class Machine {
  private Machine() {}

  static Map<String, Object> describe(Path benchDir) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("cpu", cpuModel());
    m.put("memory", memTotal());
    m.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"));
    m.put("jvmArgs", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    m.put("os", osName() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch") + ")");
    m.put("filesystem", filesystem(benchDir));
    m.put("openssl", firstLine(Procs.tryOutput(List.of("openssl", "version"))));
    m.put("python", firstLine(Procs.tryOutput(List.of(PyPeer.python(benchDir).toString(), "--version"))));
    m.put("node", firstLine(Procs.tryOutput(List.of("node", "--version"))));
    m.put("loadAverageAtStart", loadAverage());
    m.put("jsClient", JsPeer.installedVersion(benchDir).map(v -> "@huggingface/hub " + v).orElse("not installed"));
    return m;
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine skews every timing. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    return "unknown";
  }

  private static String osName() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) return line.substring(12).replace("\"", "");
      }
    } catch (IOException | RuntimeException ignored) {
      // no os-release
    }
    return System.getProperty("os.name");
  }

  private static String filesystem(Path dir) {
    String out = Procs.tryOutput(List.of("df", "-hT", dir.toAbsolutePath().toString()));
    String[] lines = out.strip().split("\n");
    if (lines.length < 2) return "unknown";
    String[] f = lines[lines.length - 1].trim().split("\\s+");
    return f.length >= 5 ? f[1] + ", " + f[4] + " free" : "unknown";
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return t.isEmpty() ? "not found" : nl < 0 ? t : t.substring(0, nl);
  }
}
