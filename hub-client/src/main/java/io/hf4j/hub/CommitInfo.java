package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit created on the Hub (or, when nothing changed, the head the upload found). Python: {@code
 * CommitInfo}.
 *
 * @param commitUrl the commit's page, {@code {endpoint}/{prefix}{id}/commit/{oid}}
 * @param commitMessage the commit title
 * @param commitDescription the commit description (may be empty)
 * @param oid the commit sha
 * @param prUrl the pull request's page when the commit opened or went to a pull request, else null
 * @param prRevision the pull request's git reference, e.g. {@code refs/pr/3}, else null
 * @param prNum the pull request number, else null
 * @param repoUrl the repo's page (the commit URL up to {@code /commit/})
 */
public record CommitInfo(
    String commitUrl,
    String commitMessage,
    String commitDescription,
    String oid,
    @Nullable String prUrl,
    @Nullable String prRevision,
    @Nullable Integer prNum,
    String repoUrl) {
  private static final Pattern PR_NUM = Pattern.compile(".*/discussions/(\\d+)$");

  /**
   * Checks the components; see the type's description.
   *
   * @param commitUrl the commit's page, {@code {endpoint}/{prefix}{id}/commit/{oid}}
   * @param commitMessage the commit title
   * @param commitDescription the commit description (may be empty)
   * @param oid the commit sha
   * @param prUrl the pull request's page when the commit opened or went to a pull request, else null
   * @param prRevision the pull request's git reference, e.g. {@code refs/pr/3}, else null
   * @param prNum the pull request number, else null
   * @param repoUrl the repo's page (the commit URL up to {@code /commit/})
   */
  public CommitInfo {
    Objects.requireNonNull(commitUrl, "commitUrl == null");
    Objects.requireNonNull(commitMessage, "commitMessage == null");
    Objects.requireNonNull(commitDescription, "commitDescription == null");
    Objects.requireNonNull(oid, "oid == null");
    Objects.requireNonNull(repoUrl, "repoUrl == null");
  }

  /** Builds the info as the Python client does: PR number and revision parsed from the PR URL. */
  static CommitInfo of(String commitUrl, String message, String description, String oid, @Nullable String prUrl) {
    Integer num = null;
    String revision = null;
    if (prUrl != null) {
      Matcher m = PR_NUM.matcher(prUrl);
      if (m.matches()) {
        num = Integer.valueOf(m.group(1));
        revision = "refs/pr/" + num;
      }
    }
    int i = commitUrl.indexOf("/commit/");
    String repoUrl = i >= 0 ? commitUrl.substring(0, i) : commitUrl;
    return new CommitInfo(commitUrl, message, description, oid, prUrl, revision, num, repoUrl);
  }
}
