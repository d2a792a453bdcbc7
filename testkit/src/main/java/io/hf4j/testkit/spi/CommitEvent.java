package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;

import io.hf4j.core.RepoType;
import java.time.Instant;
import java.util.Set;

/**
 * A commit the emulator applied.
 *
 * @param repoType the repository's type
 * @param repoId the repository id ({@code owner/name})
 * @param ref the branch name ({@code main}) or {@code refs/pr/N} the commit landed on
 * @param parentId the previous head, or null for a repo's first commit
 * @param commitId the new commit's id
 * @param changedPaths files added, modified or deleted by the commit
 * @param at when the commit was applied (emulator clock)
 */
public record CommitEvent(
    RepoType repoType, String repoId, String ref, String commitId, @Nullable String parentId, Set<String> changedPaths, Instant at) {}
