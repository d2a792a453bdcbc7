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
            String rel = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            files.add(new Found(rel.split("/", -1), file, attrs.size()));
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
    files.sort((a, b) -> compareParts(a.parts(), b.parts()));
    List<UploadItem> items = new ArrayList<>();
    for (Found f : files) {
      String rel = String.join("/", f.parts());
      if (!patterns.matches(rel)) continue;
      String dest = RepoPaths.file(prefix + rel, "path in repo of " + f.file());
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

  private record Found(String[] parts, Path file, long size) {}

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

  /** Python's sort of {@code Path} objects: part by part. */
  private static int compareParts(String[] a, String[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = a[i].compareTo(b[i]);
      if (c != 0) return c;
    }
    return Integer.compare(a.length, b.length);
  }
}
