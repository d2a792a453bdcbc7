/**
 * The Hugging Face Jobs emulation of the testkit: submit, inspect, list (paginated, filtered), cancel,
 * labels, duplicate, hardware, SSE logs and metrics, and scheduled jobs, with a deterministic job life
 * on the emulator's clock, scriptable log lines and outcomes, and in-process image handlers.
 * Entry point for tests: {@link io.hf4j.testkit.jobs.JobsEmulation}.
 */
@NullMarked
package io.hf4j.testkit.jobs;

import org.jspecify.annotations.NullMarked;
