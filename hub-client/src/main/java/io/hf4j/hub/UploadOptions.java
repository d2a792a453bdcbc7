package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import org.jspecify.annotations.Nullable;

/** What every upload call shares, gathered from its params. */
record UploadOptions(
    String revision,
    boolean createPr,
    String commitMessage,
    String commitDescription,
    @Nullable String parentCommit,
    int numThreads,
    boolean verifyLfs,
    UploadListener listener,
    @Nullable CancellationToken cancellation,
    UploadTuning tuning) {}
