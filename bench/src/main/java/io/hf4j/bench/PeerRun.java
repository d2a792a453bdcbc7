package io.hf4j.bench;

/**
 * One run of a client in its own process: the whole process timed from outside (start to exit) with its
 * CPU time, and the call alone (upload or download) timed inside the process with the process's CPU time
 * meanwhile; for hf4j's cold JVM also the set-up timed before the call ({@code HfConfig} and {@code
 * HubClient.create}: {@code setupSeconds}). NaN where a client cannot tell.
 */
record PeerRun(double processSeconds, double processCpuSeconds, double callSeconds, double callCpuSeconds,
    double setupSeconds) {
  /** A run without a separately timed set-up. */
  PeerRun(double processSeconds, double processCpuSeconds, double callSeconds, double callCpuSeconds) {
    this(processSeconds, processCpuSeconds, callSeconds, callCpuSeconds, Double.NaN);
  }
}
