package io.hf4j.core;

import java.util.Objects;
import java.util.Set;

/**
 * A Space hardware flavor ({@code cpu-basic}, {@code t4-small}, ...). Open: flavors the server adds
 * later are kept as values. Shared by the Hub client (create a Space with hardware) and the Spaces
 * client.
 */
public record SpaceHardware(String value) implements OpenValue {
  /** The {@code cpu-basic} Space hardware flavor. */
  public static final SpaceHardware CPU_BASIC = new SpaceHardware("cpu-basic");
  /** The {@code cpu-upgrade} Space hardware flavor. */
  public static final SpaceHardware CPU_UPGRADE = new SpaceHardware("cpu-upgrade");
  /** The {@code cpu-xl} Space hardware flavor. */
  public static final SpaceHardware CPU_XL = new SpaceHardware("cpu-xl");
  /** The {@code zero-a10g} Space hardware flavor. */
  public static final SpaceHardware ZERO_A10G = new SpaceHardware("zero-a10g");
  /** The {@code t4-small} Space hardware flavor. */
  public static final SpaceHardware T4_SMALL = new SpaceHardware("t4-small");
  /** The {@code t4-medium} Space hardware flavor. */
  public static final SpaceHardware T4_MEDIUM = new SpaceHardware("t4-medium");
  /** The {@code l4x1} Space hardware flavor. */
  public static final SpaceHardware L4X1 = new SpaceHardware("l4x1");
  /** The {@code l4x4} Space hardware flavor. */
  public static final SpaceHardware L4X4 = new SpaceHardware("l4x4");
  /** The {@code l40sx1} Space hardware flavor. */
  public static final SpaceHardware L40SX1 = new SpaceHardware("l40sx1");
  /** The {@code l40sx4} Space hardware flavor. */
  public static final SpaceHardware L40SX4 = new SpaceHardware("l40sx4");
  /** The {@code l40sx8} Space hardware flavor. */
  public static final SpaceHardware L40SX8 = new SpaceHardware("l40sx8");
  /** The {@code a10g-small} Space hardware flavor. */
  public static final SpaceHardware A10G_SMALL = new SpaceHardware("a10g-small");
  /** The {@code a10g-large} Space hardware flavor. */
  public static final SpaceHardware A10G_LARGE = new SpaceHardware("a10g-large");
  /** The {@code a10g-largex2} Space hardware flavor. */
  public static final SpaceHardware A10G_LARGEX2 = new SpaceHardware("a10g-largex2");
  /** The {@code a10g-largex4} Space hardware flavor. */
  public static final SpaceHardware A10G_LARGEX4 = new SpaceHardware("a10g-largex4");
  /** The {@code a100-large} Space hardware flavor. */
  public static final SpaceHardware A100_LARGE = new SpaceHardware("a100-large");
  /** The {@code a100x4} Space hardware flavor. */
  public static final SpaceHardware A100X4 = new SpaceHardware("a100x4");
  /** The {@code a100x8} Space hardware flavor. */
  public static final SpaceHardware A100X8 = new SpaceHardware("a100x8");
  /** The {@code h100} Space hardware flavor. */
  public static final SpaceHardware H100 = new SpaceHardware("h100");
  /** The {@code h100x8} Space hardware flavor. */
  public static final SpaceHardware H100X8 = new SpaceHardware("h100x8");
  /** The {@code inf2x6} Space hardware flavor. */
  public static final SpaceHardware INF2X6 = new SpaceHardware("inf2x6");

  private static final Set<SpaceHardware> KNOWN =
      Set.of(CPU_BASIC, CPU_UPGRADE, CPU_XL, ZERO_A10G, T4_SMALL, T4_MEDIUM, L4X1, L4X4, L40SX1, L40SX4,
          L40SX8, A10G_SMALL, A10G_LARGE, A10G_LARGEX2, A10G_LARGEX4, A100_LARGE, A100X4, A100X8, H100,
          H100X8, INF2X6);

  /**
   * Checks that the value is present; use {@link #of(String)} to parse user input.
   *
   * @param value the flavor's name as the API spells it, for example {@code t4-small}
   */
  public SpaceHardware {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * The flavor with this name, known or not.
   *
   * @param value the flavor's name, for example {@code t4-small}
   * @return the flavor
   */
  public static SpaceHardware of(String value) {
    return new SpaceHardware(value);
  }

  /** {@return the flavors hf4j knows} */
  public static Set<SpaceHardware> known() {
    return KNOWN;
  }

  /** {@return whether hf4j knows this flavor} */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  /** {@return whether this flavor has no accelerator} */
  public boolean isCpu() {
    return value.startsWith("cpu");
  }

  @Override
  public String toString() {
    return value;
  }
}
