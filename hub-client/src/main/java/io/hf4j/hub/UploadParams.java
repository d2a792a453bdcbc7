package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * What every call that uploads shares beyond the commit: transfers in flight, the LFS verify step, the listener
 * and the cancellation token. Package-private: users see these on {@link CreateCommitParams},
 * {@link UploadFileParams} and {@link UploadFolderParams}.
 */
abstract class UploadParams extends CommitParams {
  private final int concurrency;
  private final boolean verifyLfs;
  private final UploadListener listener;
  private final @Nullable CancellationToken cancellationToken;
  private final UploadTuning tuning;

  UploadParams(UploadBuilder<?> b) {
    super(b);
    this.concurrency = b.concurrency;
    this.verifyLfs = b.verifyLfs;
    this.listener = b.listener;
    this.cancellationToken = b.cancellationToken;
    this.tuning = b.tuning;
  }

  void copyInto(UploadBuilder<?> b) {
    super.copyInto(b);
    b.concurrency = concurrency;
    b.verifyLfs = verifyLfs;
    b.listener = listener;
    b.cancellationToken = cancellationToken;
    b.tuning = tuning;
  }

  /** The options the upload pipeline runs with, under this commit title. */
  final UploadOptions toOptions(String commitMessage) {
    return new UploadOptions(branch(), createPr(), commitMessage, commitDescription(), parentCommit(), concurrency,
        verifyLfs, listener, cancellationToken, tuning);
  }

  /**
   * The most LFS transfers (files and parts) in flight at once.
   *
   * @return the most transfers at once
   */
  public final int concurrency() {
    return concurrency;
  }

  /**
   * Whether the LFS {@code verify} action is called after each transfer.
   *
   * @return whether each LFS transfer is verified
   */
  public final boolean verifyLfs() {
    return verifyLfs;
  }

  /**
   * The listener told about progress.
   *
   * @return the listener told about progress
   */
  public final UploadListener listener() {
    return listener;
  }

  /**
   * The token that cancels the call, or null.
   *
   * @return the token that cancels the call, or null
   */
  public final @Nullable CancellationToken cancellationToken() {
    return cancellationToken;
  }

  /**
   * The setters of {@link UploadParams}, returning the concrete builder.
   *
   * @param <B> the concrete builder
   */
  abstract static class UploadBuilder<B extends UploadBuilder<B>> extends CommitBuilder<B> {
    int concurrency = UploadDefaults.NUM_THREADS;
    boolean verifyLfs;
    UploadListener listener = UploadListener.logging();
    @Nullable CancellationToken cancellationToken;
    UploadTuning tuning = UploadTuning.DEFAULTS;

    UploadBuilder() {}

    /**
     * LFS transfers (files and parts) in flight at once (default 8). Python: {@code num_threads}.
     *
     * @param concurrency at least 1
     * @return this builder
     */
    public final B concurrency(int concurrency) {
      this.concurrency = HfValidation.positive(concurrency, "concurrency");
      return self();
    }

    /**
     * Also call the LFS {@code verify} action after each transfer (default false). The Python client does;
     * the JavaScript client does not, and the Hub accepts both. Off by default because it costs one Hub API
     * request per LFS file against the rate limit (1000 per 5 minutes for free accounts), while the commit
     * itself refuses a file whose content is missing.
     *
     * @param verifyLfs true to verify each transfer
     * @return this builder
     */
    public final B verifyLfs(boolean verifyLfs) {
      this.verifyLfs = verifyLfs;
      return self();
    }

    /**
     * Receives progress events (default: {@link UploadListener#logging()}).
     *
     * @param listener the listener
     * @return this builder
     */
    public final B listener(UploadListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return self();
    }

    /**
     * A token that cancels the upload: {@link io.hf4j.core.CancelledException} is thrown, nothing is committed.
     *
     * @param token the token
     * @return this builder
     */
    public final B cancellationToken(CancellationToken token) {
      this.cancellationToken = Objects.requireNonNull(token, "token == null");
      return self();
    }

    final B tuning(UploadTuning tuning) {
      this.tuning = Objects.requireNonNull(tuning, "tuning == null");
      return self();
    }
  }
}
