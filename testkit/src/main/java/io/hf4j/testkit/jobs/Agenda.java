package io.hf4j.testkit.jobs;

import io.hf4j.testkit.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * The emulation's timed events, run in the order of their intended instants on the emulator's clock.
 * One clock timer is armed for the earliest event; when it fires, every due event runs, including
 * events added meanwhile for instants already past, so a manual clock advanced by hours at once plays
 * every step of every job in the right order.
 */
final class Agenda {
  /** A pending event; {@link #cancel()} drops it. */
  static final class Event implements Comparable<Event> {
    final Instant when;
    final long seq;
    final Runnable task;
    volatile boolean cancelled;

    Event(Instant when, long seq, Runnable task) {
      this.when = when;
      this.seq = seq;
      this.task = task;
    }

    void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Event o) {
      int c = when.compareTo(o.when);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final EmulatorClock clock;
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private long seq;
  private EmulatorClock.Timer armed;
  private Instant armedFor;
  private boolean running;
  private boolean closed;

  Agenda(EmulatorClock clock) {
    this.clock = clock;
  }

  /** Runs {@code task} when the clock reaches {@code when} (at once, in order, if it has passed). */
  synchronized Event at(Instant when, Runnable task) {
    Event e = new Event(when, seq++, task);
    if (closed) {
      e.cancel();
      return e;
    }
    queue.add(e);
    if (!running) {
      arm();
    }
    return e;
  }

  private void arm() {
    Event first = queue.peek();
    while (first != null && first.cancelled) {
      queue.poll();
      first = queue.peek();
    }
    if (first == null || closed) {
      return;
    }
    if (armed != null && armedFor != null && !armedFor.isAfter(first.when)) {
      return;
    }
    if (armed != null) {
      armed.cancel();
    }
    Duration delay = Duration.between(clock.instant(), first.when);
    armedFor = first.when;
    armed = clock.schedule(delay.isNegative() ? Duration.ZERO : delay, this::fire);
  }

  private void fire() {
    synchronized (this) {
      armed = null;
      armedFor = null;
      if (running) {
        return;
      }
      running = true;
    }
    try {
      while (true) {
        Event e;
        synchronized (this) {
          e = queue.peek();
          if (e == null || closed || e.when.isAfter(clock.instant())) {
            break;
          }
          queue.poll();
        }
        if (!e.cancelled) {
          try {
            e.task.run();
          } catch (RuntimeException ex) {
            System.getLogger(Agenda.class.getName()).log(System.Logger.Level.WARNING, "jobs emulation event failed", ex);
          }
        }
      }
    } finally {
      synchronized (this) {
        running = false;
        arm();
      }
    }
  }

  synchronized void close() {
    closed = true;
    queue.clear();
    if (armed != null) {
      armed.cancel();
    }
  }
}
