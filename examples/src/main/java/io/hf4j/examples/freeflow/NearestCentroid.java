package io.hf4j.examples.freeflow;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A nearest-centroid classifier on pixel features: each image becomes a 16x16 grid of "ink" shares
 * over the bounding box of its dark pixels (how much of each cell is darker than the background), a class is the mean of its training
 * vectors, and a prediction is the class whose mean is nearest. Tiny, deterministic and enough to
 * tell the {@link ShapesDataset} shapes apart.
 *
 * @param labels the classes, in the order of {@code centroids}
 * @param grid the side of the feature grid
 * @param centroids one mean feature vector per class
 */
public record NearestCentroid(String type, List<String> labels, int grid, List<List<Double>> centroids) {
  /** The file name the model is published under. */
  public static final String FILE_NAME = "model.json";
  private static final int GRID = 16;
  private static final int INK_BELOW = 180;
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final Type ROW = Types.newParameterizedType(Map.class, String.class, Object.class);

  public NearestCentroid {
    Objects.requireNonNull(labels, "labels == null");
    Objects.requireNonNull(centroids, "centroids == null");
    if (labels.size() != centroids.size()) {
      throw new IllegalArgumentException(labels.size() + " labels but " + centroids.size() + " centroids");
    }
  }

  /** One labelled image of a split. */
  public record Sample(Path image, String label) {}

  /** Reads a split's {@code metadata.jsonl} ({@code file_name} and {@code label} of each image). */
  public static List<Sample> readSplit(Path splitDir) {
    JsonAdapter<Map<String, Object>> adapter = MOSHI.adapter(ROW);
    List<Sample> samples = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(splitDir.resolve("metadata.jsonl"), StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        Map<String, Object> row = Objects.requireNonNull(adapter.fromJson(line), "empty metadata line");
        samples.add(new Sample(splitDir.resolve((String) row.get("file_name")), (String) row.get("label")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return samples;
  }

  /** Fits one centroid per label found in {@code samples}, in first-seen order. */
  public static NearestCentroid fit(List<Sample> samples) {
    List<String> labels = new ArrayList<>();
    List<double[]> sums = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (Sample s : samples) {
      int i = labels.indexOf(s.label());
      if (i < 0) {
        labels.add(s.label());
        sums.add(new double[GRID * GRID]);
        counts.add(0);
        i = labels.size() - 1;
      }
      double[] f = features(s.image());
      double[] sum = sums.get(i);
      for (int k = 0; k < f.length; k++) sum[k] += f[k];
      counts.set(i, counts.get(i) + 1);
    }
    List<List<Double>> centroids = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      List<Double> c = new ArrayList<>(GRID * GRID);
      for (double v : sums.get(i)) c.add(Math.round(v / counts.get(i) * 1e4) / 1e4);
      centroids.add(c);
    }
    return new NearestCentroid("nearest-centroid", labels, GRID, centroids);
  }

  /** The label whose centroid is nearest to the image's features. */
  public String predict(Path image) {
    double[] f = features(image);
    String best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < labels.size(); i++) {
      List<Double> c = centroids.get(i);
      double d = 0;
      for (int k = 0; k < f.length; k++) {
        double diff = f[k] - c.get(k);
        d += diff * diff;
      }
      if (d < bestDistance) {
        bestDistance = d;
        best = labels.get(i);
      }
    }
    return best;
  }

  /** The share of {@code samples} predicted right. */
  public double accuracy(List<Sample> samples) {
    if (samples.isEmpty()) return 0;
    long right = samples.stream().filter(s -> s.label().equals(predict(s.image()))).count();
    return (double) right / samples.size();
  }

  /** The model as JSON. */
  public String toJson() {
    return MOSHI.adapter(NearestCentroid.class).toJson(this);
  }

  /** Reads a model written by {@link #toJson()}. */
  public static NearestCentroid fromJson(String json) {
    try {
      return Objects.requireNonNull(MOSHI.adapter(NearestCentroid.class).fromJson(json), "empty model file");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code model.json} from a folder. */
  public static NearestCentroid read(Path dir) {
    try {
      return fromJson(Files.readString(dir.resolve(FILE_NAME), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] features(Path image) {
    BufferedImage img;
    try {
      img = ImageIO.read(image.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (img == null) throw new IllegalArgumentException("not an image: " + image);
    int w = img.getWidth();
    int h = img.getHeight();
    boolean[][] ink = new boolean[h][w];
    int minX = w, minY = h, maxX = -1, maxY = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        int lum = (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
        if (lum < INK_BELOW) {
          ink[y][x] = true;
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
      }
    }
    double[] f = new double[GRID * GRID];
    int[] n = new int[GRID * GRID];
    if (maxX < 0) return f;
    // The grid spans the ink's bounding box, so the features ignore where the shape is and how big.
    int bw = maxX - minX + 1;
    int bh = maxY - minY + 1;
    for (int y = minY; y <= maxY; y++) {
      for (int x = minX; x <= maxX; x++) {
        int cell = ((y - minY) * GRID / bh) * GRID + ((x - minX) * GRID / bw);
        if (ink[y][x]) f[cell] += 1;
        n[cell]++;
      }
    }
    for (int i = 0; i < f.length; i++) f[i] = n[i] == 0 ? 0 : f[i] / n[i];
    return f;
  }
}
