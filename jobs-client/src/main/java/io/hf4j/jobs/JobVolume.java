package io.hf4j.jobs;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * A Hub repo or bucket mounted into a job's container. Repos are always mounted read-only (the server
 * forces it); buckets default to read-write.
 *
 * <pre>{@code
 * JobVolume data = JobVolume.dataset("HuggingFaceFW/fineweb", "/data");
 * JobVolume out = JobVolume.bucket("alice/checkpoints", "/out").withReadOnly(false);
 * }</pre>
 *
 * @param type {@code model}, {@code dataset}, {@code space} or {@code bucket}
 * @param source the repo or bucket id, {@code namespace/name}
 * @param mountPath the absolute path inside the container
 * @param revision the repo revision, or null for the default branch
 * @param readOnly whether the mount is read-only, or null for the server's default
 * @param path a sub-folder of the repo or bucket to mount, or null for all of it
 */
public record JobVolume(
    String type,
    String source,
    String mountPath,
    @Nullable String revision,
    @Nullable Boolean readOnly,
    @Nullable String path) {
  /** The {@code type} of a model repo volume. */
  public static final String MODEL = "model";
  /** The {@code type} of a dataset repo volume. */
  public static final String DATASET = "dataset";
  /** The {@code type} of a Space repo volume. */
  public static final String SPACE = "space";
  /** The {@code type} of a bucket volume. */
  public static final String BUCKET = "bucket";

  /**
   * Checks that the type, the source and the mount path are present and well-formed.
   *
   * @param type {@code model}, {@code dataset}, {@code space} or {@code bucket}
   * @param source the repo or bucket id, {@code namespace/name}
   * @param mountPath the absolute path inside the container
   * @param revision the repo revision, or null for the default branch
   * @param readOnly whether the mount is read-only, or null for the server's default
   * @param path a sub-folder of the repo or bucket to mount, or null for all of it
   * @throws HfValidationException if the source is not {@code namespace/name} or the mount path is not absolute
   */
  public JobVolume {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(mountPath, "mountPath == null");
    if (type.isBlank()) throw new HfValidationException("volume type must not be blank");
    String[] parts = source.split("/", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new HfValidationException("volume source must be 'namespace/name' but was '" + source + "'");
    }
    if (!mountPath.startsWith("/")) {
      throw new HfValidationException("volume mountPath must be an absolute path but was '" + mountPath + "'");
    }
  }

  /**
   * A model repo mounted read-only at {@code mountPath}.
   *
   * @param repoId the model's id, {@code namespace/name}
   * @param mountPath the absolute path inside the container
   * @return the volume
   */
  public static JobVolume model(String repoId, String mountPath) {
    return new JobVolume(MODEL, repoId, mountPath, null, null, null);
  }

  /**
   * A dataset repo mounted read-only at {@code mountPath}.
   *
   * @param repoId the dataset's id, {@code namespace/name}
   * @param mountPath the absolute path inside the container
   * @return the volume
   */
  public static JobVolume dataset(String repoId, String mountPath) {
    return new JobVolume(DATASET, repoId, mountPath, null, null, null);
  }

  /**
   * A Space repo mounted read-only at {@code mountPath}.
   *
   * @param repoId the Space's id, {@code namespace/name}
   * @param mountPath the absolute path inside the container
   * @return the volume
   */
  public static JobVolume space(String repoId, String mountPath) {
    return new JobVolume(SPACE, repoId, mountPath, null, null, null);
  }

  /**
   * A bucket mounted (read-write unless {@link #withReadOnly} says otherwise) at {@code mountPath}.
   *
   * @param bucketId the bucket's id, {@code namespace/name}
   * @param mountPath the absolute path inside the container
   * @return the volume
   */
  public static JobVolume bucket(String bucketId, String mountPath) {
    return new JobVolume(BUCKET, bucketId, mountPath, null, null, null);
  }

  /**
   * This volume at another revision of its repo.
   *
   * @param revision a branch, tag or commit, or null for the default branch
   * @return a copy with the revision set
   */
  public JobVolume withRevision(@Nullable String revision) {
    return new JobVolume(type, source, mountPath, revision, readOnly, path);
  }

  /**
   * This volume with another read-only setting.
   *
   * @param readOnly {@code true} for read-only, or null for the server's default
   * @return a copy with the setting
   */
  public JobVolume withReadOnly(@Nullable Boolean readOnly) {
    return new JobVolume(type, source, mountPath, revision, readOnly, path);
  }

  /**
   * This volume mounting only a sub-folder.
   *
   * @param path the sub-folder, or null for the whole repo or bucket
   * @return a copy with the path set
   */
  public JobVolume withPath(@Nullable String path) {
    return new JobVolume(type, source, mountPath, revision, readOnly, path);
  }
}
