/** Wire types of the Hub client. Not API: may change in any release. */
@NullMarked
package io.hf4j.hub.internal;

import org.jspecify.annotations.NullMarked;
