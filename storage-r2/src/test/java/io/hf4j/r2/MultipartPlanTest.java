package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartPlanTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void everyPartButTheLastHasThePartSize() {
    MultipartPlan plan = MultipartPlan.of(12 * MIB + 1, 5 * MIB);
    assertEquals(3, plan.partCount());
    assertEquals(List.of(5 * MIB, 5 * MIB, 2 * MIB + 1), plan.partSizes());
    assertEquals(0, plan.offset(1));
    assertEquals(10 * MIB, plan.offset(3));
  }

  @Test
  void anExactMultipleEndsWithAFullPart() {
    assertEquals(List.of(5 * MIB, 5 * MIB, 5 * MIB), MultipartPlan.of(15 * MIB, 5 * MIB).partSizes());
  }

  @Test
  void aSmallObjectIsOnePart() {
    MultipartPlan plan = MultipartPlan.of(10, 5 * MIB);
    assertEquals(1, plan.partCount());
    assertEquals(List.of(10L), plan.partSizes());
  }

  @Test
  void partSizeGrowsToAWholeMibWhenTenThousandPartsAreNotEnough() {
    long size = 100L * 1024 * MIB + 7; // 100 GiB and a bit
    MultipartPlan plan = MultipartPlan.of(size, 5 * MIB);
    assertTrue(plan.partCount() <= 10_000, "parts: " + plan.partCount());
    assertEquals(0, plan.partSize() % MIB);
    assertEquals(11 * MIB, plan.partSize());
    long total = plan.partSizes().stream().mapToLong(Long::longValue).sum();
    assertEquals(size, total);
  }

  @Test
  void unequalPartsAreRefusedAsR2Does() {
    MultipartPlan plan = new MultipartPlan(12 * MIB, 6 * MIB, 3);
    HfValidationException e = assertThrows(HfValidationException.class,
        () -> plan.checkR2Rules(List.of(6 * MIB, 5 * MIB, MIB)));
    assertTrue(e.getMessage().contains("same size"), e.getMessage());
  }

  @Test
  void aLastPartLargerThanTheOthersIsRefused() {
    MultipartPlan plan = new MultipartPlan(16 * MIB, 5 * MIB, 3);
    HfValidationException e = assertThrows(HfValidationException.class,
        () -> plan.checkR2Rules(List.of(5 * MIB, 5 * MIB, 6 * MIB)));
    assertTrue(e.getMessage().contains("last part"), e.getMessage());
  }

  @Test
  void partsUnderFiveMibAreRefusedExceptTheLast() {
    MultipartPlan plan = new MultipartPlan(9 * MIB, 4 * MIB, 3);
    assertThrows(HfValidationException.class, () -> plan.checkR2Rules(List.of(4 * MIB, 4 * MIB, MIB)));
  }

  @Test
  void partsMustAddUpToTheObject() {
    MultipartPlan plan = new MultipartPlan(11 * MIB, 5 * MIB, 3);
    assertThrows(HfValidationException.class, () -> plan.checkR2Rules(List.of(5 * MIB, 5 * MIB, 2 * MIB)));
  }

  @Test
  void partSizeAndObjectSizeLimits() {
    assertThrows(HfValidationException.class, () -> MultipartPlan.of(100 * MIB, 5 * MIB - 1));
    assertThrows(HfValidationException.class, () -> MultipartPlan.of(100 * MIB, MultipartPlan.MAX_PART_SIZE + 1));
    assertThrows(HfValidationException.class, () -> MultipartPlan.of(0, 5 * MIB));
    assertThrows(HfValidationException.class, () -> MultipartPlan.of(MultipartPlan.MAX_OBJECT_SIZE + 1, 5 * MIB));
  }
}
