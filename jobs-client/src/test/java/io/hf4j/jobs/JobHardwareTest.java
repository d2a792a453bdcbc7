package io.hf4j.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobHardwareTest {
  @Test
  void everyFlavorOfTheProtocolTableIsAConstant() {
    assertEquals(26, JobHardware.known().size());
    assertEquals("cpu-basic", JobHardware.known().get(0).value());
    assertEquals("l40sx8", JobHardware.known().get(25).value());
  }

  @Test
  void eachFlavorKnowsCpuFromGpu() {
    assertTrue(JobHardware.CPU_BASIC.isCpu());
    assertTrue(JobHardware.CPU_PERFORMANCE.isCpu());
    assertTrue(JobHardware.H200X8.isGpu());
    assertTrue(JobHardware.RTX_PRO_6000X8.isGpu());
    assertFalse(JobHardware.L4X1.isCpu());
    assertEquals(4, JobHardware.known().stream().filter(JobHardware::isCpu).count());
  }

  @Test
  void unknownFlavorsAreKept() {
    JobHardware h = JobHardware.of("b300x8");
    assertFalse(h.isKnown());
    assertEquals("b300x8", h.toString());
    assertEquals(h, JobHardware.of("b300x8"));
    assertSame(JobHardware.A10G_SMALL, JobHardware.of("a10g-small"));
  }

  @Test
  void nearestKnownSuggestsTypos() {
    assertEquals(JobHardware.A10G_SMALL, JobHardware.nearestKnown("a10g-smal"));
    assertEquals(JobHardware.T4_MEDIUM, JobHardware.nearestKnown("t4-meduim"));
    assertEquals(JobHardware.CPU_BASIC, JobHardware.nearestKnown("CPU-Basic"));
    assertNull(JobHardware.nearestKnown("quantum-computer"));
  }

  @Test
  void stagesKnowWhichAreTerminal() {
    assertTrue(JobStage.COMPLETED.isTerminal());
    assertTrue(JobStage.ERROR.isTerminal());
    assertTrue(JobStage.CANCELED.isTerminal());
    assertTrue(JobStage.DELETED.isTerminal());
    assertFalse(JobStage.RUNNING.isTerminal());
    assertFalse(JobStage.UPDATING.isTerminal());
    JobStage odd = JobStage.of("PAUSED");
    assertFalse(odd.isKnown());
    assertFalse(odd.isTerminal());
  }
}
