package io.hf4j.jobs;

/**
 * A job as the server addresses it: the namespace (user or organisation) it runs under and its id.
 * Every {@link JobsClient} call that takes a {@code JobRef} acts in the ref's namespace, whatever
 * namespace the client itself acts in, so a job run in an organisation is read, waited for, logged
 * and cancelled with the client that ran it.
 *
 * <p>Two kinds exist: a {@link JobInfo} (its namespace is its owner's name) and a {@link JobId}
 * value, built from a namespace and an id or parsed from {@code "namespace/id"}.
 */
public sealed interface JobRef permits JobId, JobInfo {
  /**
   * The user or organisation the job runs under.
   *
   * @return the namespace name
   */
  String namespace();

  /**
   * The job id within its namespace.
   *
   * @return the job id
   */
  String id();

  /**
   * This reference as a plain value (namespace and id only), for keeping or comparing.
   *
   * @return the namespace and id as a {@link JobId}
   */
  default JobId jobId() {
    return new JobId(namespace(), id());
  }
}
