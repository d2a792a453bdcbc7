package io.hf4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The hf4j version, read from the build. */
final class Version {
  static final String VALUE = read();

  private Version() {}

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
