package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of a single-file download ({@link HubClient#hfHubDownload(io.hf4j.core.RepoId, String, DownloadParams)}).
 * Immutable; every option has the Python client's default. The repo type comes from the {@link
 * io.hf4j.core.RepoId}.
 *
 * <pre>{@code
 * Path config = hub.hfHubDownload(RepoId.of("acme/model"), "config.json", DownloadParams.builder()
 *     .revision("v1.0")
 *     .cancellationToken(token)
 *     .build());
 * }</pre>
 */
public final class DownloadParams extends DownloadParamsBase {
  private static final DownloadParams DEFAULTS = new Builder().build();

  private final @Nullable String subfolder;

  private DownloadParams(Builder b) {
    super(b);
    this.subfolder = b.subfolder;
  }

  /**
   * The empty instance: branch {@code main}, the configured cache, no listener.
   *
   * @return the defaults
   */
  public static DownloadParams defaults() {
    return DEFAULTS;
  }

  /**
   * A builder with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    copyInto(b);
    b.subfolder = subfolder;
    return b;
  }

  /**
   * A folder inside the repo that the filename is relative to.
   *
   * @return the folder, or null for none
   */
  public @Nullable String subfolder() {
    return subfolder;
  }

  @Override
  public String toString() {
    return "DownloadParams{" + describeShared() + ", subfolder=" + subfolder + "}";
  }

  /** Builds {@link DownloadParams}. */
  public static final class Builder extends DownloadBuilder<Builder> {
    private @Nullable String subfolder;

    Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * A folder inside the repo: {@code hfHubDownload(id, "f.bin")} with subfolder {@code "a/b"} fetches
     * {@code a/b/f.bin}.
     *
     * @param subfolder the folder; an empty string means none
     * @return this builder
     */
    public Builder subfolder(String subfolder) {
      Objects.requireNonNull(subfolder, "subfolder == null");
      this.subfolder = subfolder.isEmpty() ? null : subfolder;
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     * @throws HfValidationException if {@code forceDownload} and {@code localFilesOnly} are both set
     */
    public DownloadParams build() {
      return new DownloadParams(this);
    }
  }
}
