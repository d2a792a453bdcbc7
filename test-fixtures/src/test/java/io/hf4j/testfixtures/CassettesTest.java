package io.hf4j.testfixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CassettesTest {
  /** This module's resource folder (tests run in the module folder, inside the clone). */
  private static final Path DIR = Path.of("src/main/resources/io/hf4j/testfixtures/cassettes");

  @Test
  void indexListsExactlyTheCassettesInTheResources() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<String> onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
      assertEquals(onDisk, Cassettes.names(), "update cassettes/index.txt");
    }
    assertEquals(3, Cassettes.names().size());
  }

  @Test
  void everyCassetteIsReadFromTheClassPath() throws IOException {
    for (String name : Cassettes.names()) {
      String text = Cassettes.text(name);
      assertTrue(text.startsWith("interactions:"), name);
      assertEquals(Files.readString(DIR.resolve(name), StandardCharsets.UTF_8), text, name);
    }
  }

  @Test
  void licenseAndOriginTravelWithTheCassettes() throws IOException {
    String notice = Files.readString(DIR.resolve("NOTICE"), StandardCharsets.UTF_8);
    assertTrue(notice.contains("huggingface_hub") && notice.contains("Apache License, Version 2.0"), notice);
    try (var in = Cassettes.class.getResourceAsStream("cassettes/LICENSE")) {
      assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("Apache License"));
    }
  }

  @Test
  void unknownOrPathLikeNamesAreRefused() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Cassettes.open("nope.yaml"));
    assertTrue(missing.getMessage().contains("nope.yaml"), missing.getMessage());
    for (String bad : new String[] {"../PythonPeer.class", "a/b.yaml", "index.txt", "LICENSE", null}) {
      assertThrows(IllegalArgumentException.class, () -> Cassettes.open(bad), String.valueOf(bad));
    }
  }
}
