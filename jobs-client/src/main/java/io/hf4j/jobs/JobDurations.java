package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;

/** Seconds a job spent scheduling, running and in total, as the server computed them at read time. */
public record JobDurations(@Nullable Long schedulingSecs, @Nullable Long runningSecs, @Nullable Long totalSecs) {}
