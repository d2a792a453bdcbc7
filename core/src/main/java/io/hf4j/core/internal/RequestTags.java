package io.hf4j.core.internal;

import okhttp3.Request;

/** Marks hand-built requests for hf4j's interceptors. */
public final class RequestTags {
  private RequestTags() {}

  /** The request is safe to send again after a failure, although its method is not idempotent. */
  public static Request.Builder retrySafe(Request.Builder builder) {
    return builder.tag(RetrySafe.Tag.class, RetrySafe.Tag.INSTANCE);
  }

  /** The request is sent once only, whatever its method. */
  public static Request.Builder noRetry(Request.Builder builder) {
    return builder.tag(NoRetry.Tag.class, NoRetry.Tag.INSTANCE);
  }

  /** The request goes to the endpoint without the token. */
  public static Request.Builder anonymous(Request.Builder builder) {
    return HfHttp.anonymous(builder);
  }
}
