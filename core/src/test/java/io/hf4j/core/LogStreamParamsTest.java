package io.hf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The fields every logs params shares: defaults, the read timeout that depends on follow, validation naming the field. */
class LogStreamParamsTest {
  /** A client's params as jobs-client and spaces-client write them: one extra field, their own defaults. */
  static final class DemoParams extends LogStreamParams {
    private final String extra;

    private DemoParams(Builder b) {
      super(b);
      this.extra = b.extra;
    }

    static Builder builder(boolean follow) {
      return new Builder(follow);
    }

    static final class Builder extends LogStreamParams.Builder<DemoParams, Builder> {
      private String extra = "none";

      Builder(boolean follow) {
        super(follow, Duration.ofSeconds(42));
      }

      Builder extra(String extra) {
        this.extra = extra;
        return this;
      }

      @Override
      public DemoParams build() {
        return new DemoParams(this);
      }
    }
  }

  @Test
  void defaultsComeFromTheSubclassAndTheBase() {
    DemoParams following = DemoParams.builder(true).build();
    assertTrue(following.isFollow());
    assertNull(following.tail());
    assertEquals(LogStreamParams.FOLLOW_READ_TIMEOUT, following.readTimeout());
    assertEquals(Duration.ofSeconds(42), following.livenessInterval());
    assertEquals(LogStreamParams.DEFAULT_MAX_RETRIES, following.maxRetries());
    assertNull(following.deadline());
    assertEquals(LogStreamParams.DEFAULT_SNAPSHOT_LIMIT, following.snapshotLimit());
    assertNull(following.cancellationToken());

    DemoParams snapshot = DemoParams.builder(true).follow(false).build();
    assertFalse(snapshot.isFollow());
    assertEquals(LogStreamParams.SNAPSHOT_READ_TIMEOUT, snapshot.readTimeout(), "an unset read timeout follows follow()");
  }

  @Test
  void sharedSettersChainWithTheSubclassSetters() {
    CancellationToken token = CancellationToken.create();
    DemoParams p = DemoParams.builder(false)
        .tail(10)
        .extra("x")              // the subclass's setter after a shared one: the chain keeps the subclass's builder
        .readTimeout(Duration.ofSeconds(7))
        .livenessInterval(Duration.ofSeconds(3))
        .maxRetries(0)
        .deadline(Duration.ofMinutes(2))
        .snapshotLimit(Duration.ofSeconds(9))
        .cancellationToken(token)
        .follow(true)
        .build();
    assertEquals("x", p.extra);
    assertEquals(10, p.tail());
    assertEquals(Duration.ofSeconds(7), p.readTimeout(), "an explicit read timeout wins over the follow default");
    assertEquals(Duration.ofSeconds(3), p.livenessInterval());
    assertEquals(0, p.maxRetries());
    assertEquals(Duration.ofMinutes(2), p.deadline());
    assertEquals(Duration.ofSeconds(9), p.snapshotLimit());
    assertSame(token, p.cancellationToken());
    assertTrue(p.isFollow());
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertRefused("tail", b -> b.tail(-1));
    assertRefused("maxRetries", b -> b.maxRetries(-1));
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
      assertRefused("readTimeout", b -> b.readTimeout(bad));
      assertRefused("livenessInterval", b -> b.livenessInterval(bad));
      assertRefused("deadline", b -> b.deadline(bad));
      assertRefused("snapshotLimit", b -> b.snapshotLimit(bad));
    }
    assertThrows(NullPointerException.class, () -> DemoParams.builder(true).cancellationToken(null));
  }

  private static void assertRefused(String field, Consumer<DemoParams.Builder> set) {
    HfValidationException e = assertThrows(HfValidationException.class, () -> set.accept(DemoParams.builder(true)));
    assertTrue(e.getMessage().startsWith(field + " must be"), e.getMessage());
  }
}
