package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;


/**
 * Binds docker image names to in-process {@link JobImageHandler}s. A pattern is an exact image name
 * ({@code python:3.12}) or a glob ({@code python:*}, {@code ghcr.io/acme/**}); the most recent matching binding
 * wins.
 */
public interface JobImages {
  /**
   * Binds an image pattern to a handler, replacing an earlier binding of the same pattern.
   *
   * @param imagePattern an exact image name or a glob
   * @param handler runs the jobs whose image matches
   */
  void bind(String imagePattern, JobImageHandler handler);

  /**
   * Removes a binding.
   *
   * @param imagePattern the pattern passed to {@link #bind}
   */
  void unbind(String imagePattern);

  /**
   * {@return the handler of the most recent binding matching {@code image}, or null}
   *
   * @param image the job's Docker image
   */
  @Nullable JobImageHandler resolve(String image);
}
