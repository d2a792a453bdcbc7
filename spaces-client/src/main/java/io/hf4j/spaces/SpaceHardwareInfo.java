package io.hf4j.spaces;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.SpaceHardware;

/**
 * One hardware flavor a Space can run on, as listed by {@code GET /api/spaces/hardware}.
 *
 * @param name the flavor, e.g. {@code t4-small}
 * @param prettyName a display name, e.g. {@code Nvidia T4 - small}
 * @param cpu e.g. {@code 4 vCPU}
 * @param ram e.g. {@code 15 GB}
 * @param ephemeralStorage e.g. {@code 50 GB}
 * @param accelerator the GPU or other accelerator; null on CPU flavors
 * @param unitCostMicroUSD price per unit in millionths of a dollar
 * @param unitCostUSD price per unit in dollars
 * @param unitLabel the unit, e.g. {@code minute}
 * @param raw the JSON object as the server sent it
 */
public record SpaceHardwareInfo(
    SpaceHardware name,
    @Nullable String prettyName,
    @Nullable String cpu,
    @Nullable String ram,
    @Nullable String ephemeralStorage,
    @Nullable Accelerator accelerator,
    @Nullable Long unitCostMicroUSD,
    @Nullable Double unitCostUSD,
    @Nullable String unitLabel,
    Map<String, Object> raw) {

  /**
   * Checks that the name is present and keeps the raw object unmodifiable.
   *
   * @param name the flavor, e.g. {@code t4-small}
   * @param prettyName a display name, e.g. {@code Nvidia T4 - small}, or null
   * @param cpu e.g. {@code 4 vCPU}, or null
   * @param ram e.g. {@code 15 GB}, or null
   * @param ephemeralStorage e.g. {@code 50 GB}, or null
   * @param accelerator the GPU or other accelerator; null on CPU flavors
   * @param unitCostMicroUSD price per unit in millionths of a dollar, or null
   * @param unitCostUSD price per unit in dollars, or null
   * @param unitLabel the unit, e.g. {@code minute}, or null
   * @param raw the JSON object as the server sent it
   */
  public SpaceHardwareInfo {
    java.util.Objects.requireNonNull(name, "name == null");
    raw = java.util.Collections.unmodifiableMap(raw);
  }

  /**
   * An accelerator of a flavor.
   *
   * @param type {@code gpu}, {@code neuron}, ...
   * @param model e.g. {@code T4}
   * @param quantity how many, as the server spells it (a string)
   * @param vram e.g. {@code 16 GB}
   * @param manufacturer e.g. {@code Nvidia}
   */
  public record Accelerator(
      @Nullable String type,
      @Nullable String model,
      @Nullable String quantity,
      @Nullable String vram,
      @Nullable String manufacturer) {}
}
