package io.hf4j.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfHttpException;
import io.hf4j.core.NotFoundException;
import io.hf4j.testfixtures.FakeTime;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** jobs-client registers its own 404 rule on core's error mapping; core knows no Jobs URL. */
class JobNotFoundTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private JobsClient jobs() {
    return JobsClient.create(Fixtures.config(server, new FakeTime(), 0)).inNamespace("alice");
  }

  private void notFound() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"Job not found\"}").build());
  }

  @Test
  void a404OnAJobIsAJobNotFoundException() throws Exception {
    notFound();
    JobNotFoundException e = assertThrows(JobNotFoundException.class, () -> jobs().inspectJob("68abc"));
    assertEquals(404, e.statusCode());
    assertEquals("Job not found", e.serverMessage());
    assertTrue(e.getMessage().contains("namespace"), e.getMessage());
    assertEquals("/api/jobs/alice/68abc", server.takeRequest().getTarget());
  }

  @Test
  void a404OnAScheduledJobOrItsActionsToo() {
    notFound();
    assertThrows(JobNotFoundException.class, () -> jobs().inspectScheduledJob("s1"));
    notFound();
    assertThrows(JobNotFoundException.class, () -> jobs().suspendScheduledJob("s1"));
    notFound();
    assertThrows(JobNotFoundException.class, () -> jobs().cancelJob("68abc"));
  }

  @Test
  void a404ElsewhereKeepsTheGeneralMapping() {
    notFound();
    HfHttpException e = assertThrows(HfHttpException.class, () -> jobs().listJobsHardware());
    assertTrue(e instanceof NotFoundException, e.getClass().getName());
    assertFalse(e instanceof JobNotFoundException);
  }
}
