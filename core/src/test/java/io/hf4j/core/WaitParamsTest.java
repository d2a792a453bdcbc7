package io.hf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link WaitParams#toBuilder()}: a copy of every value, changed without touching the original. */
class WaitParamsTest {
  @Test
  void toBuilderCopiesEveryValueAndLeavesTheOriginal() {
    CancellationToken first = CancellationToken.create();
    CancellationToken second = CancellationToken.create();
    WaitListener listener = event -> { };
    WaitParams original = WaitParams.builder().timeout(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
        .maxPollInterval(Duration.ofSeconds(8)).maxRetries(4).cancellationToken(first).listener(listener).build();

    WaitParams copy = original.toBuilder().cancellationToken(second).build();
    assertEquals(Duration.ofMinutes(3), copy.timeout());
    assertEquals(Duration.ofSeconds(2), copy.pollInterval());
    assertEquals(Duration.ofSeconds(8), copy.maxPollInterval());
    assertEquals(4, copy.maxRetries());
    assertSame(listener, copy.listener());
    assertSame(second, copy.cancellationToken());
    assertSame(first, original.cancellationToken(), "the original keeps its token");

    WaitParams empty = WaitParams.defaults().toBuilder().build();
    assertNull(empty.timeout());
    assertNull(empty.cancellationToken());
    assertEquals(WaitParams.DEFAULT_MAX_RETRIES, empty.maxRetries());
    // The copy is validated again on build().
    assertThrows(HfValidationException.class, () -> original.toBuilder().maxPollInterval(Duration.ofSeconds(1)).build());
  }
}
