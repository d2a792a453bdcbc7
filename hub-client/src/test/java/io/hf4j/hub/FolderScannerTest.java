package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfValidationException;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder scan's cheap per-file steps (the relative path cut from the walked path's string, the part-by-part
 * order on joined strings, the default ignore patterns without regexes, a path's checks without a regex or a split)
 * give what the general steps give: the same files, in the same order, with the same sizes and the same errors.
 */
class FolderScannerTest {
  @TempDir Path dir;

  @Test
  void theOrderOnJoinedPathsIsThePartByPartOrder() {
    Random r = new Random(3);
    for (int i = 0; i < 200_000; i++) {
      String a = random(r);
      String b = random(r);
      int expected = Integer.signum(FolderScanner.compareParts(a.split("/", -1), b.split("/", -1)));
      assertEquals(expected, Integer.signum(FolderScanner.compareRelative(a, b)), () -> "'" + a + "' vs '" + b + "'");
    }
    assertTrue(FolderScanner.compareRelative("a/b", "a-c/d") < 0, "'a' is a part before 'a-c'");
    assertTrue("a/b".compareTo("a-c/d") > 0, "which the plain string order has the other way round");
  }

  private static String random(Random r) {
    String alphabet = "ab-/.\u00e9Z0";
    int n = r.nextInt(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return sb.toString();
  }

  @Test
  void theScanListsWhatTheGeneralWalkListsInTheSameOrder() throws IOException {
    Path root = dir.resolve("up");
    List<String> names = List.of("a.txt", "a/b.txt", "a-c/d.txt", "a.b/c.txt", "A/x", "z/y/x/w.bin", ".hidden",
        ".git/config", "sub/.git/HEAD", ".cache/huggingface/download/f", "sub/.cache/huggingface/x",
        "d\u00e9j\u00e0/vu.txt", "logs/1.log", "logs/deep/2.log", "x.gitignore");
    for (String n : names) {
      Path f = root.resolve(n);
      Files.createDirectories(f.getParent());
      Files.writeString(f, "content of " + n);
    }
    Files.createDirectories(root.resolve("empty/dir"));
    Path outside = dir.resolve("outside");
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("o.txt"), "o");
    Files.createSymbolicLink(root.resolve("link-out"), outside);
    Files.createSymbolicLink(root.resolve("link-in"), root.resolve("logs"));
    Files.createSymbolicLink(root.resolve("file-link"), root.resolve("a.txt"));

    List<List<String>> globs = List.of(List.of(), List.of("*.txt"), List.of("logs/", "a*"), List.of("?.txt", "[a-c]*"));
    for (Path folder : List.of(root, dir.relativize(root).isAbsolute() ? root : root.toAbsolutePath(),
        Path.of("").toAbsolutePath().relativize(root))) {
      for (List<String> allow : globs) {
        for (String prefix : List.of("", "in/repo/")) {
          List<String> ignore = new ArrayList<>(List.of("*.bin"));
          ignore.addAll(UploadFolderParams.DEFAULT_IGNORE_PATTERNS);
          List<UploadItem> items = FolderScanner.scan(folder, prefix, FilePatterns.of(allow, ignore));
          List<String> got = items.stream().map(i -> i.path + " " + i.size + " " + i.file).toList();
          assertEquals(reference(folder, prefix, allow, ignore), got, () -> folder + " " + allow + " '" + prefix + "'");
        }
      }
    }
  }

  /** The general way: every regular file under the folder, relativized, split, sorted part by part, regexes. */
  private static List<String> reference(Path folder, String prefix, List<String> allow, List<String> ignore)
      throws IOException {
    Path real = folder.toRealPath();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
      files = walk.filter(Files::isRegularFile)
          // A linked folder that points outside the uploaded one is skipped (its files' real paths are outside).
          .filter(p -> {
            try {
              return p.getParent().toRealPath().startsWith(real);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }).collect(Collectors.toList());
    }
    List<Pattern> allowRegex = allow.stream().map(g -> regex(g)).toList();
    List<Pattern> ignoreRegex = ignore.stream().map(g -> regex(g)).toList();
    List<String[]> rels = new ArrayList<>();
    for (Path f : files) rels.add(folder.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/").split("/", -1));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rels.size(); i++) order.add(i);
    order.sort(Comparator.comparing(i -> rels.get(i), FolderScanner::compareParts));
    List<String> out = new ArrayList<>();
    for (int i : order) {
      String rel = String.join("/", rels.get(i));
      if (!allowRegex.isEmpty() && allowRegex.stream().noneMatch(p -> p.matcher(rel).matches())) continue;
      if (ignoreRegex.stream().anyMatch(p -> p.matcher(rel).matches())) continue;
      out.add(prefix + rel + " " + sizeOf(files.get(i)) + " " + files.get(i));
    }
    return out;
  }

  private static Pattern regex(String glob) {
    return Pattern.compile(FilePatterns.translate(glob.endsWith("/") ? glob + "*" : glob), Pattern.DOTALL);
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aPathTheHubRefusesFailsNamingTheFile() throws IOException {
    Path root = dir.resolve("bad");
    Files.createDirectories(root.resolve("x"));
    Files.writeString(root.resolve("x/f.txt"), "f");
    HfValidationException e = assertThrows(HfValidationException.class,
        () -> FolderScanner.scan(root, "../", FilePatterns.all()));
    assertTrue(e.getMessage().contains("path in repo of " + root.resolve("x/f.txt")), e.getMessage());
    assertTrue(e.getMessage().contains("'.' or '..'"), e.getMessage());
  }

  @Test
  void theDriveCheckIsTheRegexsAnswer() {
    Pattern drive = Pattern.compile("^[A-Za-z]:.*");
    Random r = new Random(11);
    String alphabet = "aZ:/\\\n\r\u0085\u2028\u2029x0@[`{";
    for (int i = 0; i < 100_000; i++) {
      int n = r.nextInt(6);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < n; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      String s = sb.toString();
      assertEquals(drive.matcher(s).matches(), RepoPaths.isDrive(s), () -> "'" + s + "'");
    }
  }

  @Test
  void thePathChecksGiveTheSameErrorsAsBefore() {
    assertThrows(HfValidationException.class, () -> RepoPaths.file("a//b", "p"));
    assertThrows(HfValidationException.class, () -> RepoPaths.file("a/./b", "p"));
    assertThrows(HfValidationException.class, () -> RepoPaths.file("a/../b", "p"));
    assertThrows(HfValidationException.class, () -> RepoPaths.file("x/.git/b", "p"));
    assertThrows(HfValidationException.class, () -> RepoPaths.file(".cache/b", "p"));
    assertThrows(HfValidationException.class, () -> RepoPaths.file("C:/b", "p"));
    assertThrows(HfValidationException.class, () -> RepoPaths.file("a/", "p"));
    assertEquals("a/.gitx/.cachey/..z/b", RepoPaths.file("./a/.gitx/.cachey/..z/b", "p"));
    assertEquals("a/b/", RepoPaths.fileOrFolder("a/b/", "p"));
    HfValidationException e = assertThrows(HfValidationException.class, () -> RepoPaths.fileOrFolder("a//", "p"));
    assertTrue(e.getMessage().contains("empty segment"), e.getMessage());
    e = assertThrows(HfValidationException.class, () -> RepoPaths.file("a/.git", "the path"));
    assertEquals("the path cannot be under a '.git/' folder: 'a/.git' (the Hub refuses such paths)", e.getMessage());
  }
}
