package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import org.junit.jupiter.api.Test;

/** The version compiled into core is the project's version (the build's, passed to the tests by surefire). */
class Hf4jVersionTest {
  @Test
  void theCompiledVersionIsTheProjectVersion() {
    String project = System.getProperty("hf4j.test.projectVersion");
    assertNotNull(project, "surefire passes the project version");
    assertTrue(!project.isBlank() && !project.contains("${"), project);
    assertEquals(project, Hf4jVersion.VALUE);
  }

  @Test
  void theUserAgentCarriesIt() {
    HfConfig c = HfConfig.builder().build();
    assertTrue(c.userAgent().startsWith("hf4j/" + System.getProperty("hf4j.test.projectVersion") + ";"), c.userAgent());
  }
}
