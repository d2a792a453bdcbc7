package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * The last commit that touched a tree entry (listed with {@code expand}). Python: {@code LastCommitInfo}.
 *
 * @param oid the commit sha
 * @param title the commit title
 * @param date the commit date
 */
public record LastCommitInfo(String oid, String title, @Nullable Instant date) {
  /**
   * Checks the components; see the type's description.
   *
   * @param oid the commit sha
   * @param title the commit title
   * @param date the commit date
   */
  public LastCommitInfo {
    Objects.requireNonNull(oid, "oid == null");
    Objects.requireNonNull(title, "title == null");
  }

  static @Nullable LastCommitInfo from(@Nullable JsonObject o) {
    if (o == null || o.string("id") == null) return null;
    String title = o.string("title");
    return new LastCommitInfo(o.string("id"), title == null ? "" : title, o.instant("date"));
  }
}
