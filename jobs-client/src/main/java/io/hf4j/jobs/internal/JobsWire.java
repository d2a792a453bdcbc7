package io.hf4j.jobs.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.hf4j.core.HfException;
import io.hf4j.core.internal.Json;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The Jobs API's JSON as records, decoded by Moshi as tolerantly as the Python client reads it: a key in camelCase
 * or snake_case ({@code createdAt} or {@code created_at}: each component is looked up under both), numbers sent as
 * strings and strings sent as numbers, unknown keys ignored, missing keys null. Not API.
 */
public final class JobsWire {
  private JobsWire() {}

  /** {@code owner}. */
  public record Owner(@Nullable String id, @Nullable String name, @Nullable String type, @Nullable String avatarUrl) {}

  /** {@code status} of a job. */
  public record Status(@Nullable String stage, @Nullable String message, @Nullable List<String> exposeUrls,
      @Nullable String sshUrl, @Nullable Integer failureCount) {}

  /** {@code durations}. */
  public record Durations(@Nullable Long schedulingSecs, @Nullable Long runningSecs, @Nullable Long totalSecs) {}

  /** {@code initiator}. */
  public record Initiator(@Nullable String type, @Nullable String id, @Nullable String name) {}

  /** {@code createdBy}. */
  public record CreatedBy(@Nullable String id, @Nullable String name) {}

  /** One of {@code volumes}. */
  public record Volume(@Nullable String type, @Nullable String source, @Nullable String mountPath,
      @Nullable String revision, @Nullable Boolean readOnly, @Nullable String path) {}

  /** A job (JobInfo on the wire); {@code secrets} is a list of names or an object keyed by name. */
  public record Job(@Nullable String id, @Nullable String type, @Nullable Instant createdAt, @Nullable Instant updatedAt,
      @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String dockerImage, @Nullable String spaceId,
      @Nullable List<String> command, @Nullable List<String> arguments, @Nullable Map<String, String> environment,
      @Nullable Object secrets, @Nullable String flavor, @Nullable String arch, @Nullable Long timeoutSeconds,
      @Nullable Long timeout, @Nullable Integer attempts, @Nullable Map<String, String> labels,
      @Nullable List<Volume> volumes, @Nullable Status status, @Nullable Durations durations, @Nullable Owner owner,
      @Nullable Initiator initiator, @Nullable CreatedBy createdBy) {}

  /** The job a schedule starts ({@code jobSpec}). */
  public record JobSpec(@Nullable String dockerImage, @Nullable String spaceId, @Nullable List<String> command,
      @Nullable List<String> arguments, @Nullable Map<String, String> environment, @Nullable Object secrets,
      @Nullable String flavor, @Nullable Long timeoutSeconds, @Nullable Long timeout, @Nullable String arch,
      @Nullable List<String> tags, @Nullable Map<String, String> labels, @Nullable List<Volume> volumes) {}

  /** {@code status.lastJob} of a scheduled job. */
  public record LastJob(@Nullable String id, @Nullable Instant at) {}

  /** {@code status} of a scheduled job. */
  public record ScheduledStatus(@Nullable LastJob lastJob, @Nullable Instant nextJobRunAt) {}

  /** A scheduled job. */
  public record ScheduledJob(@Nullable String id, @Nullable Instant createdAt, @Nullable Instant updatedAt,
      @Nullable String schedule, @Nullable Boolean suspend, @Nullable Boolean concurrency, @Nullable JobSpec jobSpec,
      @Nullable ScheduledStatus status, @Nullable Owner owner, @Nullable Map<String, String> labels) {}

  /** {@code accelerator} of a flavor. */
  public record Accelerator(@Nullable String type, @Nullable String model, @Nullable String quantity,
      @Nullable String vram, @Nullable String manufacturer) {}

  /** One flavor of {@code GET /api/jobs/hardware}. */
  public record Hardware(@Nullable String name, @Nullable String prettyName, @Nullable String cpu, @Nullable String ram,
      @Nullable String ephemeralStorage, @Nullable Accelerator accelerator, @Nullable Long unitCostMicroUsd,
      @Nullable Long unitCostMicroUSD, @Nullable Double unitCostUsd, @Nullable Double unitCostUSD,
      @Nullable String unitLabel) {}

  /** One GPU of a metrics sample. */
  public record Gpu(@Nullable Double utilization, @Nullable Long memoryUsedBytes, @Nullable Long memoryTotalBytes) {}

  /** A metrics sample. */
  public record Metrics(@Nullable Double cpuUsagePct, @Nullable Long cpuMillicores, @Nullable Long memoryUsedBytes,
      @Nullable Long memoryTotalBytes, @Nullable Long rxBps, @Nullable Long txBps, @Nullable Map<String, Gpu> gpus,
      @Nullable String replica) {}

  /** A log event: {@code {"data": line, "timestamp": ...}}. */
  public record LogEvent(@Nullable String data, @Nullable Object timestamp) {}

  /** {@code /api/whoami-v2}, the part Jobs reads. */
  public record Whoami(@Nullable String name) {}

  private static final Moshi MOSHI = Json.moshi().newBuilder()
      .add(String.class, new LenientString().nullSafe())
      .add(Long.class, new LenientNumber<>(Long.class).nullSafe())
      .add(Integer.class, new LenientNumber<>(Integer.class).nullSafe())
      .add(Double.class, new LenientNumber<>(Double.class).nullSafe())
      .add(Boolean.class, new LenientBoolean().nullSafe())
      .add(JobsWire::recordFactory)
      .build();

