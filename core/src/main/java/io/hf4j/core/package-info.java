/**
 * What every hf4j client shares: the configuration and its one HTTP stack ({@link io.hf4j.core.HfConfig}),
 * identities ({@link io.hf4j.core.RepoId}, {@link io.hf4j.core.RepoType}), tokens ({@link io.hf4j.core.HfToken}),
 * cancellation ({@link io.hf4j.core.CancellationToken}) and the exception tree rooted at
 * {@link io.hf4j.core.HfException}.
 *
 * <p>Every type here is null-marked: a value that may be absent is annotated
 * {@link org.jspecify.annotations.Nullable}; everything else is never null.
 */
@NullMarked
package io.hf4j.core;

import org.jspecify.annotations.NullMarked;
