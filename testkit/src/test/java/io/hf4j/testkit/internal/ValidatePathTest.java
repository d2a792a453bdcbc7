package io.hf4j.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hf4j.testkit.spi.HubError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HubState#validatePath} scans segments in place: the same paths pass, the same fail, as with split. */
class ValidatePathTest {
  private static final String[] SEGMENTS = {"", ".", "..", "...", ".git", ".gi", ".gitx", ".GIT", "git", "a", "..a",
    "a.", ".a", "é", "x y"};

  @Test
  void acceptsAndRefusesWhatTheSplitDid() {
    List<String> paths = new ArrayList<>();
    for (String a : SEGMENTS) {
      paths.add(a);
      paths.add(a + "/");
      paths.add("/" + a);
      for (String b : SEGMENTS) {
        paths.add(a + "/" + b);
        paths.add(a + "/" + b + "/");
        for (String c : new String[] {"", "a", ".git", ".."}) {
          paths.add(a + "/" + b + "/" + c);
        }
      }
    }
    paths.addAll(List.of("a\\b", "a\u0000b", "a//", "a///b", "//", "/", "a/b//"));
    int refused = 0;
    for (String p : paths) {
      String expected = reference(p);
      if (expected == null) {
        refused++;
        HubError e = assertThrows(HubError.class, () -> HubState.validatePath(p), p);
        assertEquals(422, e.status(), p);
        assertEquals("Invalid path: '" + p + "'", e.getMessage(), p);
      } else {
        assertEquals(expected, HubState.validatePath(p), p);
      }
    }
    // Both kinds are in the corpus.
    assertEquals(true, refused > 100 && refused < paths.size() - 100, refused + " of " + paths.size());
  }

  /** The check as it was, with split: the path without a trailing slash, or null when refused. */
  private static String reference(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\u0000")) {
      return null;
    }
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (String seg : p.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.equals(".git")) {
        return null;
      }
    }
    return p;
  }
}
