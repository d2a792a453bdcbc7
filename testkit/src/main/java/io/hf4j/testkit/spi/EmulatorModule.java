package io.hf4j.testkit.spi;

/**
 * A package that adds behaviour to the emulator (the Jobs and Spaces emulations). Found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.hf4j.testkit.spi.EmulatorModule}) or added with
 * {@code HubEmulator.Builder.module}. {@link #install} runs once per emulator, before it accepts requests.
 */
public interface EmulatorModule extends AutoCloseable {
  /**
   * Registers routes and hooks. Also {@link EmulatorContext#publish} a handle tests can find.
   *
   * @param context the emulator's context, to register routes, listeners and services with
   */
  void install(EmulatorContext context);

  /** Stops background work; called when the emulator closes. */
  @Override
  default void close() {}
}
