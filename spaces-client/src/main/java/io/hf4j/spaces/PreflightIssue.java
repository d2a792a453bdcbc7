package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * One finding of a {@link SpacePreflight}: an error (the Space would not come up, or would leak a secret) or a
 * warning.
 *
 * @param severity error or warning
 * @param code what kind of finding
 * @param message what is wrong and what to do, naming files and keys but never secret values
 * @param path the file concerned, relative to the folder with {@code /} separators, if any
 */
public record PreflightIssue(Severity severity, Code code, String message, @Nullable String path) {
  /** How serious a finding is. */
  public enum Severity {
    /** The deployment would fail or expose a secret. */
    ERROR,
    /** Worth a look; the deployment may still work. */
    WARNING
  }

  /** The kinds of findings. */
  public enum Code {
    /** No {@code README.md} at the folder's root. */
    README_MISSING,
    /** The README does not start with a {@code ---} YAML block, or the block is not valid YAML or not a mapping. */
    FRONT_MATTER_INVALID,
    /** No {@code sdk} in the front matter. */
    SDK_MISSING,
    /** An {@code sdk} other than {@code gradio}, {@code docker}, {@code static} (or the older {@code streamlit}). */
    SDK_UNKNOWN,
    /** {@code app_port} is not a port number. */
    APP_PORT_INVALID,
    /** A front-matter key that looks like a misspelt Spaces setting (e.g. {@code app_ports}). */
    UNKNOWN_KEY,
    /** {@code suggested_hardware} is not a known flavor. */
    HARDWARE_UNKNOWN,
    /** A Docker Space without a {@code Dockerfile} at the root. */
    DOCKERFILE_MISSING,
    /** The port the app serves on (CMD/ENTRYPOINT, {@code PORT}) is not {@code app_port} (default 7860). */
    PORT_MISMATCH,
    /** {@code EXPOSE} does not list {@code app_port} (default 7860). */
    EXPOSE_MISMATCH,
    /** The Dockerfile does not show which port the app listens on. */
    PORT_NOT_FOUND,
    /** The app binds to 127.0.0.1/localhost and would be unreachable from outside its container. */
    BINDS_LOCALHOST,
    /** The app file of a gradio, streamlit or static Space is missing (the Space would be {@code NO_APP_FILE}). */
    APP_FILE_MISSING,
    /** A file or folder that must not be pushed ({@code .env}, a virtualenv, caches, local databases, uploads). */
    FILE_NOT_PUSHED,
    /** A required secret is not set on the Space. */
    SECRET_MISSING,
    /** A required secret is set as a public variable instead of a secret. */
    SECRET_IS_VARIABLE,
    /** Required secrets could not be checked (no Space given, or the Hub does not list secret names). */
    SECRETS_UNVERIFIED
  }

  /**
   * Checks that severity, code and message are present.
   *
   * @param severity error or warning
   * @param code what kind of finding
   * @param message what is wrong and what to do, naming files and keys but never secret values
   * @param path the file concerned, relative to the folder with {@code /} separators, or null
   */
  public PreflightIssue {
    Objects.requireNonNull(severity, "severity == null");
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(message, "message == null");
  }

  /**
   * Whether this finding is an error.
   *
   * @return true when {@link #severity()} is {@link Severity#ERROR}
   */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity + " " + code + (path == null ? "" : " [" + path + "]") + ": " + message;
  }
}
