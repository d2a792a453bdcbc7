package io.hf4j.r2;

import io.hf4j.core.HfValidationException;
import java.util.List;

/**
 * How an object is cut into parts, under R2's rules: every part but the last has the same size, the
 * last is not larger than the others, a part is 5 MiB to 5 GiB - 5 MiB, and there are at most 10 000
 * parts. S3 itself accepts unequal parts, so S3-compatible test servers do not enforce this: hf4j does.
 *
 * @param objectSize the size of the whole object
 * @param partSize the size of every part but the last
 * @param partCount the number of parts
 */
record MultipartPlan(long objectSize, long partSize, int partCount) {
  static final long MIB = 1024L * 1024;
  static final long MIN_PART_SIZE = 5 * MIB;
  static final long MAX_PART_SIZE = 5 * 1024 * MIB - 5 * MIB;
  static final long MAX_SINGLE_UPLOAD = 5 * 1024 * MIB - 5 * MIB;
  static final int MAX_PARTS = 10_000;
  static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * MIB - 5 * 1024 * MIB;

  /**
   * The plan for an object of {@code objectSize} bytes with parts of {@code preferredPartSize}, raised to
   * a whole number of MiB when the object would need more than 10 000 parts.
   *
   * @throws HfValidationException if no plan fits R2's limits
   */
  static MultipartPlan of(long objectSize, long preferredPartSize) {
    if (objectSize <= 0) throw new HfValidationException("a multipart upload needs at least one byte");
    if (objectSize > MAX_OBJECT_SIZE) {
      throw new HfValidationException("R2 objects are at most " + MAX_OBJECT_SIZE + " bytes but this one has " + objectSize);
    }
    if (preferredPartSize < MIN_PART_SIZE || preferredPartSize > MAX_PART_SIZE) {
      throw new HfValidationException("part size must be within [" + MIN_PART_SIZE + ", " + MAX_PART_SIZE + "] but was "
          + preferredPartSize);
    }
    long partSize = preferredPartSize;
    if (ceilDiv(objectSize, partSize) > MAX_PARTS) {
      partSize = ceilDiv(ceilDiv(objectSize, MAX_PARTS), MIB) * MIB;
    }
    MultipartPlan plan = new MultipartPlan(objectSize, partSize, (int) ceilDiv(objectSize, partSize));
    plan.checkR2Rules(plan.partSizes());
    return plan;
  }

  /** The byte offset of a part in the object; parts are numbered from 1. */
  long offset(int partNumber) {
    return (partNumber - 1) * partSize;
  }

  /** The size of a part. */
  long length(int partNumber) {
    if (partNumber < 1 || partNumber > partCount) throw new IllegalArgumentException("no part " + partNumber);
    return Math.min(partSize, objectSize - offset(partNumber));
  }

  List<Long> partSizes() {
    Long[] sizes = new Long[partCount];
    for (int i = 1; i <= partCount; i++) sizes[i - 1] = length(i);
    return List.of(sizes);
  }

  /**
   * Checks the sizes of the parts actually sent against R2's rules and this plan.
   *
   * @throws HfValidationException naming the first part that breaks a rule
   */
  void checkR2Rules(List<Long> sizes) {
    if (sizes.isEmpty() || sizes.size() > MAX_PARTS) {
      throw new HfValidationException("R2 needs 1 to " + MAX_PARTS + " parts but got " + sizes.size());
    }
    long first = sizes.get(0);
    long total = 0;
    for (int i = 0; i < sizes.size(); i++) {
      long s = sizes.get(i);
      total += s;
      boolean last = i == sizes.size() - 1;
      if (s <= 0 || s > MAX_PART_SIZE) {
        throw new HfValidationException("part " + (i + 1) + " has " + s + " bytes; R2 parts hold 1 to " + MAX_PART_SIZE);
      }
      if (!last && s != first) {
        throw new HfValidationException("part " + (i + 1) + " has " + s + " bytes but part 1 has " + first
            + ": R2 needs every part but the last to have the same size");
      }
      if (!last && s < MIN_PART_SIZE) {
        throw new HfValidationException("part " + (i + 1) + " has " + s + " bytes; every part but the last needs at least "
            + MIN_PART_SIZE);
      }
      if (last && s > first) {
        throw new HfValidationException("the last part has " + s + " bytes, more than the " + first
            + " of the others, which R2 refuses");
      }
    }
    if (total != objectSize) {
      throw new HfValidationException("the parts hold " + total + " bytes but the object has " + objectSize);
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
