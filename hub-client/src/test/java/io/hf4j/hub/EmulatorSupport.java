package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hf4j.core.HfConfig;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RecordedRequest;
import io.hf4j.testkit.RepoView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Helpers for flows against the testkit emulator. */
final class EmulatorSupport {
  private EmulatorSupport() {}

  /** A config for the emulator whose waits are recorded and shortened to at most 20 ms. */
  static HfConfig config(HubEmulator hub, List<Duration> sleeps) {
    return hub.hfConfigBuilder()
        .maxRetries(5)
        .sleeper(d -> {
          sleeps.add(d);
          Thread.sleep(Math.min(d.toMillis(), 20));
        })
        .build();
  }

  static HfConfig config(HubEmulator hub) {
    return config(hub, new CopyOnWriteArrayList<>());
  }

  static Path write(Path root, String rel, byte[] content) {
    try {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Every regular file below a folder, by its {@code /}-separated relative path. */
  static SortedMap<String, byte[]> localFiles(Path root) {
    SortedMap<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Asserts that the repo holds exactly these files (besides {@code .gitattributes}) with these bytes. */
  static void assertRepoHolds(RepoView repo, String revision, Map<String, byte[]> expected) {
    SortedMap<String, io.hf4j.testkit.StoredFile> files = new TreeMap<>(repo.files(revision));
    files.remove(".gitattributes");
    assertEquals(new TreeMap<>(expected).keySet(), files.keySet());
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertArrayEquals(e.getValue(), files.get(e.getKey()).bytes(), e.getKey());
    }
  }

  /** Bytes the storage received in PUT bodies. */
  static long storageBytes(List<RecordedRequest> requests) {
    return requests.stream().filter(r -> r.host() == Host.STORAGE && r.method().equals("PUT"))
        .mapToLong(RecordedRequest::requestBytes).sum();
  }

  static long count(List<RecordedRequest> requests, String method, String pathRegex) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().matches(pathRegex)).count();
  }
}
