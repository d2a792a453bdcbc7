package io.hf4j.r2;

import io.hf4j.core.HttpFailure;
import io.hf4j.core.NotFoundException;

/** The bucket does not exist, or not in this account and jurisdiction (S3 {@code NoSuchBucket}). */
public class NoSuchBucketException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public NoSuchBucketException(HttpFailure failure) {
    super(failure, "Check R2_BUCKET_NAME and R2_ACCOUNT_ID; a bucket created in the eu or fedramp jurisdiction"
        + " is reachable only through that jurisdiction's endpoint (R2Config.Builder.jurisdiction)");
  }
}
