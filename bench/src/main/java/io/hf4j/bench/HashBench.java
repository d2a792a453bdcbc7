package io.hf4j.bench;

import io.hf4j.hub.FileHashes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * hf4j's streaming sha256 (LFS oid) and git blob sha1 (regular-file oid) over a file in the page cache, through
 * the public {@link FileHashes} (the code an upload runs),
 * against the JDK's raw {@link MessageDigest} loop over the same file (1 MiB reads) and over the same
 * bytes already in memory (the ceiling). Time per file; throughput is {@code size / time}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HashBench {
  /** File size in MiB. */
  @Param("16")
  public int sizeMiB;

  private Path file;
  private byte[] bytes;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    bytes = new byte[sizeMiB << 20];
    new SplittableRandom(42).nextBytes(bytes);
    file = Files.createTempFile("hf4j-hashbench-", ".bin");
    Files.write(file, bytes);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public String sha256Hf4j() {
    return FileHashes.sha256(file);
  }

  @Benchmark
  public byte[] sha256JdkFileLoop() throws Exception {
    return fileLoop(MessageDigest.getInstance("SHA-256"), null);
  }

  @Benchmark
  public byte[] sha256JdkInMemory() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(bytes);
    return md.digest();
  }

  @Benchmark
  public String gitSha1Hf4j() {
    return FileHashes.gitBlobSha1(file);
  }

  @Benchmark
  public byte[] gitSha1JdkFileLoop() throws Exception {
    return fileLoop(MessageDigest.getInstance("SHA-1"), ("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
  }

  @Benchmark
  public byte[] gitSha1JdkInMemory() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-1");
    md.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
    md.update(bytes);
    return md.digest();
  }

  private byte[] fileLoop(MessageDigest md, byte[] header) throws IOException {
    if (header != null) md.update(header);
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (true) {
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) break;
        md.update(buf.array(), 0, n);
      }
    }
    return md.digest();
  }
}
