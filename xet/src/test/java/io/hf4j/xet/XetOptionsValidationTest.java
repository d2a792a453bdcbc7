package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A xorb size limit that cannot hold a chunk (negative, zero, tiny) or exceeds 64 MiB is a typed error. */
class XetOptionsValidationTest {
  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1000, Xorb.MAX_SERIALIZED_BYTES + 1, Integer.MIN_VALUE})
  void badXorbSizesAreRejected(int bytes) {
    HfValidationException e = assertThrows(HfValidationException.class,
        () -> XetUploadSession.Options.defaults().withMaxXorbBytes(bytes));
    assertTrue(e.getMessage().startsWith("maxXorbBytes must be within"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1 << 20, Xorb.MAX_SERIALIZED_BYTES})
  void sizesInRangeAreKept(int bytes) {
    assertEquals(bytes, XetUploadSession.Options.defaults().withMaxXorbBytes(bytes).maxXorbBytes());
  }
}
