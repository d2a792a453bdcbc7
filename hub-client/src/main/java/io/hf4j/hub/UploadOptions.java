package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoType;

/** What every upload call shares, gathered from its params. */
record UploadOptions(
    RepoType repoType,
    String revision,
    boolean createPr,
    String commitMessage,
    String commitDescription,
    @Nullable String parentCommit,
    int numThreads,
    boolean verifyLfs,
    ProgressListener listener,
    @Nullable CancellationToken cancellation,
    UploadTuning tuning) {}
