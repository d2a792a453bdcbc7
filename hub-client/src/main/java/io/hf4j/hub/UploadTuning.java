package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Internal knobs of the upload pipeline. Defaults follow the Python client's streamed upload
 * ({@code _upload_pipeline.py}); tests shrink them.
 *
 * @param preuploadBatch files per preupload call (server limit 256)
 * @param lfsBatch objects per LFS batch call (server limit 256)
 * @param commitSizes the adaptive files-per-commit scale
 * @param initialCommitSizeIndex where the scale starts
 * @param targetCommitDuration commits faster than this grow the next batch, slower ones shrink it
 * @param maxBatchAge a batch older than this is committed even if not full
 * @param regularBytesBudget inline (base64) bytes per commit before the batch is closed
 * @param maxInflightFiles files prepared ahead of the committer (backpressure)
 */
record UploadTuning(
    int preuploadBatch,
    int lfsBatch,
    List<Integer> commitSizes,
    int initialCommitSizeIndex,
    Duration targetCommitDuration,
    Duration maxBatchAge,
    long regularBytesBudget,
    int maxInflightFiles) {

  static final UploadTuning DEFAULTS = new UploadTuning(
      256, 256, List.of(20, 50, 75, 100, 125, 200, 250, 400, 600, 1000), 6, Duration.ofSeconds(40),
      Duration.ofMinutes(5), 100L * 1024 * 1024, 4096);

  UploadTuning {
    HfValidation.positive(preuploadBatch, "preuploadBatch");
    HfValidation.positive(lfsBatch, "lfsBatch");
    int largest = 0;
    for (Integer size : commitSizes) {
      HfValidation.positive(Objects.requireNonNull(size, "commitSizes has a null"), "commitSizes");
      largest = Math.max(largest, size);
    }
    positive(targetCommitDuration, "targetCommitDuration");
    positive(maxBatchAge, "maxBatchAge");
    if (regularBytesBudget < 1) {
      throw new HfValidationException("regularBytesBudget must be >= 1 but was " + regularBytesBudget);
    }
    HfValidation.positive(maxInflightFiles, "maxInflightFiles");
    commitSizes = List.copyOf(commitSizes);
    if (commitSizes.isEmpty()) throw new IllegalArgumentException("commitSizes is empty");
    if (initialCommitSizeIndex < 0 || initialCommitSizeIndex >= commitSizes.size()) {
      throw new IllegalArgumentException("initialCommitSizeIndex out of range");
    }
    if (maxInflightFiles < largest + preuploadBatch) {
      // The coordinator must be able to prepare a whole preupload batch beyond a full commit batch.
      throw new IllegalArgumentException("maxInflightFiles must be >= the largest commit size + preuploadBatch");
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name + " == null");
    if (d.isZero() || d.isNegative()) throw new HfValidationException(name + " must be positive but was " + d);
  }
}
