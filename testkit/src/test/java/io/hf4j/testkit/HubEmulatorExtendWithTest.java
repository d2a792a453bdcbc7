package io.hf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.hf4j.core.HfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(HubEmulatorExtension.class)
class HubEmulatorExtendWithTest {
  private final HubEmulator fromConstructor;

  HubEmulatorExtendWithTest(HubEmulator hub) {
    this.fromConstructor = hub;
  }

  @Test
  void declarativeRegistrationInjectsConstructorAndMethodParameters(HubEmulator hub, HfConfig config) {
    assertSame(fromConstructor, hub);
    assertEquals(hub.url(), config.endpoint().toString().replaceAll("/$", ""));
    assertEquals(200, new TestHttp(hub.url()).get("/api/whoami-v2", hub.writeToken()).code());
  }
}
