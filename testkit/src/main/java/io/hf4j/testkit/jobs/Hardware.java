package io.hf4j.testkit.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Jobs hardware table of the protocol reference (the live endpoint's order and specs). */
final class Hardware {
  record Flavor(String name, String prettyName, int vcpu, int ramGb, int storageGb, String accelerator, int gpus,
      int vramGb, double usdPerHour) {
    boolean cpu() {
      return accelerator == null;
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("prettyName", prettyName);
      m.put("cpu", vcpu + " vCPU");
      m.put("ram", ramGb + " GB");
      m.put("ephemeralStorage", storageGb + " GB");
      if (accelerator == null) {
        m.put("accelerator", null);
      } else {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", "gpu");
        a.put("model", accelerator);
        a.put("quantity", String.valueOf(gpus));
        a.put("vram", vramGb + " GB");
        a.put("manufacturer", "Nvidia");
        m.put("accelerator", a);
      }
      long microPerMinute = Math.round(usdPerHour / 60 * 1_000_000);
      m.put("unitCostMicroUSD", microPerMinute);
      m.put("unitCostUSD", microPerMinute / 1_000_000.0);
      m.put("unitLabel", "minute");
      return m;
    }
  }

  static final List<Flavor> FLAVORS = List.of(
      new Flavor("cpu-basic", "CPU Basic", 2, 16, 50, null, 0, 0, 0.01),
      new Flavor("cpu-upgrade", "CPU Upgrade", 8, 32, 50, null, 0, 0, 0.03),
      new Flavor("cpu-performance", "CPU Performance", 32, 256, 1024, null, 0, 0, 1.90),
      new Flavor("cpu-xl", "CPU XL", 16, 124, 1000, null, 0, 0, 1.00),
      new Flavor("t4-small", "Nvidia T4 - small", 4, 15, 50, "T4", 1, 16, 0.40),
      new Flavor("t4-medium", "Nvidia T4 - medium", 8, 30, 100, "T4", 1, 16, 0.60),
      new Flavor("a10g-small", "Nvidia A10G - small", 4, 15, 110, "A10G", 1, 24, 1.00),
      new Flavor("a10g-large", "Nvidia A10G - large", 12, 46, 200, "A10G", 1, 24, 1.50),
      new Flavor("a10g-largex2", "2x Nvidia A10G - large", 24, 92, 1000, "A10G", 2, 48, 3.00),
      new Flavor("a10g-largex4", "4x Nvidia A10G - large", 48, 184, 2000, "A10G", 4, 96, 5.00),
      new Flavor("a100-large", "Nvidia A100 - large", 12, 142, 1000, "A100", 1, 80, 2.50),
      new Flavor("a100x4", "4x Nvidia A100", 48, 568, 4000, "A100", 4, 320, 10.00),
      new Flavor("a100x8", "8x Nvidia A100", 96, 1136, 8000, "A100", 8, 640, 20.00),
      new Flavor("h200", "Nvidia H200", 23, 256, 3000, "H200", 1, 141, 5.00),
      new Flavor("h200x2", "Nvidia H200", 46, 512, 6000, "H200", 2, 282, 10.00),
      new Flavor("h200x4", "Nvidia H200", 92, 1024, 12000, "H200", 4, 564, 20.00),
      new Flavor("h200x8", "Nvidia H200", 184, 2048, 24000, "H200", 8, 1128, 40.00),
      new Flavor("rtx-pro-6000", "Nvidia RTX PRO 6000", 23, 256, 475, "RTX PRO 6000", 1, 96, 2.75),
      new Flavor("rtx-pro-6000x2", "Nvidia RTX PRO 6000", 46, 512, 950, "RTX PRO 6000", 2, 192, 5.50),
      new Flavor("rtx-pro-6000x4", "Nvidia RTX PRO 6000", 92, 1024, 1900, "RTX PRO 6000", 4, 384, 11.00),
      new Flavor("rtx-pro-6000x8", "Nvidia RTX PRO 6000", 184, 2048, 3800, "RTX PRO 6000", 8, 768, 22.00),
      new Flavor("l4x1", "1x Nvidia L4", 8, 30, 400, "L4", 1, 24, 0.80),
      new Flavor("l4x4", "4x Nvidia L4", 48, 186, 3200, "L4", 4, 96, 3.80),
      new Flavor("l40sx1", "1x Nvidia L40S", 8, 62, 380, "L40S", 1, 48, 1.80),
      new Flavor("l40sx4", "4x Nvidia L40S", 48, 382, 3200, "L40S", 4, 192, 8.30),
      new Flavor("l40sx8", "8x Nvidia L40S", 192, 1534, 6500, "L40S", 8, 384, 23.50));

  private static final Map<String, Flavor> BY_NAME = new LinkedHashMap<>();

  static {
    for (Flavor f : FLAVORS) {
      BY_NAME.put(f.name(), f);
    }
  }

  private Hardware() {}

  static Flavor find(String name) {
    return BY_NAME.get(name);
  }

  static List<Object> listJson() {
    List<Object> out = new ArrayList<>();
    for (Flavor f : FLAVORS) {
      out.add(f.toJson());
    }
    return out;
  }
}
