package io.hf4j.hub;

import java.nio.file.Paths;

/** A second process for {@link CacheLockTest}: takes the lock, says so, and holds it until stdin has a line. */
final class CacheLockHolder {
  private CacheLockHolder() {}

  public static void main(String[] args) throws Exception {
    CacheLock lock = CacheLock.acquire(Paths.get(args[0]));
    try {
      System.out.println("locked");
      System.out.flush();
      System.in.read();
    } finally {
      lock.close();
    }
  }
}
