package io.hf4j.core.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import io.hf4j.core.OpenValue;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** hf4j's one Moshi: ISO-8601 instants with 0 to 9 fractional digits, open values as strings, records. */
public final class Json {
  private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2)
      .appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart()
      .appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .optionalEnd()
      .optionalEnd()
      .optionalStart()
      .appendOffsetId()
      .optionalEnd()
      .toFormatter();

  private static final Moshi MOSHI = new Moshi.Builder()
      .add(Instant.class, new InstantAdapter().nullSafe())
      .add(Json::openValueFactory)
      .build();

  private Json() {}

  /** The shared Moshi. */
  public static Moshi moshi() {
    return MOSHI;
  }

  /** Parses an ISO-8601 timestamp with 0-9 fractional digits; a missing offset means UTC. */
  public static Instant parseInstant(String text) {
    try {
      var parsed = ISO.parseBest(text.strip(), OffsetDateTime::from, java.time.LocalDateTime::from);
      if (parsed instanceof OffsetDateTime odt) return odt.toInstant();
      return ((java.time.LocalDateTime) parsed).toInstant(java.time.ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new JsonDataException("not an ISO-8601 timestamp: '" + text + "'", e);
    }
  }

  private static final class InstantAdapter extends JsonAdapter<Instant> {
    @Override
    public Instant fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NUMBER) {
        // Epoch seconds (some Hub endpoints use them).
        double seconds = reader.nextDouble();
        return Instant.ofEpochMilli((long) (seconds * 1000));
      }
      return parseInstant(reader.nextString());
    }

    @Override
    public void toJson(JsonWriter writer, Instant value) throws IOException {
      writer.value(DateTimeFormatter.ISO_INSTANT.format(value));
    }
  }

  private static JsonAdapter<?> openValueFactory(Type type, java.util.Set<? extends java.lang.annotation.Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty() || !(type instanceof Class<?> raw) || !OpenValue.class.isAssignableFrom(raw)) return null;
    MethodHandle constructor;
    try {
      constructor = MethodHandles.publicLookup().findConstructor(raw, MethodType.methodType(void.class, String.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(raw.getName() + " must have a public (String) constructor", e);
    }
    return new JsonAdapter<OpenValue>() {
      @Override
      public OpenValue fromJson(JsonReader reader) throws IOException {
        if (reader.peek() == JsonReader.Token.NULL) return reader.nextNull();
        String v = reader.nextString();
        try {
          return (OpenValue) constructor.invoke(v);
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new JsonDataException("cannot build " + raw.getSimpleName() + " from '" + v + "'", t);
        }
      }

      @Override
      public void toJson(JsonWriter writer, OpenValue value) throws IOException {
        if (value == null) writer.nullValue();
        else writer.value(value.value());
      }
    };
  }
}
