package io.hf4j.core.internal;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A value built once, on first use, by one thread; others wait for it. A lock, not a monitor: building may do I/O
 * (a trust store, an HTTP client), which must not pin a virtual thread. A build that throws is tried again next time.
 *
 * @param <T> the value
 */
public final class Lazy<T> {
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Supplier<? extends T> build;
  private volatile @Nullable T value;

  private Lazy(Supplier<? extends T> build) {
    this.build = build;
  }

  /** A value {@code build} makes on the first {@link #get()}. */
  public static <T> Lazy<T> of(Supplier<? extends T> build) {
    return new Lazy<>(Objects.requireNonNull(build, "build == null"));
  }

  /** The value, built now if it was not yet. */
  public T get() {
    T v = value;
    if (v != null) return v;
    lock.lock();
    try {
      v = value;
      if (v == null) {
        v = Objects.requireNonNull(Objects.requireNonNull(build, "build").get(), "the built value");
        value = v;
        build = null;
      }
      return v;
    } finally {
      lock.unlock();
    }
  }

  /** The value if it was built, else null (never builds). */
  public @Nullable T ifBuilt() {
    return value;
  }
}
