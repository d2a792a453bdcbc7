package io.hf4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and ratios of repeated timings. */
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

  static double ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? Double.NaN : a / b;
  }
}
