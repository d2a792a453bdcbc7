package io.hf4j.bench;

import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoId;
import io.hf4j.hub.HubClient;
import io.hf4j.hub.UploadListener;
import io.hf4j.hub.UploadEvent;
import io.hf4j.hub.UploadFolderParams;
import io.hf4j.testkit.HubEmulator;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** A testkit Hub emulator on loopback, a client for it, and fresh repos. */
final class BenchHub implements AutoCloseable {
  private static final AtomicInteger REPOS = new AtomicInteger();

  final HubEmulator emulator;
  final HfConfig config;
  final HubClient hub;

  private BenchHub(HubEmulator emulator, HfConfig config) {
    this.emulator = emulator;
    this.config = config;
    this.hub = HubClient.create(config);
  }

  /**
   * An emulator whose rate limits are out of the way (the throughput sections measure transfers, not
   * the Hub's quota), customised by {@code emulatorSetup}, and a client whose configuration is
   * customised by {@code configSetup}.
   */
  static BenchHub start(Profile profile, Consumer<HubEmulator.Builder> emulatorSetup, Consumer<HfConfig.Builder> configSetup) {
    HubEmulator.Builder b = HubEmulator.builder()
        .rateLimit("api", 1_000_000, Duration.ofMinutes(5))
        .rateLimit("resolvers", 1_000_000, Duration.ofMinutes(5))
        .multipartChunkSize(profile.multipartChunk());
    emulatorSetup.accept(b);
    HubEmulator emulator = b.build().start();
    try {
      HfConfig.Builder cb = emulator.hfConfigBuilder();
      configSetup.accept(cb);
      return new BenchHub(emulator, cb.build());
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
  }

  static BenchHub start(Profile profile) {
    return start(profile, b -> { }, b -> { });
  }

  /** A new empty model repo of the emulator's user. */
  RepoId newRepo(String prefix) {
    RepoId id = RepoId.of(emulator.userName() + "/" + prefix + "-" + REPOS.incrementAndGet());
    hub.createRepo(id);
    return id;
  }

  String url() {
    return emulator.url();
  }

  String token() {
    return emulator.writeToken();
  }

  /** Upload params with a listener that keeps the {@link UploadEvent.Finished} summary (and logs nothing). */
  static UploadFolderParams quietParams(AtomicReference<UploadEvent.Finished> finished) {
    UploadListener l = e -> {
      if (e instanceof UploadEvent.Finished f) finished.set(f);
    };
    return UploadFolderParams.builder().listener(l).multiCommit(true).build();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
