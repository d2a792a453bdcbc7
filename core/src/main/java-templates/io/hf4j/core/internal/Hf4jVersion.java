package io.hf4j.core.internal;

/**
 * The hf4j version: the project's version, written into this source by the build (templating-maven-plugin, from
 * {@code src/main/java-templates}), so that nothing is read from the jar for it at start-up.
 */
public final class Hf4jVersion {
  /** The version of this build of hf4j, e.g. {@code 0.1.0}. */
  public static final String VALUE = "${project.version}";

  private Hf4jVersion() {}
}
