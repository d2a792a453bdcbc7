package io.hf4j.jobs;

import io.hf4j.core.OpenValue;
import io.hf4j.core.internal.EditDistance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * JobHardware.nearestKnown("a10g-smal");          // Optional[a10g-small]
 * }</pre>
 *
 * <p>Python: {@code huggingface_hub.JobHardware} (an enum there).
 */
public record JobHardware(String value) implements OpenValue {
  private static final Map<String, JobHardware> KNOWN = new LinkedHashMap<>();
  private static final Map<String, Boolean> CPU = new LinkedHashMap<>();

  public static final JobHardware CPU_BASIC = known("cpu-basic", true);
  public static final JobHardware CPU_UPGRADE = known("cpu-upgrade", true);
  public static final JobHardware CPU_PERFORMANCE = known("cpu-performance", true);
  public static final JobHardware CPU_XL = known("cpu-xl", true);
  public static final JobHardware T4_SMALL = known("t4-small", false);
  public static final JobHardware T4_MEDIUM = known("t4-medium", false);
  public static final JobHardware A10G_SMALL = known("a10g-small", false);
  public static final JobHardware A10G_LARGE = known("a10g-large", false);
  public static final JobHardware A10G_LARGEX2 = known("a10g-largex2", false);
  public static final JobHardware A10G_LARGEX4 = known("a10g-largex4", false);
  public static final JobHardware A100_LARGE = known("a100-large", false);
  public static final JobHardware A100X4 = known("a100x4", false);
  public static final JobHardware A100X8 = known("a100x8", false);
  public static final JobHardware H200 = known("h200", false);
  public static final JobHardware H200X2 = known("h200x2", false);
  public static final JobHardware H200X4 = known("h200x4", false);
  public static final JobHardware H200X8 = known("h200x8", false);
  public static final JobHardware RTX_PRO_6000 = known("rtx-pro-6000", false);
  public static final JobHardware RTX_PRO_6000X2 = known("rtx-pro-6000x2", false);
  public static final JobHardware RTX_PRO_6000X4 = known("rtx-pro-6000x4", false);
  public static final JobHardware RTX_PRO_6000X8 = known("rtx-pro-6000x8", false);
  public static final JobHardware L4X1 = known("l4x1", false);
  public static final JobHardware L4X4 = known("l4x4", false);
  public static final JobHardware L40SX1 = known("l40sx1", false);
  public static final JobHardware L40SX4 = known("l40sx4", false);
  public static final JobHardware L40SX8 = known("l40sx8", false);

  /** The flavor used when none is given, as the Python client does. */
  public static final JobHardware DEFAULT = CPU_BASIC;

  public JobHardware {
    Objects.requireNonNull(value, "value == null");
  }

  private static JobHardware known(String value, boolean cpu) {
    JobHardware h = new JobHardware(value);
    KNOWN.put(value, h);
    CPU.put(value, cpu);
    return h;
  }

  /** The flavor with this name, known or not. */
  public static JobHardware of(String value) {
    JobHardware k = KNOWN.get(Objects.requireNonNull(value, "value == null"));
    return k != null ? k : new JobHardware(value);
  }

  /** Every flavor this release knows, in the endpoint's order. */
  public static List<JobHardware> known() {
    return List.copyOf(KNOWN.values());
  }

  /** Whether this release knows the flavor. */
  public boolean isKnown() {
    return KNOWN.containsKey(value);
  }

  /**
   * Whether the flavor has no accelerator. For an unknown flavor this is a guess from the name (a
   * {@code cpu} prefix); {@link JobHardwareInfo#isCpu()} reads the server's answer.
   */
  public boolean isCpu() {
    Boolean cpu = CPU.get(value);
    return cpu != null ? cpu : value.startsWith("cpu");
  }

  /** Whether the flavor has an accelerator (GPU); the opposite of {@link #isCpu()}. */
  public boolean isGpu() {
    return !isCpu();
  }

  /**
   * The known flavor closest to {@code name} by edit distance, if one is close enough to be a likely
   * typo (at most a third of the name's length, and at most 3 edits).
   */
  public static Optional<JobHardware> nearestKnown(String name) {
    return nearest(name, KNOWN.keySet());
  }

  static Optional<JobHardware> nearest(String name, Iterable<String> candidates) {
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
    if (best == null || bestDistance > allowed) return Optional.empty();
    return Optional.of(of(best));
  }

  @Override
  public String toString() {
    return value;
  }
}
