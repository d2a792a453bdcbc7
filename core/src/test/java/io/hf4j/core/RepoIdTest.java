package io.hf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RepoIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"foo", "foo/bar", "123", "Foo-BAR_foo.bar123", "a/b", "org.name/x_y"})
  void validIds(String id) {
    assertEquals(id, RepoId.of(id).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"datasets/foo/bar", ".repo_id", "foo--bar", "foo.git", "-foo", "foo-", "a..b", "", "ns/", "/name", "na me", "ns/héllo"})
  void invalidIds(String id) {
    HfValidationException e = assertThrows(HfValidationException.class, () -> RepoId.of(id));
    assertTrue(e.getMessage().contains("'" + id + "'"), e.getMessage());
  }

  @Test
  void nameLimitedTo96Characters() {
    RepoId.of("ns/" + "a".repeat(96));
    assertThrows(HfValidationException.class, () -> RepoId.of("ns/" + "a".repeat(97)));
  }

  @Test
  void messagesNameTheRule() {
    assertTrue(assertThrows(HfValidationException.class, () -> RepoId.of("a/b/c")).getMessage().contains("namespace/repo_name"));
    assertTrue(assertThrows(HfValidationException.class, () -> RepoId.of("a--b")).getMessage().contains("Cannot have -- or .."));
    assertTrue(assertThrows(HfValidationException.class, () -> RepoId.of("ab.git")).getMessage().contains(".git"));
  }

  @Test
  void parts() {
    RepoId id = RepoId.of("acme/demo");
    assertEquals("acme", id.namespace().orElseThrow());
    assertEquals("demo", id.name());
    assertTrue(RepoId.of("demo").namespace().isEmpty());
    assertEquals(RepoId.of("me/demo"), RepoId.of("demo").withDefaultNamespace("me"));
  }

  @Test
  void repoTypes() {
    assertEquals(RepoType.DATASET, RepoType.of("datasets"));
    assertEquals(RepoType.SPACE, RepoType.of("Space"));
    assertEquals("", RepoType.MODEL.urlPrefix());
    assertEquals("datasets/", RepoType.DATASET.urlPrefix());
    assertEquals("spaces", RepoType.SPACE.apiSegment());
    assertEquals("models", RepoType.MODEL.cacheFolderPrefix());
    assertTrue(!RepoType.of("notebook").isKnown());
  }
}
