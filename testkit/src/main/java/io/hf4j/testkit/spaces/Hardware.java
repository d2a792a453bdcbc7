package io.hf4j.testkit.spaces;

import io.hf4j.core.SpaceHardware;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Space hardware flavors the emulator offers, in the shape of {@code GET /api/spaces/hardware}. */
final class Hardware {
  private static final Object[][] TABLE = {
      // name, prettyName, cpu, ram, storage, accelerator model, quantity, vram, manufacturer, micro-USD per minute
      {"cpu-basic", "CPU Basic", "2 vCPU", "16 GB", "50 GB", null, null, null, null, 0L},
      {"cpu-upgrade", "CPU Upgrade", "8 vCPU", "32 GB", "50 GB", null, null, null, null, 500L},
      {"zero-a10g", "ZeroGPU", "2 vCPU", "16 GB", "50 GB", "A10G", "1", "24 GB", "Nvidia", 0L},
      {"t4-small", "Nvidia T4 - small", "4 vCPU", "15 GB", "50 GB", "T4", "1", "16 GB", "Nvidia", 6667L},
      {"t4-medium", "Nvidia T4 - medium", "8 vCPU", "30 GB", "100 GB", "T4", "1", "16 GB", "Nvidia", 10000L},
      {"l4x1", "1x Nvidia L4", "8 vCPU", "30 GB", "400 GB", "L4", "1", "24 GB", "Nvidia", 13333L},
      {"l4x4", "4x Nvidia L4", "48 vCPU", "186 GB", "3200 GB", "L4", "4", "96 GB", "Nvidia", 63333L},
      {"l40sx1", "1x Nvidia L40S", "8 vCPU", "62 GB", "380 GB", "L40S", "1", "48 GB", "Nvidia", 30000L},
      {"a10g-small", "Nvidia A10G - small", "4 vCPU", "15 GB", "110 GB", "A10G", "1", "24 GB", "Nvidia", 16667L},
      {"a10g-large", "Nvidia A10G - large", "12 vCPU", "46 GB", "200 GB", "A10G", "1", "24 GB", "Nvidia", 25000L},
      {"a100-large", "Nvidia A100 - large", "12 vCPU", "142 GB", "1000 GB", "A100", "1", "80 GB", "Nvidia", 41667L},
  };

  private Hardware() {}

  static List<Object> list() {
    List<Object> out = new ArrayList<>();
    for (Object[] row : TABLE) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", row[0]);
      m.put("prettyName", row[1]);
      m.put("cpu", row[2]);
      m.put("ram", row[3]);
      m.put("ephemeralStorage", row[4]);
      if (row[5] == null) {
        m.put("accelerator", null);
      } else {
        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("type", "gpu");
        acc.put("model", row[5]);
        acc.put("quantity", row[6]);
        acc.put("vram", row[7]);
        acc.put("manufacturer", row[8]);
        m.put("accelerator", acc);
      }
      long micro = (Long) row[9];
      m.put("unitCostMicroUSD", micro);
      m.put("unitCostUSD", micro / 1_000_000.0);
      m.put("unitLabel", "minute");
      out.add(m);
    }
    return out;
  }

  static boolean isKnown(String flavor) {
    if (SpaceHardware.of(flavor).isKnown()) return true;
    for (Object[] row : TABLE) {
      if (row[0].equals(flavor)) return true;
    }
    return false;
  }
}
