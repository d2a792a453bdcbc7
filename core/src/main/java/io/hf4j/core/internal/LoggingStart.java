package io.hf4j.core.internal;

/**
 * Starts SLF4J once, on one thread at a time. SLF4J's own start is not a barrier: a thread that asks for a logger
 * while another thread is starting it gets a stand-in whose calls are recorded and replayed afterwards, with a
 * warning on standard error ("A number (N) of logging calls during the initialization phase have been intercepted
 * and are now being replayed"). hf4j starts threads of its own early (the HTTP client's set-up on a second thread):
 * each such thread, and the thread that starts it, first passes here, so that whichever comes second waits for the
 * start instead of logging into a stand-in.
 */
public final class LoggingStart {
  private static volatile boolean started;

  private LoggingStart() {}

  /** Returns once SLF4J has been started, by this thread or by another one that passed here first. */
  public static void ensure() {
    if (started) return;
    synchronized (LoggingStart.class) {
      if (started) return;
      try {
        org.slf4j.LoggerFactory.getILoggerFactory();
      } finally {
        // A failing start is SLF4J's own to report (it falls back to no logging); it is not tried twice.
        started = true;
      }
    }
  }
}
