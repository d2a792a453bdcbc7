package io.hf4j.bench;

import java.util.Locale;

/**
 * The sizes of one bench run. {@code full} is what issue 9 asks for; {@code quick} scales the big
 * pieces down for a run of a few minutes; {@code smoke} is tiny and runs in the test suite.
 *
 * @param runs timed repetitions of each throughput scenario (the median is reported)
 * @param lfsFiles LFS set: files, each {@code lfsFileSize} bytes
 * @param smallFiles small files committed in one commit, each {@code smallFileSize} bytes
 * @param manyFiles small files sent through the multi-commit path
 * @param multipartSize the one file sent through multipart
 * @param multipartChunk the emulator's multipart part size: objects larger than this go multipart (64 MiB keeps
 *     the 64 MiB LFS set on basic PUTs, as in the JS client's reference measurement, and cuts 1 GiB in 16 parts)
 * @param memoryFileSize the file uploaded and downloaded with a 256 MiB heap
 * @param rateQuota the emulator's api quota per window
 * @param rateWindowSeconds the window
 * @param rateCalls API calls issued
 * @param rateThreads threads issuing them
 * @param faultFiles files in the fault folder (regular, LFS and multipart-sized)
 * @param faultShare the share of requests that get a fault
 * @param jmhWarmups JMH warm-up iterations
 * @param jmhIterations JMH measurement iterations
 * @param jmhIterationMillis length of a JMH iteration
 * @param jmhForks JMH forks (0 runs in this JVM)
 */
record Profile(
    String name,
    int runs,
    int lfsFiles,
    long lfsFileSize,
    int smallFiles,
    long smallFileSize,
    int manyFiles,
    long multipartSize,
    long multipartChunk,
    long memoryFileSize,
    int rateQuota,
    int rateWindowSeconds,
    int rateCalls,
    int rateThreads,
    int faultFiles,
    double faultShare,
    int jmhWarmups,
    int jmhIterations,
    int jmhIterationMillis,
    int jmhForks) {
  static final long KIB = 1024;
  static final long MIB = 1024 * KIB;
  static final long GIB = 1024 * MIB;

  static Profile named(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "full":
        return new Profile("full", 3, 4, 64 * MIB, 1000, 4 * KIB, 10_000, GIB, 64 * MIB, 4 * GIB,
            50, 2, 300, 4, 500, 0.2, 2, 3, 1000, 1);
      case "quick":
        return new Profile("quick", 1, 4, 64 * MIB, 1000, 4 * KIB, 3_000, 256 * MIB, 64 * MIB, GIB,
            50, 2, 150, 4, 200, 0.2, 1, 2, 500, 1);
      case "smoke":
        return new Profile("smoke", 1, 2, 256 * KIB, 20, 4 * KIB, 60, 12 * MIB, 5 * MIB, 16 * MIB,
            8, 1, 20, 4, 30, 0.2, 1, 1, 50, 0);
      default:
        throw new IllegalArgumentException("unknown profile " + name + " (full, quick or smoke)");
    }
  }
}
