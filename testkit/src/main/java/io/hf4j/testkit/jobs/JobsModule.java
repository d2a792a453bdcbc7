package io.hf4j.testkit.jobs;

import io.hf4j.testkit.spi.EmulatorContext;
import io.hf4j.testkit.spi.EmulatorModule;

/**
 * Installs the Jobs emulation: the Jobs API routes and a {@link JobsEmulation} published for tests
 * ({@code hub.module(JobsEmulation.class)}). Found on the class path with {@link java.util.ServiceLoader}.
 */
public final class JobsModule implements EmulatorModule {
  private JobsEmulation emulation;

  /** Creates the module; {@link java.util.ServiceLoader} calls this when the emulator starts. */
  public JobsModule() {}

  @Override
  public void install(EmulatorContext context) {
    emulation = new JobsEmulation(context);
    new JobsRoutes(emulation).register(context.routes());
    context.publish(JobsEmulation.class, emulation);
  }

  @Override
  public void close() {
    if (emulation != null) {
      emulation.close();
    }
  }
}
