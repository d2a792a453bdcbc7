package io.hf4j.xet;

import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The xet module's only door to threads: CPU work (chunk hashes, sha256, LZ4) is handed to an {@link Executor}
 * in small independent tasks, and the thread that needs the result always helps: it runs every task nobody has
 * started yet itself. So any executor works, a saturated one, one shared with blocked callers, even a direct
 * one ({@code Runnable::run}); more threads only make it faster, never deadlock it.
 */
final class Parallel {
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** The executor used when none is given: a daemon pool with one thread per core. */
  static final Executor DEFAULT = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
    ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
    t.setName("hf4j-xet-cpu-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  }, null, false);

  /** At most this many executor tasks per batch: each takes work items until none is left. */
  private static final int MAX_HELPERS = 16;

  private Parallel() {}

  static Executor orDefault(@Nullable Executor executor) {
    return executor == null ? DEFAULT : executor;
  }

  /** Work that may run on any thread. */
  @FunctionalInterface
  interface Task {
    void run(int index);
  }

  /** Runs {@code count} independent tasks and returns when all are done; the caller runs its share. */
  static void forEach(Executor executor, int count, Task task) throws InterruptedIOException {
    if (count == 1) {
      task.run(0);
      return;
    }
    Batch b = start(executor, count, task);
    b.join();
  }

  /** Starts {@code count} independent tasks; {@link Batch#join} waits for them (and runs what is left). */
  static Batch start(Executor executor, int count, Task task) {
    Batch b = new Batch(count, task);
    int helpers = Math.min(count, MAX_HELPERS);
    for (int i = 0; i < helpers; i++) {
      try {
        executor.execute(b::runSome);
      } catch (RejectedExecutionException e) {
        break; // the caller runs them in join()
      }
    }
    return b;
  }

  /** A set of independent tasks in progress. */
  static final class Batch {
    private final int count;
    private final Task task;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;
    private volatile @Nullable Throwable failure;

    private Batch(int count, Task task) {
      this.count = count;
      this.task = task;
      this.done = new CountDownLatch(count);
    }

    private void runSome() {
      int i;
      while ((i = next.getAndIncrement()) < count) {
        try {
          task.run(i);
        } catch (Throwable t) {
          failure = t;
        } finally {
          done.countDown();
        }
      }
    }

    /** Runs the tasks nobody started, waits for the others, rethrows a task's failure. */
    void join() throws InterruptedIOException {
      runSome();
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing");
      }
      rethrow(failure);
    }

    /** Lets no further task start (tasks already running finish on their own). */
    void cancel() {
      next.set(count);
    }
  }

  /**
   * A serial lane: steps run one after the other in submission order, on the executor or on a thread waiting
   * for one of them (a running sha256 over consecutive blocks).
   */
  static final class Lane {
    private final Executor executor;
    private final ConcurrentLinkedQueue<Step> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    Lane(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Queues {@code work} after the steps already queued. */
    Step submit(Runnable work) {
      Step s = new Step(work);
      queue.add(s);
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // a waiter drains it
      }
      return s;
    }

    private void drain() {
      while (!queue.isEmpty() && running.compareAndSet(false, true)) {
        try {
          Step s;
          while ((s = queue.poll()) != null) {
            s.run();
          }
        } finally {
          running.set(false);
        }
      }
    }

    /** Waits until {@code step} ran (running queued steps itself when nobody does); rethrows its failure. */
    void await(Step step) throws InterruptedIOException {
      try {
        while (true) {
          drain();
          if (step.done.await(5, TimeUnit.MILLISECONDS)) {
            break;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing");
      }
      rethrow(step.failure);
    }

    /** Drops the steps not started yet. */
    void cancel() {
      queue.clear();
    }
  }

  /** One step of a {@link Lane}. */
  static final class Step {
    private final Runnable work;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile @Nullable Throwable failure;

    private Step(Runnable work) {
      this.work = work;
    }

    private void run() {
      try {
        work.run();
      } catch (Throwable t) {
        failure = t;
      } finally {
        done.countDown();
      }
    }
  }

  private static void rethrow(@Nullable Throwable t) {
    if (t == null) {
      return;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }
}
