package io.hf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link RepoType}'s written-out {@code equals} and {@code hashCode} keep a record's value semantics. */
class RepoTypeTest {
  @Test
  void equalValuesAreEqualAndHashAlike() {
    RepoType a = new RepoType("dataset");
    RepoType b = RepoType.of(" Datasets ");
    assertEquals(a, b);
    assertEquals(RepoType.DATASET, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals("dataset".hashCode(), a.hashCode());
    assertNotEquals(RepoType.MODEL, a);
    assertNotEquals(new RepoType("space"), new RepoType("Space"));
    assertNotEquals((Object) "dataset", a, "never equal to its value");
    assertNotEquals(null, a);
    Set<RepoType> set = new HashSet<>(Set.of(RepoType.MODEL, RepoType.SPACE));
    assertTrue(set.contains(RepoType.of("models")));
    assertTrue(RepoType.of("kernel").isKnown());
    assertEquals("datasets/", b.urlPrefix());
    assertEquals("", RepoType.of("model").urlPrefix());
  }
}
