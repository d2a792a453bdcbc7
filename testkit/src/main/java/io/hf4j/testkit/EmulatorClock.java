package io.hf4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's controllable time. Simulated time runs at {@code speed} times real time from an anchor:
 * real time by default ({@link #system()}), frozen and moved only by {@link #advance} ({@link #manual}), or
 * faster ({@link #accelerated}). Jobs and Spaces simulations schedule their transitions with
 * {@link #schedule}: a timer fires when simulated time reaches its deadline, on the clock's timer thread in
 * running mode, or synchronously inside {@link #advance} (so after {@code advance} returns, every transition
 * due by then has happened).
 *
 * <p>Thread-safe. Also a {@link java.time.Clock} in UTC, so it can be handed to code that takes one.
 */
public final class EmulatorClock extends Clock implements AutoCloseable {
  /** A pending timer; {@link #cancel()} stops it if it has not fired. */
  public interface Timer {
    /**
     * Cancels the timer; returns false if it already fired or was cancelled.
     *
     * @return true if this call cancelled it
     */
    boolean cancel();

    /** {@return the simulated time at which the timer fires} */
    Instant deadline();
  }

  private static final AtomicLong THREAD_IDS = new AtomicLong();

  private final Object lock = new Object();
  private final PriorityQueue<TimerImpl> timers = new PriorityQueue<>();
  private long anchorSimNanos;
  private long anchorRealNanos;
  private double speed;
  private long sequence;
  private Thread thread;
  private boolean closed;

  private EmulatorClock(Instant start, double speed) {
    this.anchorSimNanos = toNanos(start);
    this.anchorRealNanos = System.nanoTime();
    this.speed = speed;
  }

  /** {@return a clock running in real time} */
  public static EmulatorClock system() {
    return new EmulatorClock(Instant.now(), 1.0);
  }

  /**
   * Frozen at {@code start}; moves only through {@link #advance} and {@link #set}.
   *
   * @param start the emulated time at which the clock starts
   * @return a new manual clock
   */
  public static EmulatorClock manual(Instant start) {
    return new EmulatorClock(Objects.requireNonNull(start, "start == null"), 0.0);
  }

  /** {@return a clock frozen at the current instant} */
  public static EmulatorClock manual() {
    return manual(Instant.now());
  }

  /**
   * Starts now and runs {@code factor} times faster than real time (e.g. 60: a simulated minute per second).
   *
   * @param factor how many emulated seconds pass per real second (finite, not negative; 0 freezes the clock)
   * @return a new accelerated clock
   */
  public static EmulatorClock accelerated(double factor) {
    checkSpeed(factor);
    return new EmulatorClock(Instant.now(), factor);
  }

  private static void checkSpeed(double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("speed must be >= 0 and finite but was " + factor);
    }
  }

  private static long toNanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  private long simNanosLocked() {
    long real = System.nanoTime() - anchorRealNanos;
    return anchorSimNanos + (long) (real * speed);
  }

  @Override
  public Instant instant() {
    long nanos;
    synchronized (lock) {
      nanos = simNanosLocked();
    }
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  @Override
  public long millis() {
    synchronized (lock) {
      return Math.floorDiv(simNanosLocked(), 1_000_000L);
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    EmulatorClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId z) {
        return self.withZone(z);
      }

      @Override
      public Instant instant() {
        return self.instant();
      }
    };
  }

  /** {@return the current speed factor: 0 when frozen, 1 for real time} */
  public double speed() {
    synchronized (lock) {
      return speed;
    }
  }

  /**
   * Changes the speed from now on (0 freezes the clock).
   *
   * @param factor how many emulated seconds pass per real second (finite, not negative; 0 freezes the clock)
   */
  public void setSpeed(double factor) {
    checkSpeed(factor);
    synchronized (lock) {
      reanchorLocked();
      speed = factor;
      lock.notifyAll();
    }
  }

  private void reanchorLocked() {
    long now = System.nanoTime();
    anchorSimNanos = anchorSimNanos + (long) ((now - anchorRealNanos) * speed);
    anchorRealNanos = now;
  }

  /**
   * Moves simulated time forward and runs, on the calling thread and in deadline order, every timer that
   * became due. Time steps to each timer's deadline before it runs, so a timer scheduled by a timer fires at
   * its own simulated time (and within this call when that time is reached).
   *
   * @param duration how far to move the clock (not negative)
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + duration);
    }
    long target;
    synchronized (lock) {
      reanchorLocked();
      target = Math.addExact(anchorSimNanos, duration.toNanos());
    }
    while (true) {
      TimerImpl next;
      synchronized (lock) {
        reanchorLocked();
        next = timers.peek();
        if (next == null || next.deadline > target) {
          anchorSimNanos = Math.max(anchorSimNanos, target);
          lock.notifyAll();
          break;
        }
        timers.poll();
        anchorSimNanos = Math.max(anchorSimNanos, next.deadline);
        if (next.cancelled) {
          continue;
        }
        next.fired = true;
      }
      runSafely(next);
    }
    runDue();
  }

  /**
   * Jumps to {@code instant} (not before the current time) and runs the timers that became due.
   *
   * @param instant the new emulated time (not before the current one)
   */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant == null");
    Duration d = Duration.between(instant(), instant);
    if (d.isNegative()) {
      throw new IllegalArgumentException("the emulator clock cannot go back in time");
    }
    advance(d);
  }

  /**
   * Runs {@code task} when simulated time has moved by {@code delay}.
   *
   * @param delay how long to wait
   * @param task what runs when the delay has passed
   * @return the timer, to cancel it
   */
  public Timer schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay == null");
    Objects.requireNonNull(task, "task == null");
    TimerImpl timer;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("clock closed");
      }
      long deadline = simNanosLocked() + Math.max(0, delay.toNanos());
      timer = new TimerImpl(deadline, sequence++, task);
      timers.add(timer);
      ensureThreadLocked();
      lock.notifyAll();
    }
    return timer;
  }

  /** {@return number of timers not yet fired nor cancelled} */
  public int pendingTimers() {
    synchronized (lock) {
      return (int) timers.stream().filter(t -> !t.cancelled).count();
    }
  }

  /**
   * Runs every timer already due; returns how many ran.
   *
   * @return how many timers ran
   */
  public int runDue() {
    int ran = 0;
    while (true) {
      TimerImpl next;
      synchronized (lock) {
        next = timers.peek();
        if (next == null || next.deadline > simNanosLocked()) {
          return ran;
        }
        timers.poll();
        if (next.cancelled) {
          continue;
        }
        next.fired = true;
      }
      runSafely(next);
      ran++;
    }
  }

  private static void runSafely(TimerImpl timer) {
    try {
      timer.task.run();
    } catch (RuntimeException e) {
      System.getLogger(EmulatorClock.class.getName())
          .log(System.Logger.Level.WARNING, "emulator clock timer failed", e);
    }
  }

  private void ensureThreadLocked() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::loop, "hf4j-emulator-clock-" + THREAD_IDS.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (true) {
      synchronized (lock) {
        while (!closed) {
          TimerImpl next = timers.peek();
          long now = simNanosLocked();
          if (next != null && next.deadline <= now) {
            break;
          }
          try {
            if (next == null || speed == 0) {
              lock.wait();
            } else {
              long realWaitNanos = (long) Math.ceil((next.deadline - now) / speed);
              long millis = Math.max(1, Math.min(realWaitNanos / 1_000_000L + 1, 60_000));
              lock.wait(millis);
            }
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
      }
      runDue();
    }
  }

  /** Stops the timer thread; pending timers never fire. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      timers.clear();
      lock.notifyAll();
    }
  }

  @Override
  public String toString() {
    return "EmulatorClock[" + instant() + ", speed=" + speed() + "]";
  }

  private final class TimerImpl implements Timer, Comparable<TimerImpl> {
    final long deadline;
    final long seq;
    final Runnable task;
    boolean cancelled;
    boolean fired;

    TimerImpl(long deadline, long seq, Runnable task) {
      this.deadline = deadline;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public boolean cancel() {
      synchronized (lock) {
        if (cancelled || fired) {
          return false;
        }
        cancelled = true;
        timers.remove(this);
        return true;
      }
    }

    @Override
    public Instant deadline() {
      return Instant.ofEpochSecond(Math.floorDiv(deadline, 1_000_000_000L), Math.floorMod(deadline, 1_000_000_000L));
    }

    @Override
    public int compareTo(TimerImpl o) {
      int c = Long.compare(deadline, o.deadline);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
