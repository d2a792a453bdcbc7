package io.hf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HubEmulatorExtensionTest {
  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1234));

  private static String firstUrl;

  @Test
  void injectsTheSharedEmulatorAndAConfig(HubEmulator hub, HfConfig config) {
    assertSame(HUB.emulator(), hub);
    assertEquals(hub.url(), config.endpoint().toString().replaceAll("/$", ""));
    assertTrue(config.requireToken("test").toString().contains("****"));
    assertTrue(config.hfHome().startsWith(hub.storageDirectory()), "the config never touches the user's HF home");
    assertEquals(200, new TestHttp(hub.url()).get("/api/whoami-v2", hub.writeToken()).code());
    rememberUrl(hub);
  }

  @Test
  void oneEmulatorServesTheWholeClass(HubEmulator hub) {
    rememberUrl(hub);
  }

  private static synchronized void rememberUrl(HubEmulator hub) {
    if (firstUrl == null) {
      firstUrl = hub.url();
    }
    assertEquals(firstUrl, hub.url());
  }

  @Nested
  class NestedTests {
    @Test
    void nestedClassesShareIt(HubEmulator hub) {
      assertSame(HUB.emulator(), hub);
    }
  }

  @Nested
  class PerTest {
    @RegisterExtension
    final HubEmulatorExtension perTest = new HubEmulatorExtension();

    @Test
    void instanceFieldsGetAFreshEmulator() {
      assertNotEquals(HUB.emulator().url(), perTest.emulator().url());
    }
  }
}
