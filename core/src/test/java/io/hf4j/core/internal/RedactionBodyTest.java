package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfException;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** Request bodies in debug lines: sensitive values replaced field by field, the rest shown as sent. */
class RedactionBodyTest {
  private static String curl(String path, String json) throws Exception {
    Request r = new Request.Builder().url("https://hub.example" + path)
        .post(RequestBody.create(json.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json"))).build();
    return CurlLogger.curl(r);
  }

  @Test
  void jobSecretsKeepTheirNamesAndLoseTheirValues() throws Exception {
    String line = curl("/api/jobs/me", "{\"dockerImage\":\"python:3.12\",\"command\":[\"python\",\"-c\",\"1\"],"
        + "\"environment\":{\"MODE\":\"train\"},\"secrets\":{\"HF_TOKEN\":\"hf_jobsecret\",\"MYSECRET\":\"p4ss\"},"
        + "\"timeoutSeconds\":3600,\"flavor\":\"cpu-basic\",\"arch\":null}");
    assertFalse(line.contains("hf_jobsecret") || line.contains("p4ss\""), line);
    assertTrue(line.contains("\"secrets\":{\"HF_TOKEN\":\"<REDACTED>\",\"MYSECRET\":\"<REDACTED>\"}"), line);
    assertTrue(line.contains("\"environment\":{\"MODE\":\"train\"}"), line);
    assertTrue(line.contains("\"timeoutSeconds\":3600,") && line.contains("\"arch\":null"), "numbers and nulls as sent: " + line);
  }

  @Test
  void scheduledJobSecretsNestedInASpecAreRedactedToo() throws Exception {
    String line = curl("/api/scheduled-jobs/me", "{\"schedule\":\"@daily\",\"jobSpec\":{\"secrets\":{\"K\":\"hf_sched\"}}}");
    assertFalse(line.contains("hf_sched"), line);
  }

  @Test
  void spaceSecretValuesAreRedactedOnTheSecretsRouteOnly() throws Exception {
    String secret = curl("/api/spaces/me/app/secrets", "{\"key\":\"PASSWORD\",\"value\":\"p4ssw0rd\",\"description\":\"d\"}");
    assertFalse(secret.contains("p4ssw0rd"), secret);
    assertTrue(secret.contains("\"key\":\"PASSWORD\"") && secret.contains("\"description\":\"d\""), secret);
    String variable = curl("/api/spaces/me/app/variables", "{\"key\":\"MODE\",\"value\":\"fast\"}");
    assertTrue(variable.contains("\"value\":\"fast\""), "variables are public: " + variable);
    String create = curl("/api/repos/create", "{\"name\":\"app\",\"type\":\"space\",\"secrets\":[{\"key\":\"A\",\"value\":\"s3cr3t\"}]}");
    assertFalse(create.contains("s3cr3t"), create);
    assertTrue(create.contains("\"key\":\"A\""), create);
  }

  @Test
  void tokenLikeFieldsAnywhereAreRedacted() throws Exception {
    String line = curl("/api/x", "{\"a\":{\"hf_token\":\"t1\",\"accessToken\":\"t2\",\"password\":\"t3\",\"apiKey\":\"t4\"},\"n\":1.5}");
    for (String s : new String[] {"t1", "t2", "t3", "t4"}) assertFalse(line.contains("\"" + s + "\""), line);
    assertTrue(line.contains("\"n\":1.5"), line);
    assertEquals("a=1&token=<REDACTED>", Redaction.formBody("a=1&token=abc"));
    assertTrue(Redaction.jsonBody("{not json", "/x").startsWith("<"), "unparsable bodies are not shown");
  }

  @Test
  void credentialLikeHeadersAreRedactedInCurlLines() throws Exception {
    Request r = new Request.Builder().url("https://hub.example/x").header("X-Api-Key", "k-secret")
        .header("X-Custom-Session", "s-secret").header("X-Plain", "shown").build();
    String line = CurlLogger.curl(r);
    assertFalse(line.contains("k-secret") || line.contains("s-secret"), line);
    assertTrue(line.contains("X-Plain: shown"), line);
  }

  @Test
  void controlCharactersAndMoshiHintsNeverReachAMessage() {
    HfException e = new HfException("server said \u001b[31mred\u0007 \u202eevil and "
        + "Use JsonReader.setLenient(true) to accept malformed JSON at path $");
    assertFalse(e.getMessage().chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x202e), e.getMessage());
    assertTrue(e.getMessage().contains("\\u001b[31mred"), e.getMessage());
    assertFalse(e.getMessage().contains("setLenient"), e.getMessage());
    assertTrue(e.getMessage().contains("malformed JSON at path $"), e.getMessage());
  }
}
