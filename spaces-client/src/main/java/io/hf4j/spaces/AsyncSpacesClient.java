package io.hf4j.spaces;

import io.hf4j.core.WaitParams;
import io.hf4j.core.RepoId;
import io.hf4j.core.internal.AsyncCall;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The waiting calls of a {@link SpacesClient} as {@link CompletableFuture}s, run on the configuration's {@linkplain
 * io.hf4j.core.HfConfig#executor() executor}; get one with {@link SpacesClient#async()}.
 *
 * <pre>{@code
 * spaces.async().waitForSpace(space, Duration.ofMinutes(10))
 *     .thenAccept(runtime -> log.info("{} runs on {}", space, runtime.hardware()));
 * }</pre>
 *
 * <p>Each future completes with the result of the blocking method of the same name, or with its exception. {@code
 * cancel(...)} on a returned future stops the wait: it cancels the wait's {@link io.hf4j.core.CancellationToken}
 * (one token that the future and the token the caller put in the {@link WaitParams}, if any, both cancel; the
 * caller's own token is left as it is) and interrupts the thread running it. The future completes at once with
 * {@link io.hf4j.core.CancelledException}; the Space is left as it is. Thread-safe; holds no state.
 */
public final class AsyncSpacesClient {
  private final SpacesClient spaces;

  AsyncSpacesClient(SpacesClient spaces) {
    this.spaces = spaces;
  }

  /** {@return the blocking client this view runs} */
  public SpacesClient sync() {
    return spaces;
  }

  /**
   * {@link SpacesClient#waitForSpace(RepoId, Duration)} on the executor.
   *
   * @param spaceId the Space to wait for, a {@link RepoId#space} reference
   * @param timeout how long to wait for the {@code RUNNING} stage
   * @return a future of the {@code RUNNING} runtime; it fails with the blocking method's exceptions
   */
  public CompletableFuture<SpaceRuntime> waitForSpace(RepoId spaceId, Duration timeout) {
    Objects.requireNonNull(spaceId, "spaceId == null");
    Objects.requireNonNull(timeout, "timeout == null");
    return start(spaceId, WaitParams.timeout(timeout));
  }

  /**
   * {@link SpacesClient#waitForSpace(RepoId, WaitParams)} on the executor.
   *
   * @param spaceId the Space to wait for, a {@link RepoId#space} reference
   * @param params the timeout, poll interval, listener and cancellation token of the wait
   * @return a future of the {@code RUNNING} runtime; it fails with the blocking method's exceptions
   */
  public CompletableFuture<SpaceRuntime> waitForSpace(RepoId spaceId, WaitParams params) {
    Objects.requireNonNull(spaceId, "spaceId == null");
    Objects.requireNonNull(params, "params == null");
    return start(spaceId, params);
  }

  /**
   * Waits on the executor with {@code params} whose token is cancelled by the future's cancellation or by the
   * caller's own token in {@code params}, whichever comes first.
   */
  private CompletableFuture<SpaceRuntime> start(RepoId spaceId, WaitParams params) {
    return AsyncCall.start(spaces.config(), "waitForSpace", params.cancellationToken(),
        token -> spaces.waitForSpace(spaceId, params.toBuilder().cancellationToken(token).build()));
  }
}
