package io.hf4j.testfixtures;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Sleeps deaf to interrupts: a sleep returns only once its stop condition (a wait's cancellation token) is true,
 * looked at each time the test calls {@link #check()}. A wait such a sleep lets go was stopped through its token,
 * not by interrupting its thread. Back a core {@code Sleeper} with it (this module sits below core):
 * {@code sleep(d) -> sleeps.sleep(() -> false)}, {@code sleep(d, stop) -> sleeps.sleep(stop)}.
 */
public final class StopOnlySleeps {
  /** Counted down by the first sleep. */
  public final CountDownLatch sleeping = new CountDownLatch(1);
  /** How many sleeps began. */
  public final AtomicInteger sleeps = new AtomicInteger();
  private final Semaphore checks = new Semaphore(0);
  private volatile boolean released;

  /**
   * Sleeps until {@code stop} is true when looked at, or {@link #release()}.
   *
   * @param stop the stop condition
   */
  public void sleep(BooleanSupplier stop) {
    sleeps.incrementAndGet();
    sleeping.countDown();
    while (!stop.getAsBoolean() && !released) {
      try {
        checks.acquire();
      } catch (InterruptedException ignored) {
        // deaf to interrupts on purpose: the token must stop the wait
      }
    }
  }

  /** Lets a sleeping wait look at its stop condition once more. */
  public void check() {
    checks.release();
  }

  /** Ends any sleep (test teardown), so no thread outlives the test. */
  public void release() {
    released = true;
    checks.release(100);
  }
}
