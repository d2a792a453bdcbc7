package io.hf4j.examples.fashion;

import io.hf4j.r2.PutObjectParams;
import io.hf4j.r2.R2Client;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The garments of the Fashion AI backend: each garment's photo lives in R2 under the configured folder
 * ({@code R2_FOLDER}) and is served from the bucket's public URL; deleting a garment deletes its photo.
 */
public final class GarmentCatalog {
  /** A garment and where its photo is. */
  public record Garment(String id, String name, String key, URI imageUrl, long imageBytes) {}

  private final R2Client r2;
  private final Map<String, Garment> garments = new ConcurrentHashMap<>();

  public GarmentCatalog(R2Client r2) {
    this.r2 = r2;
  }

  /** Stores the photo under {@code garments/<id>.<ext>} and returns the garment with its public URL. */
  public Garment add(String name, byte[] image, String contentType) {
    String id = UUID.randomUUID().toString();
    String key = "garments/" + id + "." + extension(contentType);
    r2.putObject(key, image, PutObjectParams.builder()
        .contentType(contentType)
        .cacheControl("public, max-age=31536000, immutable")
        .putMetadata("garment-name", name.replaceAll("[^A-Za-z0-9 _.-]", "_"))
        .build());
    Garment g = new Garment(id, name, key, r2.publicUrl(key), image.length);
    garments.put(id, g);
    return g;
  }

  public Optional<Garment> find(String id) {
    return Optional.ofNullable(garments.get(id));
  }

  /** Removes the garment and deletes its photo from R2. */
  public void delete(String id) {
    Garment g = garments.remove(id);
    if (g == null) throw new NoSuchElementException("no garment " + id);
    r2.deleteObject(g.key());
  }

  /** Whether the photo is still in the bucket. */
  public boolean imageStored(Garment garment) {
    return r2.objectExists(garment.key());
  }

  /** The full object key, with the folder. */
  public String objectKey(Garment garment) {
    String folder = r2.config().folder();
    return folder.isEmpty() ? garment.key() : folder + "/" + garment.key();
  }

  private static String extension(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    if (t.equals("image/png")) return "png";
    if (t.equals("image/jpeg")) return "jpg";
    if (t.equals("image/webp")) return "webp";
    throw new IllegalArgumentException("unsupported image type " + contentType + " (png, jpeg or webp)");
  }
}
