package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The globs matched without a regex (literal characters and {@code *}) give the regex's answer ({@link
 * FilePatterns#translate}, the Python client's {@code fnmatch}) for every glob and path tried; the others keep the
 * regex.
 */
class FilePatternsTest {
  private static final String ALPHABET = "ab./*gt";

  private static String random(Random r, String alphabet, int max) {
    int n = r.nextInt(max + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return sb.toString();
  }

  @Test
  void literalAndStarGlobsMatchAsTheirRegexDoes() {
    Random r = new Random(42);
    int matched = 0;
    for (int g = 0; g < 3000; g++) {
      String glob = random(r, ALPHABET, 8);
      FilePatterns.Glob fast = FilePatterns.Glob.of(glob);
      FilePatterns.Glob regex = FilePatterns.Glob.regex(glob);
      for (int p = 0; p < 40; p++) {
        String path = random(r, "ab./gt", 10);
        boolean expected = regex.matches(path);
        if (expected) matched++;
        assertEquals(expected, fast.matches(path), () -> "glob '" + glob + "' on '" + path + "'");
      }
    }
    assertTrue(matched > 2000, "the comparison saw matches too: " + matched);
  }

  @Test
  void theDefaultIgnorePatternsMatchAsTheirRegexesDo() {
    List<String> paths = new ArrayList<>(List.of(".git", ".git/config", "a/.git", "a/.git/x", "a/b/.git/objects/p",
        ".gitignore", "a/.gitattributes", "x.git", ".git.txt", "a.git/b", ".cache/huggingface", ".cache/huggingface/x",
        "a/.cache/huggingface", "a/.cache/huggingface/download/f", ".cache/hugging", ".cache/huggingfaces/x",
        "a/.cache/x", "model.safetensors", "sub/dir/file.bin", "", "/", "//", "a//.git"));
    Random r = new Random(7);
    for (int i = 0; i < 3000; i++) paths.add(random(r, "/.gitcahufn", 24));
    for (String glob : UploadFolderParams.DEFAULT_IGNORE_PATTERNS) {
      FilePatterns.Glob fast = FilePatterns.Glob.of(glob);
      FilePatterns.Glob regex = FilePatterns.Glob.regex(glob);
      for (String path : paths) {
        assertEquals(regex.matches(path), fast.matches(path), () -> "glob '" + glob + "' on '" + path + "'");
      }
    }
    FilePatterns defaults = FilePatterns.of(List.of(), UploadFolderParams.DEFAULT_IGNORE_PATTERNS);
    assertFalse(defaults.matches(".git/config"));
    assertFalse(defaults.matches("a/.cache/huggingface/x"));
    assertTrue(defaults.matches("a/.cache/x"));
    assertTrue(defaults.matches(".gitignore"));
  }

  @Test
  void globsWithOtherWildcardsKeepTheRegex() {
    // '?' is one code point, a class one of its chars: both as the regex has them, surrogate pairs included.
    String pair = new String(Character.toChars(0x1F600));
    assertTrue(FilePatterns.of(List.of("a?b"), List.of()).matches("a" + pair + "b"));
    assertTrue(FilePatterns.of(List.of("[!x]*.bin"), List.of()).matches("y/z.bin"));
    assertFalse(FilePatterns.of(List.of("[!x]*.bin"), List.of()).matches("x.bin"));
    assertTrue(FilePatterns.of(List.of("logs/"), List.of()).matches("logs/a/b.txt"), "a folder pattern");
    assertFalse(FilePatterns.of(List.of("logs/"), List.of()).matches("logs"));
    assertTrue(FilePatterns.matchesAny(List.of("*.md", "data/*"), "data/x/y.csv"));
    assertFalse(FilePatterns.matchesAny(List.of("*.md", "data/*"), "x/data.csv"));
  }
}
