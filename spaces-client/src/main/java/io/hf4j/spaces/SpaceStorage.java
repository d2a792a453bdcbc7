package io.hf4j.spaces;

import io.hf4j.core.OpenValue;
import java.util.Objects;
import java.util.Set;

/**
 * A legacy persistent-storage tier of a Space ({@code small}, {@code medium}, {@code large}). The Hub has
 * discontinued persistent storage in favour of volumes; the tier is still reported by the runtime.
 */
public record SpaceStorage(String value) implements OpenValue {
  public static final SpaceStorage SMALL = new SpaceStorage("small");
  public static final SpaceStorage MEDIUM = new SpaceStorage("medium");
  public static final SpaceStorage LARGE = new SpaceStorage("large");

  private static final Set<SpaceStorage> KNOWN = Set.of(SMALL, MEDIUM, LARGE);

  public SpaceStorage {
    Objects.requireNonNull(value, "value == null");
  }

  /** The tier with this name, known or not. */
  public static SpaceStorage of(String value) {
    return new SpaceStorage(value);
  }

  /** Whether hf4j knows this tier. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
