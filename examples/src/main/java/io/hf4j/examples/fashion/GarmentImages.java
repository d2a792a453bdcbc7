package io.hf4j.examples.fashion;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws garment silhouettes (a t-shirt, trousers or a dress) as 64x64 PNGs, the "photos" the fashion
 * flow uploads, and reads a silhouette's outline back ({@link #classify}) for the emulated inference Space.
 */
public final class GarmentImages {
  /** The garment kinds, as the inference Space names them. */
  public static final List<String> KINDS = List.of("t-shirt", "trousers", "dress");
  private static final int SIZE = 64;

  private GarmentImages() {}

  /** A PNG of a garment of {@code kind} in {@code color}. */
  public static byte[] draw(String kind, Color color) {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, SIZE, SIZE);
      g.setColor(color);
      switch (kind) {
        case "t-shirt" -> {
          g.fillRect(20, 10, 24, 46);                                     // body
          g.fillPolygon(new Polygon(new int[] {20, 6, 12, 20}, new int[] {10, 24, 30, 22}, 4));   // left sleeve
          g.fillPolygon(new Polygon(new int[] {44, 58, 52, 44}, new int[] {10, 24, 30, 22}, 4));  // right sleeve
        }
        case "trousers" -> {
          g.fillRect(18, 6, 28, 12);                                      // waist
          g.fillRect(18, 18, 12, 40);                                     // left leg
          g.fillRect(34, 18, 12, 40);                                     // right leg
        }
        case "dress" -> g.fillPolygon(new Polygon(new int[] {26, 38, 52, 12}, new int[] {6, 6, 58, 58}, 4));
        default -> throw new IllegalArgumentException("unknown garment " + kind + "; one of " + KINDS);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Tells the kinds apart from the silhouette: trousers have a gap between the legs at the bottom, a
   * dress is wider at the bottom than at the top, a t-shirt wider at the top (its sleeves).
   *
   * @return the kind and a confidence between 0 and 1
   * @throws IllegalArgumentException if the bytes are not an image
   */
  public static Prediction classify(byte[] png) {
    BufferedImage image;
    try {
      image = ImageIO.read(new java.io.ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (image == null) throw new IllegalArgumentException("not an image");
    int h = image.getHeight();
    int[] top = rowProfile(image, h / 5);
    int[] bottom = rowProfile(image, h * 4 / 5);
    if (bottom[1] >= 2) return new Prediction("trousers", 0.9);
    if (bottom[0] > top[0]) return new Prediction("dress", Math.min(0.99, 0.5 + (bottom[0] - top[0]) / (double) image.getWidth()));
    return new Prediction("t-shirt", Math.min(0.99, 0.5 + (top[0] - bottom[0] + 8) / (double) image.getWidth()));
  }

  /** A kind and how sure the classifier is. */
  public record Prediction(String label, double confidence) {}

  /** {ink width, runs of ink} of one row. */
  private static int[] rowProfile(BufferedImage image, int y) {
    int width = 0;
    int runs = 0;
    boolean inside = false;
    for (int x = 0; x < image.getWidth(); x++) {
      int rgb = image.getRGB(x, y);
      boolean ink = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 600;
      if (ink) width++;
      if (ink && !inside) runs++;
      inside = ink;
    }
    return new int[] {width, runs};
  }
}
