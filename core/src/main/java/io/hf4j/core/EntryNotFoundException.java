package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The file or folder does not exist at that revision ({@code X-Error-Code: EntryNotFound}). */
public class EntryNotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public EntryNotFoundException(HttpFailure failure) {
    super(failure, "Check the file path inside the repo and the revision");
  }

  protected EntryNotFoundException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
