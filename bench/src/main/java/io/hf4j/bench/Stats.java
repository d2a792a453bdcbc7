package io.hf4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Minimums, medians, maximums and ratios of repeated timings. */
final class Stats {
  private Stats() {}

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>();
    for (Double d : values) if (d != null && !d.isNaN()) v.add(d);
    if (v.isEmpty()) return Double.NaN;
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  static double min(List<Double> values) {
    return values.stream().filter(d -> d != null && !d.isNaN()).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> values) {
    return values.stream().filter(d -> d != null && !d.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** "min / median / max" in seconds, or "–" when nothing was measured. */
  static String spread(List<Double> values) {
    double m = median(values);
    if (Double.isNaN(m)) return "–";
    if (values.size() == 1) return Report.secs(m);
    return Report.secs(min(values)) + " / " + Report.secs(m) + " / " + Report.secs(max(values));
  }

  static double ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? Double.NaN : a / b;
  }
}
