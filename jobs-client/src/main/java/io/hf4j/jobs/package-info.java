/**
 * Hugging Face Jobs: run a container or a {@code uv} script on the Hub's hardware, wait for it, stream
 * its log and metrics, cancel it, and schedule it.
 *
 * <pre>{@code
 * JobsClient jobs = JobsClient.create(HfConfig.fromEnv());
 * JobInfo job = jobs.runUvJob(RunUvJobParams.builder("https://example.com/train.py")
 *     .dependencies("trl").flavor(JobHardware.A10G_SMALL).timeout("2h").build());
 * jobs.fetchJobLogs(job.id(), JobLogsParams.defaults(), line -> System.out.println(line.text()));
 * JobInfo done = jobs.waitForJob(job.id(), Duration.ofHours(3));
 * if (done.stage() != JobStage.COMPLETED) throw new IllegalStateException(done.status().message());
 * }</pre>
 *
 * <p>Everything server-defined (stages, flavors) is an open value type: unknown values are kept.
 */
@NullMarked
package io.hf4j.jobs;

import org.jspecify.annotations.NullMarked;
