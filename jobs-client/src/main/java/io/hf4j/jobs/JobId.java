package io.hf4j.jobs;

import io.hf4j.core.HfValidationException;
import java.util.Objects;

/**
 * A job's identity as a value: the namespace it runs under and its id. Obtain one from {@link
 * JobInfo#jobId()}, build one with {@link #of}, or parse {@code "namespace/id"} with {@link #parse}.
 * {@link #toString()} gives the {@code "namespace/id"} form back.
 *
 * @param namespace the user or organisation the job runs under
 * @param id the job id within that namespace
 */
public record JobId(String namespace, String id) implements JobRef {
  /**
   * Validates both parts.
   *
   * @param namespace the user or organisation the job runs under
   * @param id the job id within that namespace
   * @throws HfValidationException if the namespace or the id is not a valid name
   */
  public JobId {
    Ids.namespace(namespace);
    Ids.jobId(id, "id");
  }

  /**
   * The job {@code id} in {@code namespace}.
   *
   * @param namespace the user or organisation the job runs under
   * @param id the job id within that namespace
   * @return the job's identity
   */
  public static JobId of(String namespace, String id) {
    return new JobId(namespace, id);
  }

  /**
   * Parses {@code "namespace/id"} (the form {@link #toString()} and the Hub's job URLs use).
   *
   * @param text the {@code "namespace/id"} text
   * @return the job's identity
   * @throws HfValidationException if the text is not a namespace and an id separated by one '/'
   */
  public static JobId parse(String text) {
    Objects.requireNonNull(text, "text == null");
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
      throw new HfValidationException("a job id with its namespace must look like 'namespace/id' but was '" + text + "'");
    }
    return new JobId(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public JobId jobId() {
    return this;
  }

  /** {@code "namespace/id"}. */
  @Override
  public String toString() {
    return namespace + "/" + id;
  }
}
