package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Map;

/**
 * A discussion or pull request with its events and, for a pull request, its target branch, conflicts,
 * merge commit and diff. Python: {@code DiscussionWithDetails}.
 *
 * @param discussion the discussion's summary fields
 * @param events its events, oldest first
 * @param conflictingFiles the files in conflict with the target branch (pull requests only, else null)
 * @param targetBranch the branch it merges into (pull requests only, else null)
 * @param mergeCommitOid the merge commit once merged, else null
 * @param diff the raw diff, when the Hub sent one
 * @param raw the whole JSON answer
 */
public record DiscussionWithDetails(Discussion discussion, List<DiscussionEvent> events,
    @Nullable List<String> conflictingFiles, @Nullable String targetBranch, @Nullable String mergeCommitOid,
    @Nullable String diff, Map<String, Object> raw) {

  static DiscussionWithDetails from(JsonObject o, String endpointUrl) {
    Discussion d = Discussion.from(o, endpointUrl);
    List<DiscussionEvent> events = o.objects("events").stream().map(DiscussionEvent::from).toList();
    JsonObject changes = o.object("changes");
    boolean pr = d.isPullRequest();
    return new DiscussionWithDetails(d, events, pr ? o.strings("filesWithConflicts") : null,
        pr && changes != null ? changes.string("base") : null, pr && changes != null ? changes.string("mergeCommitId") : null,
        o.string("diff"), o.raw());
  }
}
