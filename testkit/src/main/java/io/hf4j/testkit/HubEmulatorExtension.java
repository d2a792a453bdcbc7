package io.hf4j.testkit;

import io.hf4j.core.HfConfig;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension running a {@link HubEmulator} on loopback ports.
 *
 * <pre>{@code
 * class UploadTest {
 *   @RegisterExtension
 *   static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024));
 *
 *   @Test void uploads(HfConfig config, HubEmulator hub) { ... }
 * }
 * }</pre>
 *
 * <p>In a {@code static} field, or with {@code @ExtendWith(HubEmulatorExtension.class)}, one emulator serves the
 * whole class (nested classes share it); in an instance field each test gets a fresh one. Test methods,
 * constructors and lifecycle methods can take a {@link HubEmulator} or an {@link HfConfig} (pointed at the
 * emulator with its write token) as parameters.
 */
public final class HubEmulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final Consumer<HubEmulator.Builder> configuration;
  private HubEmulator emulator;
  private String owner;

  /** Default emulator configuration (used by {@code @ExtendWith}). */
  public HubEmulatorExtension() {
    this(b -> { });
  }

  private HubEmulatorExtension(Consumer<HubEmulator.Builder> configuration) {
    this.configuration = Objects.requireNonNull(configuration, "configuration == null");
  }

  /**
   * {@return an extension whose emulator is configured by {@code configuration} before each start}
   *
   * @param configuration called with the builder before the emulator starts
   */
  public static HubEmulatorExtension configure(Consumer<HubEmulator.Builder> configuration) {
    return new HubEmulatorExtension(configuration);
  }

  /** {@return the running emulator} */
  public HubEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the emulator runs only while tests of its class run");
    }
    return emulator;
  }

  /** {@return a shortcut for {@code emulator().hfConfig()}} */
  public HfConfig hfConfig() {
    return emulator().hfConfig();
  }

  private synchronized void startFor(ExtensionContext context) {
    if (emulator != null) {
      return;
    }
    HubEmulator.Builder builder = HubEmulator.builder();
    configuration.accept(builder);
    emulator = builder.build().start();
    owner = context.getUniqueId();
  }

  private synchronized void stopFor(ExtensionContext context) {
    if (emulator != null && context.getUniqueId().equals(owner)) {
      emulator.close();
      emulator = null;
      owner = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startFor(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopFor(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    startFor(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopFor(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == HubEmulator.class || type == HfConfig.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    startFor(extensionContext);
    Class<?> type = parameterContext.getParameter().getType();
    return type == HubEmulator.class ? emulator() : emulator().hfConfig();
  }
}
