package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The revision (branch, tag, commit or {@code refs/pr/N}) does not exist ({@code X-Error-Code: RevisionNotFound}). */
public class RevisionNotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public RevisionNotFoundException(HttpFailure failure) {
    super(failure, "Check the branch, tag or commit id; branches are case-sensitive");
  }

  protected RevisionNotFoundException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
