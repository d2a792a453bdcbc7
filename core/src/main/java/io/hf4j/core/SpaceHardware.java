package io.hf4j.core;

import java.util.Objects;
import java.util.Set;

/**
 * A Space hardware flavor ({@code cpu-basic}, {@code t4-small}, ...). Open: flavors the server adds
 * later are kept as values. Shared by the Hub client (create a Space with hardware) and the Spaces
 * client.
 */
public record SpaceHardware(String value) implements OpenValue {
  public static final SpaceHardware CPU_BASIC = new SpaceHardware("cpu-basic");
  public static final SpaceHardware CPU_UPGRADE = new SpaceHardware("cpu-upgrade");
  public static final SpaceHardware CPU_XL = new SpaceHardware("cpu-xl");
  public static final SpaceHardware ZERO_A10G = new SpaceHardware("zero-a10g");
  public static final SpaceHardware T4_SMALL = new SpaceHardware("t4-small");
  public static final SpaceHardware T4_MEDIUM = new SpaceHardware("t4-medium");
  public static final SpaceHardware L4X1 = new SpaceHardware("l4x1");
  public static final SpaceHardware L4X4 = new SpaceHardware("l4x4");
  public static final SpaceHardware L40SX1 = new SpaceHardware("l40sx1");
  public static final SpaceHardware L40SX4 = new SpaceHardware("l40sx4");
  public static final SpaceHardware L40SX8 = new SpaceHardware("l40sx8");
  public static final SpaceHardware A10G_SMALL = new SpaceHardware("a10g-small");
  public static final SpaceHardware A10G_LARGE = new SpaceHardware("a10g-large");
  public static final SpaceHardware A10G_LARGEX2 = new SpaceHardware("a10g-largex2");
  public static final SpaceHardware A10G_LARGEX4 = new SpaceHardware("a10g-largex4");
  public static final SpaceHardware A100_LARGE = new SpaceHardware("a100-large");
  public static final SpaceHardware A100X4 = new SpaceHardware("a100x4");
  public static final SpaceHardware A100X8 = new SpaceHardware("a100x8");
  public static final SpaceHardware H100 = new SpaceHardware("h100");
  public static final SpaceHardware H100X8 = new SpaceHardware("h100x8");
  public static final SpaceHardware INF2X6 = new SpaceHardware("inf2x6");

  private static final Set<SpaceHardware> KNOWN =
      Set.of(CPU_BASIC, CPU_UPGRADE, CPU_XL, ZERO_A10G, T4_SMALL, T4_MEDIUM, L4X1, L4X4, L40SX1, L40SX4,
          L40SX8, A10G_SMALL, A10G_LARGE, A10G_LARGEX2, A10G_LARGEX4, A100_LARGE, A100X4, A100X8, H100,
          H100X8, INF2X6);

  public SpaceHardware {
    Objects.requireNonNull(value, "value == null");
  }

  /** The flavor with this name, known or not. */
  public static SpaceHardware of(String value) {
    return new SpaceHardware(value);
  }

  /** The flavors hf4j knows. */
  public static Set<SpaceHardware> known() {
    return KNOWN;
  }

  /** Whether hf4j knows this flavor. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  /** Whether this flavor has no accelerator. */
  public boolean isCpu() {
    return value.startsWith("cpu");
  }

  @Override
  public String toString() {
    return value;
  }
}
