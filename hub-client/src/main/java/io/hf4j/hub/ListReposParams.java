package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@link HubClient#listModels}, {@link HubClient#listDatasets} and {@link HubClient#listSpaces}.
 * Python: the keyword arguments of {@code HfApi.list_models} / {@code list_datasets} / {@code list_spaces}.
 */
public final class ListReposParams {
  private final @Nullable String author;
  private final @Nullable String search;
  private final List<String> filter;
  private final @Nullable String sort;
  private final @Nullable Integer direction;
  private final @Nullable Integer limit;
  private final boolean full;
  private final List<String> expand;
  private final @Nullable Boolean gated;

  private ListReposParams(Builder b) {
    this.author = b.author;
    this.search = b.search;
    this.filter = List.copyOf(b.filter);
    this.sort = b.sort;
    this.direction = b.direction;
    this.limit = b.limit;
    this.full = b.full;
    this.expand = List.copyOf(b.expand);
    this.gated = b.gated;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every repo the token can see, in the Hub's default order. */
  public static ListReposParams defaults() {
    return builder().build();
  }

  public @Nullable String author() {
    return author;
  }

  public @Nullable String search() {
    return search;
  }

  /** Tags the repos must all have ({@code filter} on the wire). */
  public List<String> filter() {
    return filter;
  }

  /** The sort key as given (Python names such as {@code last_modified} or the Hub's {@code lastModified}). */
  public @Nullable String sort() {
    return sort;
  }

  /** {@code -1} for descending, {@code 1} for ascending; null for the Hub's default (descending). */
  public @Nullable Integer direction() {
    return direction;
  }

  public @Nullable Integer limit() {
    return limit;
  }

  public boolean full() {
    return full;
  }

  public List<String> expand() {
    return expand;
  }

  public @Nullable Boolean gated() {
    return gated;
  }

  /** Builds {@link ListReposParams}. */
  public static final class Builder {
    private @Nullable String author;
    private @Nullable String search;
    private final List<String> filter = new ArrayList<>();
    private @Nullable String sort;
    private @Nullable Integer direction;
    private @Nullable Integer limit;
    private boolean full;
    private final List<String> expand = new ArrayList<>();
    private @Nullable Boolean gated;

    private Builder() {}

    /** Only repos of this user or organization. */
    public Builder author(String author) {
      this.author = HfValidation.nonBlank(author, "author");
      return this;
    }

    /** Only repos whose id contains this text. */
    public Builder search(String search) {
      this.search = HfValidation.nonBlank(search, "search");
      return this;
    }

    /** Only repos with this tag (library, language, task, ...); repeatable, all must match. */
    public Builder filter(String tag) {
      filter.add(HfValidation.nonBlank(tag, "filter"));
      return this;
    }

    /** Sorts by {@code created_at}, {@code last_modified}, {@code likes}, {@code downloads} or {@code trending_score}. */
    public Builder sort(String sort) {
      this.sort = HfValidation.nonBlank(sort, "sort");
      return this;
    }

    /** {@code -1} descending or {@code 1} ascending. */
    public Builder direction(int direction) {
      if (direction != 1 && direction != -1) {
        throw new HfValidationException("direction must be 1 (ascending) or -1 (descending), not " + direction);
      }
      this.direction = direction;
      return this;
    }

    /** At most this many repos. */
    public Builder limit(int limit) {
      this.limit = HfValidation.positive(limit, "limit");
      return this;
    }

    /** Ask for every field (siblings, card data...). */
    public Builder full(boolean full) {
      this.full = full;
      return this;
    }

    /** Ask for these fields only (Python {@code expand}); cannot be combined with {@code full}. */
    public Builder expand(String... fields) {
      for (String f : fields) expand.add(HfValidation.nonBlank(f, "expand"));
      return this;
    }

    /** Only gated (true) or only not gated (false) repos. */
    public Builder gated(boolean gated) {
      this.gated = gated;
      return this;
    }

    public ListReposParams build() {
      if (full && !expand.isEmpty()) throw new HfValidationException("expand cannot be used together with full");
      return new ListReposParams(this);
    }
  }

  @Override
  public String toString() {
    return "ListReposParams{author=" + author + ", search=" + search + ", filter=" + filter + ", sort=" + sort
        + ", direction=" + direction + ", limit=" + limit + ", full=" + full + ", expand=" + expand + ", gated="
        + gated + "}";
  }
}
