package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;

import java.util.Set;

/** The emulated users, organisations and tokens (read-only view). */
public interface Accounts {
  boolean userExists(String name);

  boolean orgExists(String name);

  /** Organisations {@code user} belongs to. */
  Set<String> orgsOf(String user);

  /** Whether {@code user} may write repos of {@code namespace} (its own name or one of its orgs). */
  boolean canWriteNamespace(String user, String namespace);

  /** The caller a token stands for, if the token is known. */
  @Nullable Caller authenticate(String token);
}
