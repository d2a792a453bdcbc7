package io.hf4j.jobs;

import io.hf4j.core.HfValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Filters of {@link JobsClient#listJobs(ListJobsParams)}, applied by the server: any of the stages,
 * and all of the labels. No filter lists every job.
 *
 * <pre>{@code
 * jobs.listJobs(ListJobsParams.builder().stages(JobStage.RUNNING, JobStage.SCHEDULING).label("env", "prod").build())
 * }</pre>
 */
public final class ListJobsParams {
  private final List<JobStage> stages;
  private final Map<String, String> labels;

  private ListJobsParams(Builder b) {
    this.stages = List.copyOf(b.stages);
    this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
  }

  /**
   * A builder with no filter.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * No filter.
   *
   * @return parameters that list every job
   */
  public static ListJobsParams defaults() {
    return builder().build();
  }

  /**
   * The stages to keep; empty keeps every stage.
   *
   * @return the stages, possibly empty
   */
  public List<JobStage> stages() {
    return stages;
  }

  /**
   * The labels a job must all carry to be kept.
   *
   * @return the labels, key to value, possibly empty
   */
  public Map<String, String> labels() {
    return labels;
  }

  /** Builds {@link ListJobsParams}. */
  public static final class Builder {
    private final List<JobStage> stages = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    Builder() {}

    /**
     * Keeps jobs in any of these stages (sent as repeated {@code stage} parameters).
     *
     * @param stages the stages to keep
     * @return this builder
     * @throws HfValidationException for {@code UPDATING}, which the server refuses as a filter
     */
    public Builder stages(JobStage... stages) {
      return stages(Arrays.asList(stages));
    }

    /**
     * The stages to keep, as a list; see {@link #stages(JobStage...)}.
     *
     * @param stages the stages to keep
     * @return this builder
     */
    public Builder stages(List<JobStage> stages) {
      for (JobStage s : stages) {
        Objects.requireNonNull(s, "stage == null");
        if (s.equals(JobStage.UPDATING)) throw new HfValidationException("the server does not accept UPDATING as a stage filter");
        if (!this.stages.contains(s)) this.stages.add(s);
      }
      return this;
    }

    /**
     * Keeps jobs carrying this label (sent as {@code label=key=value}); several labels must all match.
     *
     * @param key the label's key
     * @param value the label's value
     * @return this builder
     */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Keeps jobs carrying all these labels; see {@link #label(String, String)}.
     *
     * @param labels the labels, key to value
     * @return this builder
     */
    public Builder labels(Map<String, String> labels) {
      Objects.requireNonNull(labels, "labels == null").forEach(this::label);
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return the parameters
     */
    public ListJobsParams build() {
      return new ListJobsParams(this);
    }
  }
}
