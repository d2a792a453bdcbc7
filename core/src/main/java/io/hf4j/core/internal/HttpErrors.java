package io.hf4j.core.internal;

import com.squareup.moshi.JsonReader;
import io.hf4j.core.AuthenticationException;
import io.hf4j.core.BadRequestException;
import io.hf4j.core.ConflictException;
import io.hf4j.core.DisabledRepoException;
import io.hf4j.core.EntryNotFoundException;
import io.hf4j.core.GatedRepoException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.HttpFailure;
import io.hf4j.core.NotFoundException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.PermissionDeniedException;
import io.hf4j.core.PreconditionFailedException;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.RateLimitInfo;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.RevisionNotFoundException;
import io.hf4j.core.ServerException;
import io.hf4j.core.UnexpectedStatusException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Maps an error response onto hf4j's exception tree, as the Python client's {@code
 * hf_raise_for_status} does: {@code X-Error-Code} first, then the status.
 */
public final class HttpErrors {
  private static final long MAX_ERROR_BODY = 64 * 1024;
  private static final Pattern REPO_API = Pattern.compile("^/api/(models|datasets|spaces)/.*");
  private static final Pattern RESOLVE = Pattern.compile(".*/resolve/.*");

  private HttpErrors() {}

  /**
   * A client module's own mapping of some failures to a more specific exception (Jobs: a 404 on a job URL is a
   * {@code JobNotFoundException}), consulted before the general rules; registered with {@link
   * HfHttp#withErrors(Specific)}. Not consulted for 429, which is always a {@link RateLimitException}.
   */
  @FunctionalInterface
  public interface Specific {
    /** No specific mapping. */
    Specific NONE = f -> null;

    /** The specific exception for {@code failure}, or null for the general rules. */
    @Nullable HfHttpException exceptionFor(HttpFailure failure);
  }

  /**
   * Throws the typed exception for a response with status >= 400, closing it; returns it untouched
   * otherwise.
   *
   * @param secret a value (the token) to scrub from any text copied out of the response, or null
   */
  public static Response raise(Response response, @Nullable String secret, Clock clock) {
    return raise(response, secret, clock, Specific.NONE);
  }

  /** As {@link #raise(Response, String, Clock)}, consulting a client's {@link Specific} mapping first. */
  public static Response raise(Response response, @Nullable String secret, Clock clock, Specific specific) {
    if (response.code() < 400) return response;
    try (response) {
      throw exceptionFor(response, secret, clock, specific);
    }
  }

  /** The typed exception for an error response. Reads (up to 64 KiB of) the body; does not close it. */
  public static HfHttpException exceptionFor(Response response, @Nullable String secret, Clock clock) {
    return exceptionFor(response, secret, clock, Specific.NONE);
  }

  /** As {@link #exceptionFor(Response, String, Clock)}, consulting a client's {@link Specific} mapping first. */
  public static HfHttpException exceptionFor(Response response, @Nullable String secret, Clock clock, Specific specific) {
    HttpFailure failure = failureOf(response, secret);
    if (response.code() == 429) return rateLimited(response, failure, clock);
    HfHttpException mine = specific.exceptionFor(failure);
    return mine != null ? mine : exceptionFor(failure);
  }

  /**
   * The typed exception for an error response from a host that is not the Hub (a Space's own API):
   * mapped by status only, since the Hub's path rules and error codes mean nothing there.
   */
  public static HfHttpException exceptionForForeignHost(Response response, @Nullable String secret, Clock clock) {
    HttpFailure failure = failureOf(response, secret);
    return response.code() == 429 ? rateLimited(response, failure, clock) : byStatus(failure, false);
  }

  private static HttpFailure failureOf(Response response, @Nullable String secret) {
    String errorCode = header(response, "X-Error-Code");
    String errorMessage = header(response, "X-Error-Message");
    String requestId = header(response, "X-Request-Id");
    if (requestId == null) requestId = header(response, "X-Amzn-Trace-Id");
    if (requestId == null) requestId = header(response, "X-Amz-Cf-Id");
    return new HttpFailure(
        response.code(),
        response.request().method(),
        response.request().url().encodedPath(),
        scrub(errorCode, secret),
        scrub(errorMessage, secret),
        requestId,
        scrub(serverMessage(response.body()), secret));
  }

  private static RateLimitException rateLimited(Response response, HttpFailure failure, Clock clock) {
    RateLimitInfo info = RateLimitHeaders.parse(response.headers(), clock.instant());
    Duration retryAfter = RateLimitHeaders.retryAfter(response.headers(), clock);
    if (retryAfter == null && info != null) retryAfter = Duration.ofSeconds(info.resetSeconds());
    return new RateLimitException(failure, info, retryAfter);
  }

