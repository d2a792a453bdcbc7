/** Wire types and helpers of the Spaces client. Not API: may change in any release. */
package io.hf4j.spaces.internal;
