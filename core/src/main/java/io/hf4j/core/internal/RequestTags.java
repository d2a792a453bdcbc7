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

  /**
   * The token may go to this request's origin although it is not the endpoint's (a private Space's own
   * host). Only this request's origin receives it; OkHttp drops it on a redirect to another host.
   */
  public static Request.Builder tokenForOrigin(Request.Builder builder) {
    return builder.tag(Interceptors.TokenForOrigin.class, Interceptors.TokenForOrigin.INSTANCE);
  }

  /**
   * Whether hf4j's retry policy would send this request again after a failure: not marked {@link
   * NoRetry}, a body that can be written twice, and an idempotent method or a {@link RetrySafe} mark.
   */
  public static boolean isRepeatable(Request request) {
    return RetryInterceptor.retrySafe(request);
  }

  /** The request goes to the endpoint without the token. */
  public static Request.Builder anonymous(Request.Builder builder) {
    return HfHttp.anonymous(builder);
  }
}
