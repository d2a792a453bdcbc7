package io.hf4j.r2;

import org.jspecify.annotations.Nullable;
import java.io.FilterInputStream;
import java.io.IOException;
import okhttp3.Response;

/**
 * The body of an object being downloaded, with its metadata. Read it like any stream and close it (in
 * a try-with-resources) to give the connection back; the bytes are exactly those stored, never
 * decompressed.
 *
 * <pre>{@code
 * try (ObjectContent content = r2.getObject("users/42/avatar.png")) {
 *   String type = content.metadata().contentType();
 *   content.transferTo(out);
 * }
 * }</pre>
 *
 * <p>A failure while reading surfaces as an {@link IOException} from {@code read}; it is not retried.
 */
public final class ObjectContent extends FilterInputStream {
  private final Response response;
  private final ObjectMetadata metadata;
  private final @Nullable Long objectSize;

  ObjectContent(Response response, ObjectMetadata metadata, @Nullable Long objectSize) {
    super(response.body().byteStream());
    this.response = response;
    this.metadata = metadata;
    this.objectSize = objectSize;
  }

  /** {@return the object's metadata; {@code contentLength} is the length of this body (of the range, for a ranged read)} */
  public ObjectMetadata metadata() {
    return metadata;
  }

  /**
   * The size of the whole object, also for a ranged read (from {@code Content-Range}); null when the answer
   * did not say.
   *
   * @return the object's size in bytes, or null
   */
  public @Nullable Long objectSize() {
    return objectSize;
  }

  @Override
  public void close() {
    response.close();
  }
}
