/** Implementation of the Hub emulator; not API (only {@code Json}, {@code Glob} and {@code Ids} are stable for modules). */
@NullMarked
package io.hf4j.testkit.internal;

import org.jspecify.annotations.NullMarked;
