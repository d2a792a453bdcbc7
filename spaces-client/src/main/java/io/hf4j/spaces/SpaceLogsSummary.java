package io.hf4j.spaces;

/**
 * What a callback read of a Space log did: lines handed over, events skipped because they were not log
 * lines (garbage, counted rather than failing the read), and connections reopened after a break.
 */
public record SpaceLogsSummary(long lines, long skipped, long reconnects) {}
