package io.hf4j.jobs;

import io.hf4j.core.OpenValue;
import io.hf4j.core.internal.EditDistance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Jobs hardware flavor ({@code cpu-basic}, {@code a10g-small}, {@code h200x8}, ...). Open: a flavor
 * the server adds later is kept as a value, never rejected when read. The constants are the flavors
 * of {@code GET /api/jobs/hardware} as known to this release; {@link JobsClient#listJobsHardware()}
 * gives the live list with prices.
 *
 * <pre>{@code
 * JobHardware gpu = JobHardware.A10G_SMALL;
 * gpu.isGpu();                                    // true
 * JobHardware.of("future-flavor").isKnown();      // false, but usable
 * JobHardware.nearestKnown("a10g-smal");          // a10g-small (null if nothing is close)
 * }</pre>
 *
 * <p>Python: {@code huggingface_hub.JobHardware} (an enum there).
 *
 * @param value the flavor's name, as the server spells it
 */
public record JobHardware(String value) implements OpenValue {
  private static final Map<String, JobHardware> KNOWN = new LinkedHashMap<>();
  private static final Map<String, Boolean> CPU = new LinkedHashMap<>();

  /** The {@code cpu-basic} flavor: CPU only, no accelerator. */
  public static final JobHardware CPU_BASIC = known("cpu-basic", true);
  /** The {@code cpu-upgrade} flavor: CPU only, no accelerator. */
  public static final JobHardware CPU_UPGRADE = known("cpu-upgrade", true);
  /** The {@code cpu-performance} flavor: CPU only, no accelerator. */
  public static final JobHardware CPU_PERFORMANCE = known("cpu-performance", true);
  /** The {@code cpu-xl} flavor: CPU only, no accelerator. */
  public static final JobHardware CPU_XL = known("cpu-xl", true);
  /** The {@code t4-small} flavor: NVIDIA T4 (small). */
  public static final JobHardware T4_SMALL = known("t4-small", false);
  /** The {@code t4-medium} flavor: NVIDIA T4 (medium). */
  public static final JobHardware T4_MEDIUM = known("t4-medium", false);
  /** The {@code a10g-small} flavor: NVIDIA A10G (small). */
  public static final JobHardware A10G_SMALL = known("a10g-small", false);
  /** The {@code a10g-large} flavor: NVIDIA A10G (large). */
  public static final JobHardware A10G_LARGE = known("a10g-large", false);
  /** The {@code a10g-largex2} flavor: 2 NVIDIA A10G (large). */
  public static final JobHardware A10G_LARGEX2 = known("a10g-largex2", false);
  /** The {@code a10g-largex4} flavor: 4 NVIDIA A10G (large). */
  public static final JobHardware A10G_LARGEX4 = known("a10g-largex4", false);
  /** The {@code a100-large} flavor: NVIDIA A100 (large). */
  public static final JobHardware A100_LARGE = known("a100-large", false);
  /** The {@code a100x4} flavor: 4 NVIDIA A100. */
  public static final JobHardware A100X4 = known("a100x4", false);
  /** The {@code a100x8} flavor: 8 NVIDIA A100. */
  public static final JobHardware A100X8 = known("a100x8", false);
  /** The {@code h200} flavor: NVIDIA H200. */
  public static final JobHardware H200 = known("h200", false);
  /** The {@code h200x2} flavor: 2 NVIDIA H200. */
  public static final JobHardware H200X2 = known("h200x2", false);
  /** The {@code h200x4} flavor: 4 NVIDIA H200. */
  public static final JobHardware H200X4 = known("h200x4", false);
  /** The {@code h200x8} flavor: 8 NVIDIA H200. */
  public static final JobHardware H200X8 = known("h200x8", false);
  /** The {@code rtx-pro-6000} flavor: NVIDIA RTX PRO 6000. */
  public static final JobHardware RTX_PRO_6000 = known("rtx-pro-6000", false);
  /** The {@code rtx-pro-6000x2} flavor: 2 NVIDIA RTX PRO 6000. */
  public static final JobHardware RTX_PRO_6000X2 = known("rtx-pro-6000x2", false);
  /** The {@code rtx-pro-6000x4} flavor: 4 NVIDIA RTX PRO 6000. */
  public static final JobHardware RTX_PRO_6000X4 = known("rtx-pro-6000x4", false);
  /** The {@code rtx-pro-6000x8} flavor: 8 NVIDIA RTX PRO 6000. */
  public static final JobHardware RTX_PRO_6000X8 = known("rtx-pro-6000x8", false);
  /** The {@code l4x1} flavor: one NVIDIA L4. */
  public static final JobHardware L4X1 = known("l4x1", false);
  /** The {@code l4x4} flavor: 4 NVIDIA L4. */
  public static final JobHardware L4X4 = known("l4x4", false);
  /** The {@code l40sx1} flavor: one NVIDIA L40S. */
  public static final JobHardware L40SX1 = known("l40sx1", false);
  /** The {@code l40sx4} flavor: 4 NVIDIA L40S. */
  public static final JobHardware L40SX4 = known("l40sx4", false);
  /** The {@code l40sx8} flavor: 8 NVIDIA L40S. */
  public static final JobHardware L40SX8 = known("l40sx8", false);

  /** The flavor used when none is given, as the Python client does. */
  public static final JobHardware DEFAULT = CPU_BASIC;

  /**
   * Checks the name is present; any name is accepted.
   *
   * @param value the flavor's name
   */
  public JobHardware {
    Objects.requireNonNull(value, "value == null");
  }

  private static JobHardware known(String value, boolean cpu) {
    JobHardware h = new JobHardware(value);
    KNOWN.put(value, h);
    CPU.put(value, cpu);
    return h;
  }

  /**
   * The flavor with this name, known or not.
   *
   * @param value the flavor's name
   * @return the known constant, or a new value for an unknown name
   */
  public static JobHardware of(String value) {
    JobHardware k = KNOWN.get(Objects.requireNonNull(value, "value == null"));
    return k != null ? k : new JobHardware(value);
  }

  /**
   * Every flavor this release knows, in the endpoint's order.
   *
   * @return the known flavors
   */
  public static List<JobHardware> known() {
    return List.copyOf(KNOWN.values());
  }

  /**
   * Whether this release knows the flavor.
   *
   * @return {@code true} for one of the constants
   */
  public boolean isKnown() {
    return KNOWN.containsKey(value);
  }

  /**
   * Whether the flavor has no accelerator. For an unknown flavor this is a guess from the name (a
   * {@code cpu} prefix); {@link JobHardwareInfo#isCpu()} reads the server's answer.
   *
   * @return {@code true} if the flavor has no accelerator
   */
  public boolean isCpu() {
    Boolean cpu = CPU.get(value);
    return cpu != null ? cpu : value.startsWith("cpu");
  }

  /**
   * Whether the flavor has an accelerator (GPU); the opposite of {@link #isCpu()}.
   *
   * @return {@code true} if the flavor has an accelerator
   */
  public boolean isGpu() {
    return !isCpu();
  }

  /**
   * The known flavor closest to {@code name} by edit distance, if one is close enough to be a likely
   * typo (at most a third of the name's length, and at most 3 edits).
   *
   * @param name a flavor name, possibly mistyped
   * @return the nearest known flavor, or null if none is close enough
   */
  public static @Nullable JobHardware nearestKnown(String name) {
    return nearest(name, KNOWN.keySet());
  }

  static @Nullable JobHardware nearest(String name, Iterable<String> candidates) {
    Objects.requireNonNull(name, "name == null");
    String lower = name.strip().toLowerCase(java.util.Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = EditDistance.between(lower, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int allowed = Math.min(3, Math.max(1, lower.length() / 3));
    if (best == null || bestDistance > allowed) return null;
    return of(best);
  }

  @Override
  public String toString() {
    return value;
  }
}
