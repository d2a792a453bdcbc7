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

  /**
   * A builder with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every repo the token can see, in the Hub's default order.
   *
   * @return the defaults
   */
  public static ListReposParams defaults() {
    return builder().build();
  }

  /**
   * The author filter, or null.
   *
   * @return the author filter, or null
   */
  public @Nullable String author() {
    return author;
  }

  /**
   * The search.
   *
   * @return the search
   */
  public @Nullable String search() {
    return search;
  }

  /**
   * Tags the repos must all have ({@code filter} on the wire).
   *
   * @return the filter
   */
  public List<String> filter() {
    return filter;
  }

  /**
   * The sort key as given (Python names such as {@code last_modified} or the Hub's {@code lastModified}).
   *
   * @return the sort key as given (Python names such as {
   */
  public @Nullable String sort() {
    return sort;
  }

  /**
   * {@code -1} for descending, {@code 1} for ascending; null for the Hub's default (descending).
   *
   * @return {
   */
  public @Nullable Integer direction() {
    return direction;
  }

  /**
   * The limit.
   *
   * @return the limit
   */
  public @Nullable Integer limit() {
    return limit;
  }

  /**
   * Whether full info is asked for.
   *
   * @return whether full info is asked for
   */
  public boolean full() {
    return full;
  }

  /**
   * The extra fields asked for.
   *
   * @return the extra fields asked for
   */
  public List<String> expand() {
    return expand;
  }

  /**
   * The gated.
   *
   * @return whether gated
   */
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

    /**
     * Only repos of this user or organization.
     *
     * @param author the author
     * @return this builder
     */
    public Builder author(String author) {
      this.author = HfValidation.nonBlank(author, "author");
      return this;
    }

    /**
     * Only repos whose id contains this text.
     *
     * @param search a substring of the name
     * @return this builder
     */
    public Builder search(String search) {
      this.search = HfValidation.nonBlank(search, "search");
      return this;
    }

    /**
     * Only repos with this tag (library, language, task, ...); repeatable, all must match.
     *
     * @param tag the tag name
     * @return this builder
     */
    public Builder filter(String tag) {
      filter.add(HfValidation.nonBlank(tag, "filter"));
      return this;
    }

    /**
     * Sorts by {@code created_at}, {@code last_modified}, {@code likes}, {@code downloads} or {@code trending_score}.
     *
     * @param sort the sort key
     * @return this builder
     */
    public Builder sort(String sort) {
      this.sort = HfValidation.nonBlank(sort, "sort");
      return this;
    }

    /**
     * {@code -1} descending or {@code 1} ascending.
     *
     * @param direction the direction
     * @return this builder
     */
    public Builder direction(int direction) {
      if (direction != 1 && direction != -1) {
        throw new HfValidationException("direction must be 1 (ascending) or -1 (descending), not " + direction);
      }
      this.direction = direction;
      return this;
    }

    /**
     * At most this many repos.
     *
     * @param limit the most items
     * @return this builder
     */
    public Builder limit(int limit) {
      this.limit = HfValidation.positive(limit, "limit");
      return this;
    }

    /**
     * Ask for every field (siblings, card data...).
     *
     * @param full the full
     * @return this builder
     */
    public Builder full(boolean full) {
      this.full = full;
      return this;
    }

    /**
     * Ask for these fields only (Python {@code expand}); cannot be combined with {@code full}.
     *
     * @param fields the fields
     * @return this builder
     */
    public Builder expand(String... fields) {
      for (String f : fields) expand.add(HfValidation.nonBlank(f, "expand"));
      return this;
    }

    /**
     * Only gated (true) or only not gated (false) repos.
     *
     * @param gated the gated
     * @return this builder
     */
    public Builder gated(boolean gated) {
      this.gated = gated;
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
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
