package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;

import java.util.Set;

/** The emulated users, organisations and tokens (read-only view). */
public interface Accounts {
  /**
   * {@return whether a user of this name exists}
   *
   * @param name the user name
   */
  boolean userExists(String name);

  /**
   * {@return whether an organisation of this name exists}
   *
   * @param name the organisation name
   */
  boolean orgExists(String name);

  /**
   * Organisations {@code user} belongs to.
   *
   * @param user the user name
   * @return the organization names, empty for an unknown user
   */
  Set<String> orgsOf(String user);

  /**
   * {@return whether {@code user} may write repos of {@code namespace} (its own name or one of its orgs)}
   *
   * @param user the user name
   * @param namespace the user or organization name
   */
  boolean canWriteNamespace(String user, String namespace);

  /**
   * {@return the caller a token stands for, if the token is known}
   *
   * @param token the token string
   */
  @Nullable Caller authenticate(String token);
}
