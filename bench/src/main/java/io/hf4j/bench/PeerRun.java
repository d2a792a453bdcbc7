package io.hf4j.bench;

/**
 * One run of a client in its own process: the whole process timed from outside (start to exit) with its
 * CPU time, and the call alone (upload or download) timed inside the process with the process's CPU time
 * meanwhile. NaN where a client cannot tell.
 */
record PeerRun(double processSeconds, double processCpuSeconds, double callSeconds, double callCpuSeconds) {}
