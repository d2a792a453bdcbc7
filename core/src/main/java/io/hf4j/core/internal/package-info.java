/** Implementation shared by hf4j's modules (HTTP stack, retries, JSON). Not API: may change in any release. */
@NullMarked
package io.hf4j.core.internal;

import org.jspecify.annotations.NullMarked;