  /** The typed exception for a failure described by other means (an S3 XML body, a test). */
  public static HfHttpException exceptionFor(HttpFailure f) {
    String code = f.errorCode() == null ? "" : f.errorCode();
    String path = f.path();
    int status = f.statusCode();
    if (code.equals("RevisionNotFound")) return new RevisionNotFoundException(f);
    if (code.equals("EntryNotFound")) return new EntryNotFoundException(f);
    if (code.equals("GatedRepo")) return new GatedRepoException(f);
    if ("Access to this resource is disabled.".equals(f.errorMessage())) return new DisabledRepoException(f);
    boolean repoUrl = REPO_API.matcher(path).matches() || RESOLVE.matcher(path).matches();
    // Python: a 401 on a repo URL is RepositoryNotFound (missing, private or gated alike) unless it says the
    // credentials are invalid, whether an X-Error-Message header carries it or not (the Hub often sends none).
    if (code.equals("RepoNotFound") || (status == 401 && repoUrl && !invalidCredentials(f))) {
      return new RepositoryNotFoundException(f);
    }
    return byStatus(f, repoUrl && code.isEmpty() && path.startsWith("/api/") && isRepoRoot(path));
  }

  private static boolean invalidCredentials(HttpFailure f) {
    String needle = "Invalid credentials in Authorization header";
    return needle.equals(f.errorMessage()) || (f.serverMessage() != null && f.serverMessage().contains(needle));
  }

  private static HfHttpException byStatus(HttpFailure f, boolean missingRepo) {
    int status = f.statusCode();
    switch (status) {
      case 400:
        return new BadRequestException(f);
      case 401:
        return new AuthenticationException(f);
      case 403:
        return new PermissionDeniedException(f);
      case 404:
        return missingRepo ? new RepositoryNotFoundException(f) : new NotFoundException(f);
      case 409:
        return new ConflictException(f);
      case 412:
        return new PreconditionFailedException(f);
      case 429:
        return new RateLimitException(f);
      default:
        return status >= 500 ? new ServerException(f) : new UnexpectedStatusException(f);
    }
  }

  private static boolean isRepoRoot(String path) {
    String[] parts = path.split("/");
    // "", "api", "models", ns, name
    return parts.length == 5;
  }

  private static @Nullable String header(Response r, String name) {
    String v = r.header(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static @Nullable String scrub(@Nullable String text, @Nullable String secret) {
    return text == null || secret == null ? text : Redaction.scrub(text, secret);
  }

  /** The server's message from a JSON error body, or the text of a short non-HTML body. */
  static @Nullable String serverMessage(@Nullable ResponseBody body) {
    if (body == null) return null;
    String text;
    try {
      BufferedSource source = body.source();
      source.request(MAX_ERROR_BODY);
      Buffer copy = source.getBuffer().clone();
      if (copy.size() > MAX_ERROR_BODY) {
        Buffer limited = new Buffer();
        limited.write(copy, MAX_ERROR_BODY);
        copy = limited;
      }
      text = copy.readString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    if (text.isBlank()) return null;
    MediaType type = body.contentType();
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      List<String> messages = jsonMessages(trimmed);
      if (!messages.isEmpty()) return String.join("\n", new LinkedHashSet<>(messages));
      return null;
    }
    boolean html = (type != null && type.subtype().contains("html")) || trimmed.startsWith("<!") || trimmed.startsWith("<html");
    if (html) return null;
    if (trimmed.startsWith("<?xml") || trimmed.startsWith("<Error")) return null;
    return trimmed.length() > 500 ? trimmed.substring(0, 500) + "..." : trimmed;
  }

  static List<String> jsonMessages(String json) {
    List<String> out = new ArrayList<>();
    String error = null;
    String description = null;
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      reader.setLenient(true);
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        switch (name) {
          case "error":
            if (reader.peek() == JsonReader.Token.STRING) {
              error = reader.nextString();
            } else if (reader.peek() == JsonReader.Token.BEGIN_ARRAY) {
              reader.beginArray();
              while (reader.hasNext()) {
                if (reader.peek() == JsonReader.Token.STRING) out.add(reader.nextString().strip());
                else reader.skipValue();
              }
              reader.endArray();
            } else {
              reader.skipValue();
            }
            break;
          case "error_description":
          case "message":
            if (reader.peek() == JsonReader.Token.STRING) description = reader.nextString();
            else reader.skipValue();
            break;
          case "errors":
            if (reader.peek() == JsonReader.Token.BEGIN_ARRAY) {
              reader.beginArray();
              while (reader.hasNext()) {
                if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
                  reader.beginObject();
                  while (reader.hasNext()) {
                    if (reader.nextName().equals("message") && reader.peek() == JsonReader.Token.STRING) {
                      out.add(reader.nextString().strip());
                    } else {
                      reader.skipValue();
                    }
                  }
                  reader.endObject();
                } else {
                  reader.skipValue();
                }
              }
              reader.endArray();
            } else {
              reader.skipValue();
            }
            break;
          default:
            reader.skipValue();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not the JSON we hoped for: keep what was read.
    }
    if (error != null && description != null) out.add(0, error.strip() + ": " + description.strip());
    else if (error != null) out.add(0, error.strip());
    else if (description != null) out.add(0, description.strip());
    Set<String> dedup = new LinkedHashSet<>();
    for (String s : out) if (!s.isEmpty()) dedup.add(s);
    return new ArrayList<>(dedup);
  }
}
