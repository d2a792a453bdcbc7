package io.hf4j.core.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a call that must be sent once only, even if idempotent by method: for example a call whose
 * caller runs its own recovery (a commit that checks the branch head before posting again).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NoRetry {
  /** Tag value set by {@link RequestTags}. */
  final class Tag {
    public static final Tag INSTANCE = new Tag();

    private Tag() {}
  }
}
