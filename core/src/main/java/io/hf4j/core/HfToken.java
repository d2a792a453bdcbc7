package io.hf4j.core;

import java.util.Objects;

/**
 * A Hugging Face access token and where it came from. The value is readable only inside hf4j; {@link
 * #toString()} never shows it.
 */
public final class HfToken {
  /** Where a token was found. */
  public enum Source {
    /** Passed to {@link HfConfig.Builder#token(String)}. */
    EXPLICIT,
    /** The {@code HF_TOKEN} environment variable. */
    HF_TOKEN_ENV,
    /** The legacy {@code HUGGING_FACE_HUB_TOKEN} environment variable. */
    HUGGING_FACE_HUB_TOKEN_ENV,
    /** The token file ({@code HF_TOKEN_PATH}, default {@code $HF_HOME/token}). */
    TOKEN_FILE,
    /** The {@code HF_TOKEN} secret of the Space this program runs in. */
    SPACE_SECRET
  }

  private final String value;
  private final Source source;

  private HfToken(String value, Source source) {
    this.value = value;
    this.source = source;
  }

  /**
   * A token from its raw text, cleaned as the Python client cleans it (line breaks removed,
   * whitespace trimmed).
   *
   * @throws HfValidationException if nothing is left after cleaning, or if a character cannot go in an
   *     HTTP header (outside printable ASCII); the message never shows the token
   * @param raw the token text as found
   * @param source where it was found
   * @return the cleaned token
   */
  public static HfToken of(String raw, Source source) {
    Objects.requireNonNull(raw, "token == null");
    Objects.requireNonNull(source, "source == null");
    String cleaned = clean(raw);
    if (cleaned.isEmpty()) throw new HfValidationException("token is empty (source: " + source + ")");
    for (int i = 0; i < cleaned.length(); i++) {
      char c = cleaned.charAt(i);
      if (c < 0x20 && c != '\t' || c > 0x7e) {
        throw new HfValidationException("the token (source: " + source + ") has a character that cannot be sent in"
            + " an HTTP header at position " + (i + 1) + " of " + cleaned.length() + (c > 0x7e ? " (not ASCII)" : "")
            + "; check it for a typo or a pasted quote");
      }
    }
    return new HfToken(cleaned, source);
  }

  static String clean(String raw) {
    return raw.replace("\r", "").replace("\n", "").strip();
  }

  /** {@return where this token came from; safe to log} */
  public Source source() {
    return source;
  }

  /**
   * The secret value. Meant for transports that must send it (hf4j's own interceptors, a job secret);
   * never log it.
   *
   * @return the token text
   */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HfToken t && t.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "HfToken(****, source=" + source + ")";
  }
}
