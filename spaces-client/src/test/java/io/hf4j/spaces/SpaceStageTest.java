package io.hf4j.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.internal.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpaceStageTest {
  @Test
  void classifiesEveryKnownStage() {
    Map<String, SpaceStage.Kind> expected = Map.ofEntries(
        Map.entry("BUILDING", SpaceStage.Kind.TRANSITIONAL),
        Map.entry("APP_STARTING", SpaceStage.Kind.TRANSITIONAL),
        Map.entry("RUNNING_BUILDING", SpaceStage.Kind.TRANSITIONAL),
        Map.entry("RUNNING_APP_STARTING", SpaceStage.Kind.TRANSITIONAL),
        Map.entry("RUNNING", SpaceStage.Kind.RUNNING),
        Map.entry("PAUSED", SpaceStage.Kind.STOPPED),
        Map.entry("STOPPED", SpaceStage.Kind.STOPPED),
        Map.entry("SLEEPING", SpaceStage.Kind.STOPPED),
        Map.entry("DELETING", SpaceStage.Kind.STOPPED),
        Map.entry("BUILD_ERROR", SpaceStage.Kind.FAILED),
        Map.entry("RUNTIME_ERROR", SpaceStage.Kind.FAILED),
        Map.entry("CONFIG_ERROR", SpaceStage.Kind.FAILED),
        Map.entry("NO_APP_FILE", SpaceStage.Kind.FAILED));
    expected.forEach((stage, kind) -> {
      assertEquals(kind, SpaceStage.of(stage).kind(), stage);
      assertTrue(SpaceStage.of(stage).isKnown());
    });
    assertTrue(SpaceStage.RUNNING_BUILDING.isServing());
    assertFalse(SpaceStage.BUILDING.isServing());
    assertTrue(SpaceStage.BUILD_ERROR.isFailed());
    assertTrue(SpaceStage.SLEEPING.isStopped());
  }

  @Test
  void unknownStageIsKeptAndRoundTrips() throws Exception {
    SpaceStage s = Json.moshi().adapter(SpaceStage.class).fromJson("\"QUANTUM_SUPERPOSITION\"");
    assertEquals(SpaceStage.Kind.UNKNOWN, s.kind());
    assertFalse(s.isKnown());
    assertEquals("\"QUANTUM_SUPERPOSITION\"", Json.moshi().adapter(SpaceStage.class).toJson(s));
    assertEquals(SpaceStage.RUNNING, SpaceStage.of("RUNNING"));
    assertEquals("RUNNING", SpaceStage.RUNNING.toString());
  }
}
