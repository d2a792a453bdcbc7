package io.hf4j.testkit.spi;

import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.Faults;
import io.hf4j.testkit.RateLimitRules;
import io.hf4j.testkit.RecordedRequest;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** The shared state and hooks an {@link EmulatorModule} builds on. */
public interface EmulatorContext {
  EmulatorClock clock();

  Routes routes();

  Accounts accounts();

  Repos repos();

  void addCommitListener(CommitListener listener);

  void addRepoListener(RepoListener listener);

  void addRepoInfoContributor(RepoInfoContributor contributor);

  SpaceApps spaceApps();

  JobImages jobImages();

  Faults faults();

  RateLimitRules rateLimits();

  /** {@return the request log so far} */
  List<RecordedRequest> requests();

  /** {@return the Hub API base URL, no trailing slash} */
  String apiUrl();

  /** {@return the storage base URL (another host name), no trailing slash} */
  String storageUrl();

  /** {@return a daemon executor for background work of simulations (closed with the emulator)} */
  ScheduledExecutorService executor();

  /**
   * Makes a module object findable by tests through {@code HubEmulator.module(type)}.
   *
   * @param <T> the service type
   * @param type the service type other modules look it up by
   * @param instance the service
   */
  <T> void publish(Class<T> type, T instance);
}
