package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfValidationException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Negative or zero upload tuning values are typed validation errors naming the value (issue 18 item 13). */
class UploadTuningValidationTest {
  private static final UploadTuning D = UploadTuning.DEFAULTS;

  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of("preuploadBatch", (Executable) () -> new UploadTuning(0, D.lfsBatch(), D.commitSizes(),
            D.initialCommitSizeIndex(), D.targetCommitDuration(), D.maxBatchAge(), D.regularBytesBudget(),
            D.maxInflightFiles())),
        Arguments.of("lfsBatch", (Executable) () -> new UploadTuning(D.preuploadBatch(), -1, D.commitSizes(),
            D.initialCommitSizeIndex(), D.targetCommitDuration(), D.maxBatchAge(), D.regularBytesBudget(),
            D.maxInflightFiles())),
        Arguments.of("commitSizes", (Executable) () -> new UploadTuning(D.preuploadBatch(), D.lfsBatch(),
            List.of(20, -5), 0, D.targetCommitDuration(), D.maxBatchAge(), D.regularBytesBudget(),
            D.maxInflightFiles())),
        Arguments.of("targetCommitDuration", (Executable) () -> new UploadTuning(D.preuploadBatch(), D.lfsBatch(),
            D.commitSizes(), D.initialCommitSizeIndex(), Duration.ofSeconds(-1), D.maxBatchAge(),
            D.regularBytesBudget(), D.maxInflightFiles())),
        Arguments.of("maxBatchAge", (Executable) () -> new UploadTuning(D.preuploadBatch(), D.lfsBatch(),
            D.commitSizes(), D.initialCommitSizeIndex(), D.targetCommitDuration(), Duration.ZERO,
            D.regularBytesBudget(), D.maxInflightFiles())),
        Arguments.of("regularBytesBudget", (Executable) () -> new UploadTuning(D.preuploadBatch(), D.lfsBatch(),
            D.commitSizes(), D.initialCommitSizeIndex(), D.targetCommitDuration(), D.maxBatchAge(), -100,
            D.maxInflightFiles())),
        Arguments.of("maxInflightFiles", (Executable) () -> new UploadTuning(D.preuploadBatch(), D.lfsBatch(),
            D.commitSizes(), D.initialCommitSizeIndex(), D.targetCommitDuration(), D.maxBatchAge(),
            D.regularBytesBudget(), -4096)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void rejected(String name, Executable construct) {
    HfValidationException e = assertThrows(HfValidationException.class, construct);
    assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
  }
}
