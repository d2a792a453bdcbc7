package io.hf4j.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A commit in an emulated repo. */
public record CommitView(
    String id, List<String> parentIds, String title, String message, String author, Instant date, Set<String> changedPaths) {}
