package io.hf4j.testkit.spi;

import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.Faults;
import io.hf4j.testkit.RateLimitRules;
import io.hf4j.testkit.RecordedRequest;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** The shared state and hooks an {@link EmulatorModule} builds on. */
public interface EmulatorContext {
  /** {@return the emulator's clock, which drives every simulated delay} */
  EmulatorClock clock();

  /** {@return the route table to add the module's endpoints to} */
  Routes routes();

  /** {@return the emulated users, organisations and tokens} */
  Accounts accounts();

  /** {@return the emulated repositories} */
  Repos repos();

  /**
   * Registers a listener called after every commit.
   *
   * @param listener called with each commit
   */
  void addCommitListener(CommitListener listener);

  /**
   * Registers a listener called when a repository is created, moved or deleted.
   *
   * @param listener called on those events
   */
  void addRepoListener(RepoListener listener);

  /**
   * Registers a contributor of extra fields to the repo info answers.
   *
   * @param contributor adds fields to a repository's info JSON
   */
  void addRepoInfoContributor(RepoInfoContributor contributor);

  /** {@return the bindings of Spaces to in-process app handlers} */
  SpaceApps spaceApps();

  /** {@return the bindings of job images to in-process handlers} */
  JobImages jobImages();

  /** {@return the active fault rules} */
  Faults faults();

  /** {@return the rate-limit policies and counters} */
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
