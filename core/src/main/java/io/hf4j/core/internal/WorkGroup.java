package io.hf4j.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The parallel work of one call (an upload, a snapshot download, a multipart upload) on a shared executor,
 * deadlock-free on an executor of any size.
 *
 * <p>Work goes into {@link Lane}s, each with its own queue and its own bound on how many of its tasks run at once
 * (hashing bounded by the processors, transfers by the call's concurrency, a serial lane for work that must run
 * one at a time in order). A lane hands at most that many helper tasks to the executor; each drains the lane and
 * ends when it is empty. The calling thread takes part too ({@link #runOne()}, {@link #helpUntil}): when every
 * executor thread is busy with other calls, the caller alone runs its call's work, and helpers that start late find
 * nothing left and end at once. No thread ever blocks waiting for a task queued behind it: a caller waits only when
 * nothing it may run is queued, that is when the rest of its work is running on other threads.
 *
 * <p>{@link #close()} drops the tasks not started (their futures fail with {@link CancellationException}) and waits
 * for the running ones, so that nothing of the call runs after it returns. Uses a {@link ReentrantLock}, never a
 * monitor, and holds it only around queue bookkeeping (virtual threads do not pin).
 */
public final class WorkGroup implements AutoCloseable {
  private final Executor executor;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Lane> lanes = new ArrayList<>();
  private int running;
  private long version;
  private boolean closed;

  /** A group whose helpers run on {@code executor}. */
  public WorkGroup(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * A new lane of this group running at most {@code parallelism} of its tasks at once (the calling thread's share
   * included); 1 makes a serial lane, whose tasks run one at a time in the order they were queued.
   */
  public Lane lane(int parallelism) {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be >= 1 but was " + parallelism);
    Lane lane = new Lane(parallelism);
    lock.lock();
    try {
      lanes.add(lane);
    } finally {
      lock.unlock();
    }
    return lane;
  }

  /** One queue of a {@link WorkGroup}, with its own bound. */
  public final class Lane {
    private final int parallelism;
    private final Deque<Task> queue = new ArrayDeque<>();
    private int helpers;
    private int active;

    private Lane(int parallelism) {
      this.parallelism = parallelism;
    }

    /** Queues {@code work}; the future completes with its result, or its failure. */
    public <T> CompletableFuture<T> supply(Supplier<T> work) {
      CompletableFuture<T> f = new CompletableFuture<>();
      submit(new Task(this, () -> {
        try {
          f.complete(work.get());
        } catch (Throwable e) {
          f.completeExceptionally(e);
        }
      }, () -> f.completeExceptionally(new CancellationException("the call ended before this task started"))));
      return f;
    }

    /** Queues {@code work}; the future completes when it has run. */
    public CompletableFuture<Void> run(Runnable work) {
      return supply(() -> {
        work.run();
        return null;
      });
    }

    private void submit(Task task) {
      boolean start = false;
      boolean drop = false;
      lock.lock();
      try {
        if (closed) {
          drop = true;
        } else {
          queue.addLast(task);
          version++;
          changed.signalAll();
          start = wantsHelper();
        }
      } finally {
        lock.unlock();
      }
      if (drop) task.dropped.run();
      if (start) startHelper(this);
    }

    /** Under the lock: whether a helper should be started (and counts it when so). */
    private boolean wantsHelper() {
      if (queue.isEmpty() || helpers >= parallelism || active >= parallelism) return false;
      helpers++;
      return true;
    }

    /** Under the lock: the next task this lane may run now, counted as active, or null. */
    private @org.jspecify.annotations.Nullable Task take() {
      if (closed || active >= parallelism) return null;
      Task t = queue.pollFirst();
      if (t != null) {
        active++;
        running++;
      }
      return t;
    }
  }

  private void startHelper(Lane lane) {
    try {
      executor.execute(() -> help(lane));
    } catch (RejectedExecutionException e) {
      // A closed or saturated executor: the calling thread runs the work itself.
      lock.lock();
      try {
        lane.helpers--;
        version++;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** A helper: runs its lane's queued tasks until none is left (or the lane is at its bound). */
  private void help(Lane lane) {
    while (true) {
      Task t;
      lock.lock();
      try {
        t = lane.take();
        if (t == null) {
          lane.helpers--;
          return;
        }
      } finally {
        lock.unlock();
      }
      runTask(t);
    }
  }

  private void runTask(Task t) {
    try {
      t.work.run();
    } finally {
      boolean start;
      lock.lock();
      try {
        t.lane.active--;
        running--;
        version++;
        changed.signalAll();
        // A task run by the caller may have kept a helper from taking the next one: hand it on.
        start = !closed && t.lane.wantsHelper();
      } finally {
        lock.unlock();
      }
      if (start) startHelper(t.lane);
    }
  }

  /**
   * Runs one queued task (of any lane that is below its bound) on the calling thread.
   *
   * @return false when there was none
   */
  public boolean runOne() {
    Task t = null;
    lock.lock();
    try {
      for (Lane lane : lanes) {
        t = lane.take();
        if (t != null) break;
      }
    } finally {
      lock.unlock();
    }
    if (t == null) return false;
    runTask(t);
    return true;
  }

  /** A counter that moves whenever a task is queued or ends, or {@link #signal()} is called. */
  public long version() {
    lock.lock();
    try {
      return version;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes a thread in {@link #awaitChange}: for progress made outside the group (a future, a queue). */
  public void signal() {
    lock.lock();
    try {
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@link #version()} moves past {@code seen} or {@code timeoutNanos} passed.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitChange(long seen, long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (version == seen && left > 0) left = changed.awaitNanos(left);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs queued tasks on the calling thread, and waits when none may run, until {@code done} says true. {@code
   * check} runs between steps (at least every {@code sliceMillis}) and may throw to stop. Whoever makes {@code
   * done} true outside this group's tasks calls {@link #signal()} (or the wait lasts up to a slice).
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void helpUntil(BooleanSupplier done, Runnable check, long sliceMillis) throws InterruptedException {
    long slice = TimeUnit.MILLISECONDS.toNanos(sliceMillis);
    while (true) {
      check.run();
      long seen = version();
      if (done.getAsBoolean()) return;
      if (runOne()) continue;
      awaitChange(seen, slice);
    }
  }

  /** {@link #helpUntil(BooleanSupplier, Runnable, long)} until {@code future} completes (it signals this group). */
  public void helpUntil(CompletableFuture<?> future, Runnable check, long sliceMillis) throws InterruptedException {
    future.whenComplete((v, e) -> signal());
    helpUntil(future::isDone, check, sliceMillis);
  }

  /**
   * Drops the queued tasks and waits until no task of this group runs any more. Idempotent. A helper handed to
   * the executor but not started yet ends at once when it starts. Must not be called from one of the group's tasks.
   */
  @Override
  public void close() {
    List<Task> dropped = new ArrayList<>();
    lock.lock();
    try {
      closed = true;
      for (Lane lane : lanes) {
        dropped.addAll(lane.queue);
        lane.queue.clear();
      }
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    // Their futures fail first (waiters learn at once), then the running tasks are waited for.
    for (Task t : dropped) t.dropped.run();
    boolean interrupted = false;
    lock.lock();
    try {
      while (running > 0) {
        try {
          changed.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  private record Task(Lane lane, Runnable work, Runnable dropped) {}
}
