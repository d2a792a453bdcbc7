package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.util.Map;

/**
 * One resource-usage sample of a running job (the server sends about one per second).
 *
 * @param gpus per-GPU samples keyed by device id; empty on CPU flavors
 * @param replica the replica that reported it
 * @param raw the JSON object as the server sent it
 */
public record JobMetrics(
    double cpuUsagePct,
    long cpuMillicores,
    long memoryUsedBytes,
    long memoryTotalBytes,
    long rxBps,
    long txBps,
    Map<String, Gpu> gpus,
    @Nullable String replica,
    Map<String, Object> raw) {
  public JobMetrics {
    gpus = gpus == null ? Map.of() : Map.copyOf(gpus);
    raw = raw == null ? Map.of() : java.util.Collections.unmodifiableMap(raw);
  }

  /** One GPU's sample. */
  public record Gpu(double utilization, long memoryUsedBytes, long memoryTotalBytes) {}
}
