package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;


/**
 * Binds docker image names to in-process {@link JobImageHandler}s. A pattern is an exact image name
 * ({@code python:3.12}) or a glob ({@code python:*}, {@code ghcr.io/acme/**}); the most recent matching binding
 * wins.
 */
public interface JobImages {
  void bind(String imagePattern, JobImageHandler handler);

  void unbind(String imagePattern);

  @Nullable JobImageHandler resolve(String image);
}
