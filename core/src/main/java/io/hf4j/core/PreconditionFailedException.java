package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** A precondition failed (412), for example a commit whose {@code parentCommit} is no longer the branch head. */
public class PreconditionFailedException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public PreconditionFailedException(HttpFailure failure) {
    super(failure, "The branch moved since parentCommit was read: fetch the new head and retry the commit on top of it");
  }

  protected PreconditionFailedException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
