package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfValidationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class R2ConfigTest {
  private static final String SECRET = "s3cr3t/K7MDENG+bPxRfiCY";

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("R2_ACCOUNT_ID", "0123456789abcdef0123456789abcdef");
    env.put("R2_ACCESS_KEY_ID", "AKID");
    env.put("R2_SECRET_ACCESS_KEY", SECRET);
    env.put("R2_BUCKET_NAME", "fashion-images");
    env.put("R2_PUBLIC_URL", "https://images.example.com/");
    env.put("R2_FOLDER", "/prod/looks/");
    return env;
  }

  @Test
  void readsTheEnvironment() {
    R2Config c = R2Config.builder().fromEnv(env()).build();
    assertEquals("0123456789abcdef0123456789abcdef", c.accountId());
    assertEquals("AKID", c.accessKeyId());
    assertEquals(SECRET, c.secretAccessKey());
    assertEquals("fashion-images", c.bucket());
    assertEquals("https://images.example.com/", String.valueOf(c.publicUrl()));
    assertEquals("prod/looks", c.folder());
    assertEquals("prod/looks/a.png", c.fullKey("a.png"));
    assertEquals(R2Jurisdiction.DEFAULT, c.jurisdiction());
    assertEquals("https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com/", c.endpoint().toString());
    assertFalse(c.signPayload(), "TLS protects the body: UNSIGNED-PAYLOAD by default over https");
  }

  @Test
  void jurisdictionsHaveTheirOwnEndpoints() {
    assertEquals("https://acct.eu.r2.cloudflarestorage.com/",
        R2Config.builder().fromEnv(env()).accountId("acct").jurisdiction(R2Jurisdiction.EU).build().endpoint().toString());
    Map<String, String> env = env();
    env.put("R2_JURISDICTION", "FedRAMP");
    env.put("R2_ACCOUNT_ID", "acct");
    R2Config fed = R2Config.builder().fromEnv(env).build();
    assertEquals(R2Jurisdiction.FEDRAMP, fed.jurisdiction());
    assertEquals("https://acct.fedramp.r2.cloudflarestorage.com/", fed.endpoint().toString());
    assertTrue(R2Jurisdiction.of("eu").isKnown());
    assertEquals("acct.apac.r2.cloudflarestorage.com", R2Jurisdiction.of("apac").host("acct"));
    assertFalse(R2Jurisdiction.of("apac").isKnown());
    assertEquals(R2Jurisdiction.DEFAULT, R2Jurisdiction.of(" "));
    assertThrows(HfValidationException.class, () -> R2Jurisdiction.of("e u"));
  }

  @Test
  void settersBeatTheEnvironment() {
    R2Config c = R2Config.builder().fromEnv(env()).bucket("other-bucket").folder("").secretAccessKey("x").build();
    assertEquals("other-bucket", c.bucket());
    assertEquals("", c.folder());
    assertEquals("a.png", c.fullKey("a.png"));
    assertEquals("x", c.secretAccessKey());
  }

  @Test
  void endpointOverrideNeedsNoAccountAndSignsPayloadsOverPlainHttp() {
    R2Config c = R2Config.builder().endpoint("http://127.0.0.1:9000/").accessKeyId("a").secretAccessKey("b").bucket("bkt").build();
    assertEquals("http://127.0.0.1:9000/", c.endpoint().toString());
    assertTrue(c.signPayload());
    assertFalse(c.toBuilder().signPayload(false).build().signPayload());
    assertNull(c.accountId());
  }

  @Test
  void missingSettingsNameTheVariable() {
    Map<String, String> env = env();
    env.remove("R2_SECRET_ACCESS_KEY");
    HfValidationException e = assertThrows(HfValidationException.class, () -> R2Config.builder().fromEnv(env).build());
    assertTrue(e.getMessage().contains("R2_SECRET_ACCESS_KEY"), e.getMessage());
    Map<String, String> noAccount = env();
    noAccount.remove("R2_ACCOUNT_ID");
    e = assertThrows(HfValidationException.class, () -> R2Config.builder().fromEnv(noAccount).build());
    assertTrue(e.getMessage().contains("R2_ACCOUNT_ID"), e.getMessage());
    e = assertThrows(HfValidationException.class, () -> R2Config.builder().build());
    assertTrue(e.getMessage().contains("R2_ACCESS_KEY_ID"), e.getMessage());
  }

  @Test
  void secretsNeverAppearInToString() {
    R2Config c = R2Config.builder().fromEnv(env()).sessionToken("session-token-value").build();
    assertFalse(c.toString().contains(SECRET), c.toString());
    assertFalse(c.toString().contains("session-token-value"), c.toString());
    assertTrue(c.toString().contains("AKID"));
    assertFalse(c.toBuilder().toString().contains(SECRET));
    R2Client client = R2Client.create(c);
    assertFalse(client.toString().contains(SECRET), client.toString());
    SigV4Signer signer = new SigV4Signer("AKID", SECRET, "auto", "s3", null);
    assertFalse(signer.toString().contains(SECRET));
  }

  @Test
  void validation() {
    assertThrows(HfValidationException.class, () -> R2Config.builder().bucket("UPPER"));
    assertThrows(HfValidationException.class, () -> R2Config.builder().bucket("ab"));
    assertThrows(HfValidationException.class, () -> R2Config.builder().partSize(5L * 1024 * 1024 - 1));
    assertThrows(HfValidationException.class, () -> R2Config.builder().concurrency(0));
    assertThrows(HfValidationException.class, () -> R2Config.builder().endpoint("ftp://x"));
    assertThrows(HfValidationException.class, () -> R2Config.builder().publicUrl("https://cdn.example.com/?a=b"));
    assertThrows(HfValidationException.class, () -> R2Config.builder().accountId("acct.evil.com"));
    assertThrows(HfValidationException.class, () -> R2Config.builder().multipartThreshold(-1));
  }

  @Test
  void uploadTuningDefaults() {
    R2Config c = R2Config.builder().fromEnv(env()).build();
    assertEquals(16L << 20, c.partSize());
    assertEquals(64L << 20, c.multipartThreshold());
    assertEquals(4, c.concurrency());
  }
}
