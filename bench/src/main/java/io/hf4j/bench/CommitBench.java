package io.hf4j.bench;

import io.hf4j.core.RepoId;
import io.hf4j.hub.CommitOperation;
import io.hf4j.hub.HubClient;
import io.hf4j.testkit.HubEmulator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
 * {@code createCommit} of {@code files} regular 4 KiB files (each inlined as base64 in the NDJSON body) to a
 * Hub emulator on loopback, through the public API only: the commit body is built and streamed as an upload
 * does, plus one round trip and the emulator's work. The floor beside it: the JDK's base64 encoder streaming
 * the same bytes into a discarding stream. Time per commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CommitBench {
  @Param("1000")
  public int files;

  private List<byte[]> contents;
  private List<CommitOperation> ops;
  private HubEmulator emulator;
  private HubClient hub;
  private RepoId repo;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(7);
    contents = new ArrayList<>();
    ops = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      byte[] b = new byte[4096];
      for (int k = 0; k < b.length; k++) b[k] = (byte) ('A' + r.nextInt(26));
      contents.add(b);
      ops.add(CommitOperation.add(String.format(Locale.ROOT, "part-%03d/f%05d.txt", i / 1000, i), b));
    }
    emulator = HubEmulator.builder()
        .rateLimit("api", 1_000_000, Duration.ofMinutes(5))
        .rateLimit("resolvers", 1_000_000, Duration.ofMinutes(5))
        .build().start();
    hub = HubClient.create(emulator.hfConfigBuilder().build());
    repo = RepoId.of(emulator.userName() + "/commit-bench");
    hub.createRepo(repo);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    emulator.close();
  }

  @Benchmark
  public String createCommitHf4j() {
    return hub.createCommit(repo, ops, "bench commit").oid();
  }

  @Benchmark
  public long base64JdkStream() throws IOException {
    Counting out = new Counting();
    byte[] prefix = "{\"key\":\"file\",\"value\":{\"content\":\"".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < contents.size(); i++) {
      out.write(prefix);
      OutputStream b64 = Base64.getEncoder().wrap(new NonClosing(out));
      b64.write(contents.get(i));
      b64.close();
      out.write(("\",\"path\":\"f" + i + ".txt\",\"encoding\":\"base64\"}}\n").getBytes(StandardCharsets.UTF_8));
    }
    return out.count;
  }

  /** Counts and discards. */
  private static final class Counting extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** Keeps the base64 wrapper's close from closing the shared stream. */
  private static final class NonClosing extends OutputStream {
    private final OutputStream out;

    NonClosing(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }
  }
}
