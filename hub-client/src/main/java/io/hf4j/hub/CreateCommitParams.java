package io.hf4j.hub;

/**
 * Options of {@link HubClient#createCommit}. Immutable; {@link #builder()}, {@link #defaults()}.
 * Python: the keyword arguments of {@code HfApi.create_commit}.
 */
public final class CreateCommitParams extends UploadParams {

  private CreateCommitParams(Builder b) {
    super(b);
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
   * Every default: branch {@code main}, no pull request.
   *
   * @return the defaults
   */
  public static CreateCommitParams defaults() {
    return builder().build();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    copyInto(b);
    return b;
  }

  /** Builds {@link CreateCommitParams}. */
  public static final class Builder extends UploadBuilder<Builder> {

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public CreateCommitParams build() {
      return new CreateCommitParams(this);
    }
  }
}
