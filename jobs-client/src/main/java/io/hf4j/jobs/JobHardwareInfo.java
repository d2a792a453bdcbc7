package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.util.Map;
import java.util.Objects;

/**
 * A flavor as {@code GET /api/jobs/hardware} describes it: specs and price per unit (a minute).
 * Python: {@code huggingface_hub.JobHardware} (the dataclass of {@code list_jobs_hardware}).
 *
 * @param name the flavor, e.g. {@code a10g-small}
 * @param prettyName the flavor's display name
 * @param cpu the CPU, as the server describes it
 * @param ram the memory, as the server describes it
 * @param ephemeralStorage the disk, or "N/A" when the server did not say
 * @param accelerator the GPU (or other accelerator), or null on CPU flavors
 * @param unitCostMicroUsd the price per {@code unitLabel} in millionths of a dollar
 * @param unitCostUsd the price per {@code unitLabel} in dollars
 * @param unitLabel the billing unit ({@code minute} today)
 * @param raw the JSON object as the server sent it
 */
public record JobHardwareInfo(
    JobHardware name,
    String prettyName,
    String cpu,
    String ram,
    String ephemeralStorage,
    @Nullable Accelerator accelerator,
    long unitCostMicroUsd,
    double unitCostUsd,
    String unitLabel,
    Map<String, Object> raw) {
  /**
   * Checks that the names, specs and unit are present.
   *
   * @param name the flavor, e.g. {@code a10g-small}
   * @param prettyName the flavor's display name
   * @param cpu the CPU, as the server describes it
   * @param ram the memory, as the server describes it
   * @param ephemeralStorage the disk, or "N/A" when the server did not say
   * @param accelerator the GPU (or other accelerator), or null on CPU flavors
   * @param unitCostMicroUsd the price per {@code unitLabel} in millionths of a dollar
   * @param unitCostUsd the price per {@code unitLabel} in dollars
   * @param unitLabel the billing unit ({@code minute} today)
   * @param raw the JSON object as the server sent it
   */
  public JobHardwareInfo {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(prettyName, "prettyName == null");
    Objects.requireNonNull(cpu, "cpu == null");
    Objects.requireNonNull(ram, "ram == null");
    Objects.requireNonNull(ephemeralStorage, "ephemeralStorage == null");
    Objects.requireNonNull(unitLabel, "unitLabel == null");
    raw = raw == null ? Map.of() : java.util.Collections.unmodifiableMap(raw);
  }

  /**
   * Whether the server lists no accelerator for this flavor.
   *
   * @return {@code true} if there is no accelerator
   */
  public boolean isCpu() {
    return accelerator == null;
  }

  /**
   * The price of one hour, when the unit is a minute (as the server sends today) or an hour.
   *
   * @return the hourly price in dollars, or NaN for another unit
   */
  public double hourlyCostUsd() {
    return "minute".equals(unitLabel) ? unitCostUsd * 60 : "hour".equals(unitLabel) ? unitCostUsd : Double.NaN;
  }

  /**
   * An accelerator: {@code type} {@code gpu} or {@code neuron}, its model, how many (as the server's
   * string, e.g. "1") and the total memory (e.g. "24 GB").
   */
  public record Accelerator(String type, String model, String quantity, String vram, @Nullable String manufacturer) {}
}
