package io.hf4j.jobs;

import io.hf4j.core.Nullable;

/** Seconds a job spent scheduling, running and in total, as the server computed them at read time. */
public record JobDurations(@Nullable Long schedulingSecs, @Nullable Long runningSecs, @Nullable Long totalSecs) {}
