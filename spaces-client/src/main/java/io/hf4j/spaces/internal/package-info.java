/** Wire types and helpers of the Spaces client. Not API: may change in any release. */
@NullMarked
package io.hf4j.spaces.internal;

import org.jspecify.annotations.NullMarked;
