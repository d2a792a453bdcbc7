package io.hf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmulatorClockTest {
  private static final Instant T0 = Instant.parse("2025-03-07T12:00:00Z");

  @Test
  void manualClockMovesOnlyWhenAdvancedAndFiresTimersInOrder() throws InterruptedException {
    try (EmulatorClock clock = EmulatorClock.manual(T0)) {
      List<String> fired = new CopyOnWriteArrayList<>();
      clock.schedule(Duration.ofSeconds(30), () -> fired.add("30s"));
      clock.schedule(Duration.ofSeconds(10), () -> {
        fired.add("10s");
        clock.schedule(Duration.ofSeconds(5), () -> fired.add("10s+5s"));
      });
      EmulatorClock.Timer cancelled = clock.schedule(Duration.ofSeconds(20), () -> fired.add("cancelled"));
      Thread.sleep(20);
      assertEquals(T0, clock.instant());
      assertTrue(cancelled.cancel());
      assertFalse(cancelled.cancel());
      clock.advance(Duration.ofSeconds(9));
      assertEquals(List.of(), fired);
      clock.advance(Duration.ofSeconds(21));
      assertEquals(List.of("10s", "10s+5s", "30s"), fired);
      assertEquals(T0.plusSeconds(30), clock.instant());
      assertEquals(0, clock.pendingTimers());
      assertThrows(IllegalArgumentException.class, () -> clock.set(T0));
      clock.set(T0.plusSeconds(60));
      assertEquals(T0.plusSeconds(60).toEpochMilli(), clock.millis());
    }
  }

  @Test
  void runningClockFiresTimersOnItsOwnThread() throws InterruptedException {
    try (EmulatorClock clock = EmulatorClock.accelerated(100)) {
      CountDownLatch done = new CountDownLatch(1);
      Instant start = clock.instant();
      long t0 = System.nanoTime();
      clock.schedule(Duration.ofSeconds(10), done::countDown);
      assertTrue(done.await(5, TimeUnit.SECONDS), "10 simulated seconds at 100x take about 100 ms");
      long realMillis = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(realMillis < 3000, "took " + realMillis + " ms");
      assertTrue(Duration.between(start, clock.instant()).getSeconds() >= 10);
    }
  }

  @Test
  void speedCanChangeAndFreeze() throws InterruptedException {
    try (EmulatorClock clock = EmulatorClock.system()) {
      assertEquals(1.0, clock.speed());
      assertTrue(Math.abs(Duration.between(Instant.now(), clock.instant()).toMillis()) < 1000);
      clock.setSpeed(0);
      Instant frozen = clock.instant();
      Thread.sleep(30);
      assertEquals(frozen, clock.instant());
      CountDownLatch fired = new CountDownLatch(1);
      clock.schedule(Duration.ofHours(1), fired::countDown);
      assertFalse(fired.await(50, TimeUnit.MILLISECONDS));
      clock.advance(Duration.ofHours(1));
      assertEquals(0, fired.getCount());
      assertThrows(IllegalArgumentException.class, () -> clock.setSpeed(-1));
      assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }
  }

  @Test
  void closedClockRefusesTimers() {
    EmulatorClock clock = EmulatorClock.manual(T0);
    clock.close();
    assertThrows(IllegalStateException.class, () -> clock.schedule(Duration.ZERO, () -> { }));
  }
}
