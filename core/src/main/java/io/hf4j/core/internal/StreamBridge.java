package io.hf4j.core.internal;

import io.hf4j.core.HfException;
import io.hf4j.core.HfInterruptedException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a blocking producer that pushes items to a callback into a lazy {@link Stream}: the producer
 * runs on a daemon thread started by the first read, hands items over through a small queue, and is
 * stopped when the stream is closed.
 */
public final class StreamBridge<T> implements Iterator<T> {
  /** A producer: pushes every item to the sink, returns when done, throws on failure. */
  public interface Producer<T> {
    /** Pushes every item to {@code sink}. */
    void run(Consumer<T> sink);
  }

  private static final Object END = new Object();
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(256);
  private final Producer<T> producer;
  private final Runnable stopProducer;
  private final String threadName;
  private volatile boolean closed;
  private Thread thread;
  private Object next;
  private boolean done;

  private StreamBridge(String threadName, Producer<T> producer, Runnable stopProducer) {
    this.threadName = threadName;
    this.producer = producer;
    this.stopProducer = stopProducer;
  }

  /** A stream of what {@code producer} pushes; closing it runs {@code stopProducer} and ends the thread. */
  public static <T> Stream<T> stream(String threadName, Producer<T> producer, Runnable stopProducer) {
    StreamBridge<T> bridge = new StreamBridge<>(threadName, producer, stopProducer);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(bridge, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(bridge::close);
  }

  private synchronized void start() {
    if (thread != null) return;
    thread = new Thread(this::produce, threadName + "-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
  }

  private void produce() {
    Object last = END;
    try {
      producer.run(this::put);
    } catch (Closed e) {
      return;
    } catch (Throwable t) {
      last = new Failure(t);
    }
    try {
      while (!closed && !queue.offer(last, 100, TimeUnit.MILLISECONDS)) {
        // wait for the reader
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void put(T item) {
    try {
      while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
        if (closed) throw new Closed();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Closed();
    }
    if (closed) throw new Closed();
  }

  @Override
  public boolean hasNext() {
    if (done) return false;
    if (next != null) return true;
    start();
    Object o;
    try {
      o = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new HfInterruptedException("interrupted while reading the stream", e);
    }
    if (o == END) {
      done = true;
      return false;
    }
    if (o instanceof Failure f) {
      done = true;
      if (f.error instanceof RuntimeException re) throw re;
      if (f.error instanceof Error err) throw err;
      throw new HfException(String.valueOf(f.error.getMessage()), f.error);
    }
    next = o;
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) throw new NoSuchElementException();
    T t = (T) next;
    next = null;
    return t;
  }

  void close() {
    if (closed) return;
    closed = true;
    done = true;
    stopProducer.run();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) t.interrupt();
  }

  private record Failure(Throwable error) {}

  /** Thrown inside the producer when the reader closed the stream. */
  private static final class Closed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Closed() {
      super("stream closed", null, false, false);
    }
  }
}
