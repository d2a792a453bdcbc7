package io.hf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.HashSet;
import java.util.List;
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
    assertEquals("acme", id.namespace());
    assertEquals("demo", id.name());
    assertEquals(RepoType.MODEL, id.type());
    assertNull(RepoId.of("demo").namespace());
    assertEquals(RepoId.of("me/demo"), RepoId.of("demo").withDefaultNamespace("me"));
    assertEquals(RepoId.space("me/demo"), RepoId.space("demo").withDefaultNamespace("me"));
  }

  @Test
  void factoriesBindTheType() {
    assertEquals(RepoType.MODEL, RepoId.model("acme/x").type());
    assertEquals(RepoType.DATASET, RepoId.dataset("acme/x").type());
    assertEquals(RepoType.SPACE, RepoId.space("acme/x").type());
    assertEquals(RepoType.KERNEL, RepoId.of(RepoType.KERNEL, "acme/x").type());
    assertEquals(RepoId.model("acme/x"), RepoId.of("acme/x"));
    assertEquals(RepoId.dataset("acme/x"), RepoId.of(RepoType.DATASET, "acme/x"));
    assertEquals(RepoId.model("acme/x"), RepoId.of("acme", "x"));
  }

  @ParameterizedTest
  @CsvSource({
      "datasets/acme/reviews, dataset, acme/reviews",
      "spaces/acme/demo, space, acme/demo",
      "acme/model, model, acme/model",
      "gpt2, model, gpt2",
      "datasets/squad, dataset, squad",
      "spaces/demo, space, demo"})
  void parseReadsTheHubsPrefixedForms(String input, String type, String id) {
    RepoId parsed = RepoId.parse(input);
    assertEquals(RepoType.of(type), parsed.type());
    assertEquals(id, parsed.toString());
    assertEquals(input, parsed.toPrefixedString());
    assertEquals(parsed, RepoId.parse(parsed.toPrefixedString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"datasets/a/b/c", "spaces/", "datasets/", "models/acme/x", "datasets/a--b", "spaces/x.git", ""})
  void parseRejectsBadIds(String input) {
    HfValidationException e = assertThrows(HfValidationException.class, () -> RepoId.parse(input));
    assertTrue(e.getMessage().contains("'"), e.getMessage());
  }

  @Test
  void prefixedIdGivenToOfNamesTheFix() {
    HfValidationException e = assertThrows(HfValidationException.class, () -> RepoId.of("datasets/acme/x"));
    assertTrue(e.getMessage().contains("RepoId.parse"), e.getMessage());
    assertTrue(e.getMessage().contains("RepoId.dataset"), e.getMessage());
  }

  @Test
  void equalityIncludesTheType() {
    RepoId model = RepoId.model("acme/x");
    RepoId dataset = RepoId.dataset("acme/x");
    assertNotEquals(model, dataset);
    assertNotEquals(dataset, RepoId.space("acme/x"));
    assertEquals(dataset, RepoId.dataset("acme/x"));
    assertEquals(dataset.hashCode(), RepoId.dataset("acme/x").hashCode());
    assertEquals(model.toString(), dataset.toString());
    assertEquals("acme/x", dataset.toString());
    assertEquals(dataset, model.withType(RepoType.DATASET));
    assertSame(model, model.withType(RepoType.MODEL));
    assertEquals(2, new HashSet<>(List.of(model, dataset, RepoId.of("acme/x"))).size());
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
