package io.hf4j.hub;

import io.hf4j.core.HfIoException;
import io.hf4j.core.HfValidationException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the files of a folder to upload, as the Python client's {@code upload_folder} does: every
 * regular file below the folder (hidden ones too, symbolic links followed, except links to folders
 * outside the uploaded one, which are skipped with a warning), sorted, filtered with the
 * allow and ignore patterns on the path relative to the folder, then prefixed with {@code pathInRepo}.
 * Bad input (missing folder, symlink loop, broken link, unreadable file, a path the Hub refuses) fails
 * here, before any request.
 */
final class FolderScanner {
  private static final Logger LOG = LoggerFactory.getLogger(FolderScanner.class);

  private FolderScanner() {}

  static List<UploadItem> scan(Path folder, String prefix, FilePatterns patterns) {
    if (!Files.exists(folder)) {
      throw new HfValidationException("The folder to upload does not exist: " + folder.toAbsolutePath());
    }
    if (!Files.isDirectory(folder)) {
      throw new HfValidationException("Not a folder: " + folder.toAbsolutePath() + "; use uploadFile for a single file");
    }
    List<Found> files = new ArrayList<>();
    List<String> skippedLinks = new ArrayList<>();
    Path root = realPath(folder);
    // A visited file's path is the folder's path joined with the names below it (the walk resolves each entry
    // against its folder): the relative path is the rest of the string, without a relativize per file.
    String base = folder.toString();
    String separator = folder.getFileSystem().getSeparator();
    int cut = base.isEmpty() ? 0 : base.endsWith(separator) ? base.length() : base.length() + separator.length();
    boolean slash = separator.equals("/");
    try {
      Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(folder) && Files.isSymbolicLink(dir) && !realPath(dir).startsWith(root)) {
            // As the Python client: a linked folder outside the uploaded one is not uploaded.
            skippedLinks.add(folder.relativize(dir) + " -> " + readLink(dir));
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new HfValidationException("Cannot read the folder " + dir + " (permission denied)");
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            String path = file.toString();
            boolean below = path.length() > cut && path.startsWith(base)
                && (cut == 0 || path.startsWith(separator, cut - separator.length()));
            String rel = below ? path.substring(cut) : folder.relativize(file).toString();
            files.add(new Found(slash ? rel : rel.replace(separator, "/"), file, attrs.size()));
          } else if (attrs.isSymbolicLink()) {
            throw new HfValidationException("Broken symbolic link in the folder to upload: " + file + " -> "
                + readLink(file) + "; remove it or add it to ignorePatterns");
          } else {
            LOG.debug("Skipping {}: not a regular file", file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
          if (exc instanceof FileSystemLoopException) {
            throw new HfValidationException("Symbolic link loop in the folder to upload: " + file
                + " points back to one of its parent folders; remove the link or add it to ignorePatterns");
          }
          if (exc instanceof AccessDeniedException) {
            throw new HfValidationException("Cannot read " + file + " (permission denied)");
          }
          throw exc;
        }
      });
    } catch (IOException e) {
      throw new HfIoException("Cannot list the folder " + folder + ": " + e.getMessage(), e);
    }
    if (!skippedLinks.isEmpty()) {
      LOG.warn("Not uploading {} linked folder(s) that point outside {}: {}", skippedLinks.size(), folder, skippedLinks);
    }
    files.sort(ORDER);
    List<UploadItem> items = new ArrayList<>(files.size());
    for (int i = 0, n = files.size(); i < n; i++) {
      Found f = files.get(i);
      String rel = f.rel();
      if (!patterns.matches(rel)) continue;
      String dest = RepoPaths.file(prefix.isEmpty() ? rel : prefix + rel, f);
      if (!Files.isReadable(f.file())) {
        throw new HfValidationException("Cannot read " + f.file().toAbsolutePath() + " (permission denied)");
      }
      items.add(UploadItem.ofFile(dest, f.file(), f.size()));
    }
    return items;
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new HfIoException("Cannot resolve " + p + ": " + e.getMessage(), e);
    }
  }

  /** A regular file found: its path relative to the folder ({@code /}-separated), its path, its size. */
  record Found(String rel, Path file, long size) {
    @Override
    public String toString() {
      // What RepoPaths names in its messages: "path in repo of <file>".
      return "path in repo of " + file;
    }
  }

  /** Checks a local file before anything is sent; returns its size. */
  static long checkReadable(Path file) {
    if (!Files.exists(file)) {
      if (Files.isSymbolicLink(file)) {
        throw new HfValidationException("Broken symbolic link: " + file + " -> " + readLink(file));
      }
      throw new HfValidationException("File not found: " + file.toAbsolutePath());
    }
    if (!Files.isRegularFile(file)) throw new HfValidationException("Not a regular file: " + file.toAbsolutePath());
    if (!Files.isReadable(file)) throw new HfValidationException("Cannot read " + file.toAbsolutePath() + " (permission denied)");
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      throw new HfValidationException("File not found: " + file.toAbsolutePath());
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "?";
    }
  }

  /** The order of the files found (a class, not a method reference: nothing to link at a fresh JVM's first scan). */
  private static final Comparator<Found> ORDER = new Comparator<>() {
    @Override
    public int compare(Found a, Found b) {
      return compareRelative(a.rel(), b.rel());
    }
  };

  /**
   * Python's sort of {@code Path} objects, part by part ({@link String#compareTo} on each part, a part before any
   * longer part it starts, fewer parts first when all shared ones are equal), on the {@code /}-joined strings: at
   * the first char where they differ, a {@code /} (the end of a part) comes before any other char, and a string
   * that ends first comes first. FolderScannerTest compares it with the part-by-part order.
   */
  static int compareRelative(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x == y) continue;
      if (x == '/') return -1;
      if (y == '/') return 1;
      return x - y;
    }
    return a.length() - b.length();
  }

  /** The part-by-part order itself (the reference {@link #compareRelative} is tested against). */
  static int compareParts(String[] a, String[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = a[i].compareTo(b[i]);
      if (c != 0) return c;
    }
    return Integer.compare(a.length, b.length);
  }
}
