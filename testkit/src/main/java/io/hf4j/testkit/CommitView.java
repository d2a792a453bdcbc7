package io.hf4j.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A commit in an emulated repo.
 *
 * @param id the commit id (40 hex digits)
 * @param parentIds the parent commit ids, the first parent first (empty for the first commit)
 * @param title the commit's title (summary line)
 * @param message the full commit message
 * @param author the user name of the committer
 * @param date when the commit was made (emulator clock)
 * @param changedPaths files added, modified or deleted by the commit
 */
public record CommitView(
    String id, List<String> parentIds, String title, String message, String author, Instant date, Set<String> changedPaths) {}
