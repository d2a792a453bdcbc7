package io.hf4j.examples;

import java.text.Normalizer;
import java.util.Locale;

/** Turns a human name ("Shapes: nearest centroid, v2") into a repo name ({@code shapes-nearest-centroid-v2}). */
public final class Slugs {
  private static final int MAX = 96;

  private Slugs() {}

  /**
   * Lower case ASCII letters and digits joined by single dashes: accents are dropped, every other run of
   * characters becomes one dash, and the result is cut to the Hub's 96 characters.
   *
   * @throws IllegalArgumentException if nothing usable is left
   */
  public static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > MAX) s = s.substring(0, MAX).replaceAll("-+$", "");
    if (s.isEmpty()) throw new IllegalArgumentException("no letters or digits to make a repo name from: '" + name + "'");
    return s;
  }
}
