package io.hf4j.testfixtures;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The recorded production exchanges with the Hub (vcrpy YAML cassettes from huggingface_hub's test suite,
 * Apache-2.0, see {@code NOTICE} and {@code LICENSE} beside them) that the modules' tests replay. They live in
 * this module's resources ({@code io/hf4j/testfixtures/cassettes/}) and are read from the class path, so a
 * clone of the project needs nothing outside itself.
 */
public final class Cassettes {
  private static final String DIR = "cassettes/";

  private Cassettes() {}

  /** The names of every cassette (e.g. {@code TestSpaceAPIProduction.test_space_runtime.yaml}), sorted. */
  public static List<String> names() {
    try (InputStream in = resource("index.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens one cassette; the caller closes the stream.
   *
   * @throws IllegalArgumentException when there is no cassette of that name
   */
  public static InputStream open(String name) {
    if (name == null || !name.endsWith(".yaml") || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException("not a cassette name: " + name);
    }
    return resource(name);
  }

  /** One cassette's text (UTF-8). */
  public static String text(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String file) {
    InputStream in = Cassettes.class.getResourceAsStream(DIR + file);
    if (in == null) {
      throw new IllegalArgumentException("no cassette resource io/hf4j/testfixtures/" + DIR + file
          + " on the class path (add a test dependency on io.hf4j:hf4j-test-fixtures)");
    }
    return in;
  }
}
