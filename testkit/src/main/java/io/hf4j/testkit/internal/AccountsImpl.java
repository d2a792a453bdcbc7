package io.hf4j.testkit.internal;

import org.jspecify.annotations.Nullable;

import io.hf4j.testkit.TokenRole;
import io.hf4j.testkit.spi.Accounts;
import io.hf4j.testkit.spi.Caller;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Users, organisations and tokens of one emulator. Filled before start, read-only afterwards. */
public final class AccountsImpl implements Accounts {
  /** A user account. */
  public record User(String name, String fullname, String email, String objectId) {}

  /** An organisation and its members. */
  public record Org(String name, String fullname, String objectId, Set<String> members) {}

  /** A token; {@link #value} never leaves this class except to compare. */
  record Token(String value, String user, TokenRole role, String displayName, Instant createdAt) {
    @Override
    public String toString() {
      return "Token[" + displayName + ", " + user + ", " + role + "]";
    }
  }

  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Org> orgs = new LinkedHashMap<>();
  private final Map<String, Token> tokens = new LinkedHashMap<>();

  public void addUser(String name, String fullname, String email) {
    users.put(name, new User(name, fullname, email, Ids.objectId("user:" + name)));
  }

  public void addOrg(String name, Set<String> members) {
    orgs.put(name, new Org(name, name, Ids.objectId("org:" + name), new LinkedHashSet<>(members)));
  }

  public void addToken(String user, String token, TokenRole role, Instant createdAt) {
    if (!users.containsKey(user)) {
      throw new IllegalArgumentException("unknown user for token: " + user);
    }
    if (tokens.containsKey(token)) {
      throw new IllegalArgumentException("duplicate token for user " + user);
    }
    String name = user + "-" + role.wireName() + "-" + (tokens.size() + 1);
    tokens.put(token, new Token(token, user, role, name, createdAt));
  }

  public Map<String, User> users() {
    return users;
  }

  public Map<String, Org> orgs() {
    return orgs;
  }

  /** The first token of {@code role}, optionally of one user. */
  public Optional<String> firstToken(TokenRole role, String user) {
    return tokens.values().stream()
        .filter(t -> t.role() == role && (user == null || t.user().equals(user)))
        .map(Token::value)
        .findFirst();
  }

  public Optional<Instant> tokenCreatedAt(String tokenName) {
    return tokens.values().stream().filter(t -> t.displayName().equals(tokenName)).map(Token::createdAt).findFirst();
  }

  @Override
  public boolean userExists(String name) {
    return users.containsKey(name);
  }

  @Override
  public boolean orgExists(String name) {
    return orgs.containsKey(name);
  }

  @Override
  public Set<String> orgsOf(String user) {
    Set<String> out = new LinkedHashSet<>();
    for (Org o : orgs.values()) {
      if (o.members().contains(user)) {
        out.add(o.name());
      }
    }
    return out;
  }

  @Override
  public boolean canWriteNamespace(String user, String namespace) {
    if (user.equals(namespace)) {
      return true;
    }
    Org org = orgs.get(namespace);
    return org != null && org.members().contains(user);
  }

  @Override
  public @Nullable Caller authenticate(@Nullable String token) {
    if (token == null) {
      return null;
    }
    Token t = tokens.get(token);
    return t == null ? null : new Caller(t.user(), t.displayName(), t.role());
  }
}
