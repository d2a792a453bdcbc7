package io.hf4j.testkit.spi;

import io.hf4j.testkit.TokenRole;
import java.util.Objects;

/**
 * Who sent a request: the user a valid token belongs to, the token's display name and role. Never holds the
 * token itself.
 *
 * @param user the user the token belongs to
 * @param tokenName the token's display name
 * @param role the token's role (read or write)
 */
public record Caller(String user, String tokenName, TokenRole role) {
  /**
   * Creates the record, checking its components.
   *
   * @param user the user the token belongs to
   * @param tokenName the token's display name
   * @param role the token's role (read or write)
   */
  public Caller {
    Objects.requireNonNull(user, "user == null");
    Objects.requireNonNull(tokenName, "tokenName == null");
    Objects.requireNonNull(role, "role == null");
  }

  /** {@return whether the token may write (its role is {@link TokenRole#WRITE})} */
  public boolean canWrite() {
    return role == TokenRole.WRITE;
  }
}
