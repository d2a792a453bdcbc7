package io.hf4j.hub;

/**
 * A git reference of a repo. Python: {@code GitRefInfo}.
 *
 * @param name the short name ({@code main}, {@code v1.0}, {@code refs/pr/3})
 * @param ref the full reference ({@code refs/heads/main}, {@code refs/tags/v1.0}, {@code refs/pr/3})
 * @param targetCommit the commit it points to
 */
public record GitRefInfo(String name, String ref, String targetCommit) {
  static GitRefInfo from(JsonObject o) {
    return new GitRefInfo(o.requireString("name", "refs"), o.requireString("ref", "refs"),
        o.requireString("targetCommit", "refs"));
  }
}
