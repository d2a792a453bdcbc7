package io.hf4j.core.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import io.hf4j.core.HfException;
import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/** Lazy iteration over list endpoints that page with {@code Link: <next>; rel="next"}. */
public final class Pagination {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel\\s*=\\s*\"?next\"?", Pattern.CASE_INSENSITIVE);

  private Pagination() {}

  /** The {@code rel="next"} URL of a {@code Link} header, resolved against the request URL; null when none. */
  public static @Nullable HttpUrl nextLink(@Nullable String link, HttpUrl base) {
    if (link == null) return null;
    Matcher m = NEXT.matcher(link);
    if (!m.find()) return null;
    return base.resolve(m.group(1));
  }

  /** A lazy stream of the elements of every page, fetching the next page only when needed. */
  public static <T> Stream<T> stream(HfHttp http, HttpUrl first, Type elementType) {
    return stream(http, first, elementType, b -> {});
  }

  /** {@link #stream(HfHttp, HttpUrl, Type)}, each page's request passed through {@code decorate} (headers, tags). */
  public static <T> Stream<T> stream(HfHttp http, HttpUrl first, Type elementType,
      java.util.function.Consumer<Request.Builder> decorate) {
    Iterator<T> it = new PageIterator<>(http, first, elementType, decorate);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  private static final class PageIterator<T> implements Iterator<T> {
    private final HfHttp http;
    private final JsonAdapter<List<T>> adapter;
    private final Deque<T> buffer = new ArrayDeque<>();
    private final java.util.function.Consumer<Request.Builder> decorate;
    private @Nullable HttpUrl next;

    PageIterator(HfHttp http, HttpUrl first, Type elementType, java.util.function.Consumer<Request.Builder> decorate) {
      this.http = http;
      this.decorate = decorate;
      this.adapter = Json.moshi().adapter(Types.newParameterizedType(List.class, elementType));
      this.next = first;
    }

    @Override
    public boolean hasNext() {
      while (buffer.isEmpty() && next != null) fetch();
      return !buffer.isEmpty();
    }

    @Override
    public T next() {
      if (!hasNext()) throw new NoSuchElementException();
      return buffer.removeFirst();
    }

    private void fetch() {
      HttpUrl url = next;
      Request.Builder builder = new Request.Builder().url(url).get();
      decorate.accept(builder);
      Request request = builder.build();
      try (Response response = http.execute(request)) {
        List<T> page = adapter.fromJson(BoundedBody.limit(response.body(), BoundedBody.MAX_JSON_BYTES).source());
        if (page != null) buffer.addAll(page);
        HttpUrl following = nextLink(response.header("Link"), url);
        next = following != null && !following.equals(url) ? following : null;
      } catch (IOException e) {
        throw http.ioFailure(request, e);
      } catch (com.squareup.moshi.JsonDataException e) {
        throw new HfException("Unexpected JSON page from GET " + Redaction.path(url) + ": " + e.getMessage(), e);
      }
    }
  }
}
