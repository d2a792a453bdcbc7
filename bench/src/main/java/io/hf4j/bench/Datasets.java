package io.hf4j.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The bench's input folders, generated once per work folder and reused by later runs. Content is
 * pseudo-random (seeded), so it does not compress: binary files are random bytes, text files random
 * base64-alphabet lines (6 bits of entropy per byte, and no NUL byte, so the Hub keeps them regular).
 */
final class Datasets {
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

  private Datasets() {}

  /** One file to generate. */
  record Spec(String path, long size, boolean text) {}

  /** A generated folder and its files. */
  record Folder(Path root, List<Spec> files) {
    long bytes() {
      return files.stream().mapToLong(Spec::size).sum();
    }

    int count() {
      return files.size();
    }

    List<Path> paths() {
      return files.stream().map(s -> root.resolve(s.path())).toList();
    }
  }

  /** {@code count} binary files of {@code size} bytes: {@code shard-00001.bin}... */
  static List<Spec> binaries(String prefix, int count, long size) {
    List<Spec> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) out.add(new Spec(String.format("%s-%05d.bin", prefix, i), size, false));
    return out;
  }

  /** {@code count} text files of {@code size} bytes, at most {@code perFolder} per sub-folder. */
  static List<Spec> texts(int count, long size, int perFolder) {
    List<Spec> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String dir = count > perFolder ? String.format("part-%03d/", i / perFolder) : "";
      out.add(new Spec(String.format("%sf%05d.txt", dir, i), size, true));
    }
    return out;
  }

  /**
   * Makes (or reuses) a folder holding exactly these files. A marker file outside the folder records
   * what was generated, so a changed spec regenerates it.
   */
  static Folder ensure(Path root, List<Spec> specs, long seed) {
    try {
      Path marker = root.resolveSibling(root.getFileName() + ".done");
      String signature = signature(specs, seed);
      if (Files.isDirectory(root) && Files.isRegularFile(marker) && Files.readString(marker).equals(signature)) {
        return new Folder(root, specs);
      }
      deleteTree(root);
      Files.deleteIfExists(marker);
      Files.createDirectories(root);
      SplittableRandom random = new SplittableRandom(seed);
      for (Spec s : specs) {
        Path p = root.resolve(s.path());
        Files.createDirectories(p.getParent());
        write(p, s.size(), s.text(), random.split());
      }
      Files.writeString(marker, signature);
      return new Folder(root, specs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String signature(List<Spec> specs, long seed) {
    long h = seed;
    long total = 0;
    for (Spec s : specs) {
      h = h * 31 + s.path().hashCode();
      h = h * 31 + s.size() + (s.text() ? 1 : 0);
      total += s.size();
    }
    return "v1 files=" + specs.size() + " bytes=" + total + " hash=" + h + "\n";
  }

  static void write(Path file, long size, boolean text, SplittableRandom random) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    byte[] line = new byte[1 << 20];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      long left = size;
      long pos = 0;
      while (left > 0) {
        int n = (int) Math.min(buf.capacity(), left);
        buf.clear();
        if (text) {
          fillText(line, n, pos, random);
          buf.put(line, 0, n);
        } else {
          while (buf.position() + 8 <= n) buf.putLong(random.nextLong());
          while (buf.position() < n) buf.put((byte) random.nextInt());
        }
        buf.flip();
        while (buf.hasRemaining()) ch.write(buf);
        left -= n;
        pos += n;
      }
    }
  }

  private static void fillText(byte[] out, int n, long offset, SplittableRandom random) {
    int i = 0;
    while (i < n) {
      long bits = random.nextLong();
      for (int k = 0; k < 10 && i < n; k++, i++) {
        out[i] = (offset + i) % 77 == 76 ? (byte) '\n' : ALPHABET[(int) (bits & 63)];
        bits >>>= 6;
      }
    }
  }

  /** A file of {@code size} random bytes at {@code file}, for the memory section (not cached). */
  static void randomFile(Path file, long size, long seed) {
    try {
      Files.createDirectories(file.getParent());
      write(file, size, false, new SplittableRandom(seed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  /** Writes small text to a file, creating parents. */
  static void writeString(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
