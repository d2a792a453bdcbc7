package io.hf4j.core.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a non-idempotent call (a POST) as safe to send again after a failure, for example a preupload
 * or an LFS batch, which change nothing on the server. Put it on a Retrofit service method, or mark a
 * hand-built request with {@link RequestTags#retrySafe}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RetrySafe {
  /** Tag value set by {@link RequestTags}. */
  final class Tag {
    public static final Tag INSTANCE = new Tag();

    private Tag() {}
  }
}
