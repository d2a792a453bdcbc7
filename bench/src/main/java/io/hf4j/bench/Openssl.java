package io.hf4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hashing floor: OpenSSL's SHA-256 (with the CPU's SHA extensions where it has them) over the same files
 * ({@code openssl dgst -sha256}, one process), and its raw speed ({@code openssl speed -evp sha256} on 1 MiB
 * blocks, one core).
 */
final class Openssl {
  private Openssl() {}

  static boolean available() {
    return !Procs.tryOutput(List.of("openssl", "version")).isEmpty();
  }

  static String version() {
    return Procs.tryOutput(List.of("openssl", "version")).strip();
  }

  /** {@code openssl dgst -sha256} over every file of the folder, one process. */
  static Procs.Timed dgst(Datasets.Folder folder) {
    List<String> cmd = new ArrayList<>(List.of("openssl", "dgst", "-sha256"));
    for (Datasets.Spec s : folder.files()) cmd.add(s.path());
    return Procs.timed(cmd, folder.root(), Map.of(), 1800);
  }

  /** Bytes per second of one core, {@code openssl speed -evp sha256} on 1 MiB blocks for about a second; NaN if unknown. */
  static double speed() {
    String out = Procs.tryOutput(List.of("openssl", "speed", "-seconds", "1", "-bytes", "1048576", "-evp", "sha256"));
    String[] lines = out.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String[] f = lines[i].strip().split("\\s+");
      String last = f[f.length - 1];
      if (f.length >= 2 && last.endsWith("k")) {
        try {
          return Double.parseDouble(last.substring(0, last.length() - 1)) * 1000;
        } catch (NumberFormatException ignored) {
          // a header line
        }
      }
    }
    return Double.NaN;
  }
}
