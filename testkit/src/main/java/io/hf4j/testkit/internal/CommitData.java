package io.hf4j.testkit.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One commit: its id, parents, the full tree after it (path to file), and what it changed (path to the new
 * file, or null for a deletion).
 */
public record CommitData(
    String id,
    List<String> parents,
    SortedMap<String, FileRef> tree,
    Map<String, FileRef> changes,
    String title,
    String message,
    String author,
    Instant date,
    String treeOid) {}
