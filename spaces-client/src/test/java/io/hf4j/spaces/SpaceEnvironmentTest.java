package io.hf4j.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfToken;
import io.hf4j.core.LocalTokenNotFoundException;
import io.hf4j.core.RepoId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpaceEnvironmentTest {
  static final Map<String, String> SPACE = Map.ofEntries(
      Map.entry("SPACE_ID", "osanseviero/i-like-flan"),
      Map.entry("SPACE_AUTHOR_NAME", "osanseviero"),
      Map.entry("SPACE_REPO_NAME", "i-like-flan"),
      Map.entry("SPACE_TITLE", "I Like Flan"),
      Map.entry("SPACE_HOST", "osanseviero-i-like-flan.hf.space"),
      Map.entry("SPACE_CREATOR_USER_ID", "6032802e1f993496bc14d9e3"),
      Map.entry("CPU_CORES", "4"),
      Map.entry("MEMORY", "15Gi"),
      Map.entry("ACCELERATOR", "t4-medium"),
      Map.entry("HF_TOKEN", "hf_space_secret_token"));

  @Test
  void absentWithoutSpaceId() {
    assertNull(SpaceEnvironment.from(Map.of()));
    assertNull(SpaceEnvironment.from(Map.of("SPACE_ID", "  ", "SPACE_HOST", "x.hf.space")));
    assertNull(SpaceEnvironment.from(Map.of("SYSTEM", "spaces")));
  }

  @Test
  void exposesTheBuiltInVariables() {
    SpaceEnvironment env = SpaceEnvironment.from(SPACE);
    assertEquals("osanseviero/i-like-flan", env.spaceId());
    assertEquals(RepoId.space("osanseviero/i-like-flan"), env.repoId());
    assertEquals("osanseviero", env.authorName());
    assertEquals("i-like-flan", env.repoName());
    assertEquals("I Like Flan", env.title());
    assertEquals("osanseviero-i-like-flan.hf.space", env.host());
    assertEquals("6032802e1f993496bc14d9e3", env.creatorUserId());
    assertEquals(4, env.cpuCores());
    assertEquals("15Gi", env.memory());
    assertEquals("t4-medium", env.accelerator());
    assertTrue(env.hasAccelerator());
    assertEquals("https://osanseviero-i-like-flan.hf.space", env.publicUrl());
    assertNull(env.oauth());
  }

  @Test
  void tokenIsTheHfTokenSecret() {
    SpaceEnvironment env = SpaceEnvironment.from(SPACE);
    HfToken token = env.token();
    assertEquals("hf_space_secret_token", token.reveal());
    assertEquals(HfToken.Source.SPACE_SECRET, token.source());
    assertFalse(env.toString().contains("hf_space_secret_token"), env.toString());
    assertEquals("hf_space_secret_token", env.hfConfig().requireToken("test").reveal());
  }

  @Test
  void missingTokenIsAClearTypedError() {
    SpaceEnvironment env = SpaceEnvironment.from(Map.of("SPACE_ID", "acme/app"));
    assertFalse(env.hasToken());
    SpaceTokenNotFoundException e = assertThrows(SpaceTokenNotFoundException.class, env::token);
    assertTrue(e instanceof LocalTokenNotFoundException);
    assertTrue(e.getMessage().contains("HF_TOKEN") && e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void authorFallsBackToSpaceAuthorThenTheId() {
    assertEquals("legacy", SpaceEnvironment.from(Map.of("SPACE_ID", "acme/app", "SPACE_AUTHOR", "legacy")).authorName());
    assertEquals("new", SpaceEnvironment.from(Map.of("SPACE_ID", "acme/app", "SPACE_AUTHOR", "legacy", "SPACE_AUTHOR_NAME", "new"))
        .authorName());
    SpaceEnvironment bare = SpaceEnvironment.from(Map.of("SPACE_ID", "acme/My_App"));
    assertEquals("acme", bare.authorName());
    assertEquals("My_App", bare.repoName());
    assertEquals("https://acme-my-app.hf.space", bare.publicUrl(), "derived when SPACE_HOST is absent");
    assertNull(bare.cpuCores());
    assertNull(bare.title());
  }

  @Test
  void cpuOnlyAcceleratorIsNone() {
    SpaceEnvironment env = SpaceEnvironment.from(Map.of("SPACE_ID", "a/b", "ACCELERATOR", "none", "CPU_CORES", "two"));
    assertFalse(env.hasAccelerator());
    assertNull(env.cpuCores());
  }

  @Test
  void oauthWhenPresent() {
    SpaceEnvironment env = SpaceEnvironment.from(Map.of("SPACE_ID", "a/b", "OAUTH_CLIENT_ID", "cid",
        "OAUTH_CLIENT_SECRET", "oauth-secret-value", "OAUTH_SCOPES", "openid profile  inference-api",
        "OPENID_PROVIDER_URL", "https://huggingface.co"));
    SpaceEnvironment.OAuth oauth = env.oauth();
    assertEquals("cid", oauth.clientId());
    assertEquals("oauth-secret-value", oauth.clientSecret());
    assertEquals(List.of("openid", "profile", "inference-api"), oauth.scopes());
    assertEquals("https://huggingface.co", oauth.providerUrl());
    assertFalse(oauth.toString().contains("oauth-secret-value"));
  }

  @Test
  void userVariablesAreReadable() {
    SpaceEnvironment env = SpaceEnvironment.from(Map.of("SPACE_ID", "a/b", "MODEL_ID", "acme/model"));
    assertEquals("acme/model", env.variable("MODEL_ID"));
    assertNull(env.variable("NOPE"));
  }
}
