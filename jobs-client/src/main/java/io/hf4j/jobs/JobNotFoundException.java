package io.hf4j.jobs;

import io.hf4j.core.HfHttpException;
import io.hf4j.core.HttpFailure;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The job or scheduled job does not exist in that namespace (a 404 on a Jobs URL). */
public class JobNotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;
  private static final Pattern JOB_API = Pattern.compile("^(/.*)?/api/(jobs|scheduled-jobs)/[^/]+/[^/]+.*");

  /**
   * The failure of a request for a job that does not exist.
   *
   * @param failure what the server said
   */
  public JobNotFoundException(HttpFailure failure) {
    super(failure, "Check the job id and its namespace");
  }

  /** Jobs' specific error mapping, registered on its {@code HfHttp}: a 404 on a job's URL. */
  static @Nullable HfHttpException specific(HttpFailure f) {
    return f.statusCode() == 404 && JOB_API.matcher(f.path()).matches() ? new JobNotFoundException(f) : null;
  }
}
