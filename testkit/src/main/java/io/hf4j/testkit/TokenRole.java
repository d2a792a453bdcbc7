package io.hf4j.testkit;

/** Role of an emulated access token, as {@code auth.accessToken.role} in {@code whoami-v2}. */
public enum TokenRole {
  /** May read what the user may read. */
  READ("read"),
  /** May also write to the user's (and the user's organisations') repos. */
  WRITE("write");

  private final String wireName;

  TokenRole(String wireName) {
    this.wireName = wireName;
  }

  /** {@return {@code read} or {@code write}} */
  public String wireName() {
    return wireName;
  }
}
