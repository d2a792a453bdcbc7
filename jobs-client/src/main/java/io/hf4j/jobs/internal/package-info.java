/** The Jobs API's wire records and their Moshi decoding. Not API: may change in any release. */
@NullMarked
package io.hf4j.jobs.internal;

import org.jspecify.annotations.NullMarked;
