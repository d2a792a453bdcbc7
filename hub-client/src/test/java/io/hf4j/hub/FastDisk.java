package io.hf4j.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A scratch folder on a RAM disk when the machine has one ({@code /dev/shm}), else in the default
 * temporary folder. Creating ten thousand files on some CI disks costs minutes; on tmpfs seconds.
 */
final class FastDisk implements AutoCloseable {
  final Path root;

  private FastDisk(Path root) {
    this.root = root;
  }

  static FastDisk create(String prefix) {
    try {
      Path shm = Path.of("/dev/shm");
      if (Files.isDirectory(shm) && Files.isWritable(shm)) return new FastDisk(Files.createTempDirectory(shm, prefix));
      return new FastDisk(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