  /**
   * Parses a JSON document leniently into maps, lists, strings, doubles and booleans.
   *
   * @throws HfException if it is not JSON
   */
  public static @Nullable Object parse(String json) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      reader.setLenient(true);
      return reader.readJsonValue();
    } catch (IOException | RuntimeException e) {
      throw new HfException("Malformed JSON from the Jobs API: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a parsed JSON object into one of this class's records.
   *
   * @throws HfException naming {@code what} if the value does not fit
   */
  public static <T extends Record> T decode(@Nullable Object json, Class<T> type, String what) {
    if (!(json instanceof Map<?, ?>)) {
      throw new HfException("Unexpected JSON from the Jobs API: the " + what + " is " + (json == null ? "missing" : "not an object"));
    }
    try {
      T value = MOSHI.adapter(type).fromJsonValue(json);
      if (value == null) throw new HfException("Unexpected JSON from the Jobs API: the " + what + " is missing");
      return value;
    } catch (JsonDataException | IllegalArgumentException e) {
      throw new HfException("Unexpected JSON from the Jobs API in the " + what + ": " + e.getMessage(), e);
    }
  }

  /** camelCase to snake_case: {@code createdAt} to {@code created_at}, {@code unitCostMicroUSD} to {@code unit_cost_micro_usd}. */
  static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean prevUpper = i > 0 && Character.isUpperCase(camel.charAt(i - 1));
        if (i > 0 && !prevUpper) sb.append('_');
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static @Nullable JsonAdapter<?> recordFactory(Type type, Set<? extends java.lang.annotation.Annotation> annotations,
      Moshi moshi) {
    if (!annotations.isEmpty() || !(type instanceof Class<?> raw) || !raw.isRecord() || raw.getEnclosingClass() != JobsWire.class) {
      return null;
    }
    return new TolerantRecord<>(raw, moshi);
  }

  /** A record read from an object whose keys may be camelCase or snake_case; unknown keys ignored. */
  private static final class TolerantRecord<T> extends JsonAdapter<T> {
    private final Class<T> type;
    private final RecordComponent[] components;
    private final String[] snakeNames;
    private final JsonAdapter<?>[] adapters;
    private final Constructor<T> constructor;

    TolerantRecord(Class<T> type, Moshi moshi) {
      this.type = type;
      this.components = type.getRecordComponents();
      this.snakeNames = new String[components.length];
      this.adapters = new JsonAdapter<?>[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        snakeNames[i] = snake(components[i].getName());
        adapters[i] = moshi.adapter(components[i].getGenericType());
        types[i] = components[i].getType();
      }
      try {
        this.constructor = type.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(type + " has no canonical constructor", e);
      }
    }

    @Override
    public @Nullable T fromJson(JsonReader reader) throws IOException {
      Object value = reader.readJsonValue();
      if (value == null) return null;
      if (!(value instanceof Map<?, ?> map)) throw new JsonDataException(type.getSimpleName() + " is not an object at " + reader.getPath());
      Object[] args = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        Object v = map.get(components[i].getName());
        if (v == null) v = map.get(snakeNames[i]);
        args[i] = v == null ? null : adapters[i].fromJsonValue(v);
      }
      try {
        return constructor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new JsonDataException("cannot build " + type.getSimpleName() + ": " + e, e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable T value) {
      throw new UnsupportedOperationException("JobsWire records are read only");
    }
  }

  /** A string, or a number or boolean as its text ({@code 1}, not {@code 1.0}). */
  private static final class LenientString extends JsonAdapter<String> {
    @Override
    public @Nullable String fromJson(JsonReader reader) throws IOException {
      switch (reader.peek()) {
        case NUMBER: {
          double d = reader.nextDouble();
          return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        case BOOLEAN:
          return Boolean.toString(reader.nextBoolean());
        case STRING:
          return reader.nextString();
        default:
          reader.skipValue();
          return null;
      }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable String value) throws IOException {
      writer.value(value);
    }
  }

  /** A number, or a string holding one; anything else is null. */
  private static final class LenientNumber<N extends Number> extends JsonAdapter<N> {
    private final Class<N> type;

    LenientNumber(Class<N> type) {
      this.type = type;
    }

    @Override
    public @Nullable N fromJson(JsonReader reader) throws IOException {
      double d;
      switch (reader.peek()) {
        case NUMBER:
          d = reader.nextDouble();
          break;
        case STRING:
          try {
            d = Double.parseDouble(reader.nextString().strip());
          } catch (NumberFormatException e) {
            return null;
          }
          break;
        default:
          reader.skipValue();
          return null;
      }
      // No conditional expression here: it would promote every branch to Double.
      if (type == Long.class) return type.cast(Long.valueOf((long) d));
      if (type == Integer.class) return type.cast(Integer.valueOf((int) d));
      return type.cast(Double.valueOf(d));
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable N value) throws IOException {
      writer.value(value);
    }
  }

  /** A boolean, or the string {@code "true"}. */
  private static final class LenientBoolean extends JsonAdapter<Boolean> {
    @Override
    public @Nullable Boolean fromJson(JsonReader reader) throws IOException {
      switch (reader.peek()) {
        case BOOLEAN:
          return reader.nextBoolean();
        case STRING:
          return Boolean.parseBoolean(reader.nextString());
        default:
          reader.skipValue();
          return null;
      }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Boolean value) throws IOException {
      writer.value(value);
    }
  }

  /** The type of a JSON object read as a map, for {@code raw()}. */
  public static final Type OBJECT = Types.newParameterizedType(Map.class, String.class, Object.class);
}
