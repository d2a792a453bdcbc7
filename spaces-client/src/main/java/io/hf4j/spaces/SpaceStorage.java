package io.hf4j.spaces;

import io.hf4j.core.OpenValue;
import java.util.Objects;
import java.util.Set;

/**
 * A legacy persistent-storage tier of a Space ({@code small}, {@code medium}, {@code large}). The Hub has
 * discontinued persistent storage in favour of volumes; the tier is still reported by the runtime.
 *
 * @param value the tier's name as the Hub spells it, e.g. {@code small}
 */
public record SpaceStorage(String value) implements OpenValue {
  /** The {@code small} tier, the smallest. */
  public static final SpaceStorage SMALL = new SpaceStorage("small");
  /** The {@code medium} tier. */
  public static final SpaceStorage MEDIUM = new SpaceStorage("medium");
  /** The {@code large} tier, the largest. */
  public static final SpaceStorage LARGE = new SpaceStorage("large");

  private static final Set<SpaceStorage> KNOWN = Set.of(SMALL, MEDIUM, LARGE);

  /**
   * Checks that the name is present.
   *
   * @param value the tier's name as the Hub spells it, e.g. {@code small}
   */
  public SpaceStorage {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * The tier with this name, known or not.
   *
   * @param value the tier's name as the Hub spells it, e.g. {@code small}
   * @return the tier; equal to {@link #SMALL}, {@link #MEDIUM} or {@link #LARGE} for those names
   */
  public static SpaceStorage of(String value) {
    return new SpaceStorage(value);
  }

  /**
   * Whether hf4j knows this tier.
   *
   * @return true for {@code small}, {@code medium} and {@code large}
   */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
