package io.hf4j.examples.freeflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.jobs.JobHardware;
import io.hf4j.jobs.JobHardwareInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreeFlowTest {
  private static JobHardwareInfo flavor(String name, double usdPerMinute, boolean gpu) {
    JobHardwareInfo.Accelerator acc = gpu ? new JobHardwareInfo.Accelerator("gpu", "T4", "1", "16 GB", "Nvidia") : null;
    return new JobHardwareInfo(JobHardware.of(name), name, "2 vCPU", "16 GB", "50 GB", acc,
        (long) (usdPerMinute * 1_000_000), usdPerMinute, "minute", java.util.Map.of());
  }

  private static final List<JobHardwareInfo> HARDWARE = List.of(
      flavor("t4-small", 0.0067, true), flavor("cpu-upgrade", 0.0005, false), flavor("cpu-basic", 0.0002, false));

  @Test
  void picksTheCheapestCpuFlavorUnlessOneIsNamed() {
    assertEquals("cpu-basic", FreeFlow.pickFlavor(HARDWARE, Optional.empty()).name().value());
    assertEquals("t4-small", FreeFlow.pickFlavor(HARDWARE, Optional.of("t4-small")).name().value());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FreeFlow.pickFlavor(HARDWARE, Optional.of("a100-large")));
    assertTrue(e.getMessage().contains("[t4-small, cpu-upgrade, cpu-basic]"), e.getMessage());
    assertEquals("t4-small", FreeFlow.pickFlavor(List.of(flavor("t4-small", 0.0067, true)), Optional.empty()).name().value());
  }
}
