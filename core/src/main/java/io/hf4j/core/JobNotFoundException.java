package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The job or scheduled job does not exist in that namespace. */
public class JobNotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public JobNotFoundException(HttpFailure failure) {
    super(failure, "Check the job id and its namespace");
  }

  protected JobNotFoundException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
