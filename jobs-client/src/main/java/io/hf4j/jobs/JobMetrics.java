package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.util.Map;

/**
 * One resource-usage sample of a running job (the server sends about one per second).
 *
 * @param cpuUsagePct CPU usage, in percent
 * @param cpuMillicores CPU used, in thousandths of a core
 * @param memoryUsedBytes memory in use, in bytes
 * @param memoryTotalBytes memory available, in bytes
 * @param rxBps network bytes received per second
 * @param txBps network bytes sent per second
 * @param gpus per-GPU samples keyed by device id; empty on CPU flavors
 * @param replica the replica that reported it, or null
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
  /**
   * Copies the maps (null ones become empty).
   *
   * @param cpuUsagePct CPU usage, in percent
   * @param cpuMillicores CPU used, in thousandths of a core
   * @param memoryUsedBytes memory in use, in bytes
   * @param memoryTotalBytes memory available, in bytes
   * @param rxBps network bytes received per second
   * @param txBps network bytes sent per second
   * @param gpus per-GPU samples keyed by device id; empty on CPU flavors
   * @param replica the replica that reported it, or null
   * @param raw the JSON object as the server sent it
   */
  public JobMetrics {
    gpus = gpus == null ? Map.of() : Map.copyOf(gpus);
    raw = raw == null ? Map.of() : java.util.Collections.unmodifiableMap(raw);
  }

  /** One GPU's sample. */
  public record Gpu(double utilization, long memoryUsedBytes, long memoryTotalBytes) {}
}
