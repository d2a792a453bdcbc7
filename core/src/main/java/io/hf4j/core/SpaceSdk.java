package io.hf4j.core;

import io.hf4j.core.internal.Sanitize;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The SDK a Space runs on ({@code gradio}, {@code streamlit}, {@code docker}, {@code static}). Open: an SDK the
 * Hub adds later is kept as a value.
 *
 * @param value the name the Hub uses, e.g. {@code docker}
 */
public record SpaceSdk(String value) implements OpenValue {
  /** A Gradio app. */
  public static final SpaceSdk GRADIO = new SpaceSdk("gradio");
  /** A Streamlit app. */
  public static final SpaceSdk STREAMLIT = new SpaceSdk("streamlit");
  /** A Docker container. */
  public static final SpaceSdk DOCKER = new SpaceSdk("docker");
  /** Static files served as they are. */
  public static final SpaceSdk STATIC = new SpaceSdk("static");

  private static final Set<SpaceSdk> KNOWN = Set.of(GRADIO, STREAMLIT, DOCKER, STATIC);

  /**
   * An SDK by its name.
   *
   * @param value the name, e.g. {@code docker}
   * @throws HfValidationException if blank
   */
  public SpaceSdk {
    Objects.requireNonNull(value, "value == null");
    if (value.isBlank()) throw new HfValidationException("Space SDK is blank; use gradio, streamlit, docker or static");
  }

  /**
   * The SDK with this name, in any case, known or not.
   *
   * @param value the name, e.g. {@code Docker}
   * @return the SDK, lowercase
   * @throws HfValidationException if blank or not a plain name (letters, digits, {@code -}, {@code _})
   */
  public static SpaceSdk of(String value) {
    Objects.requireNonNull(value, "value == null");
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (!v.matches("[a-z][a-z0-9_-]{0,31}")) {
      throw new HfValidationException("invalid Space SDK '" + Sanitize.forMessage(value)
          + "'; use gradio, streamlit, docker or static");
    }
    return new SpaceSdk(v);
  }

  /**
   * Whether hf4j knows this SDK.
   *
   * @return true for {@code gradio}, {@code streamlit}, {@code docker} and {@code static}
   */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
