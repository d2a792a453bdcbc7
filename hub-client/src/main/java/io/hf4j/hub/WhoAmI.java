package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who the configured token belongs to: the answer of {@code GET /api/whoami-v2}. Python: the dict
 * returned by {@code HfApi.whoami}. Fields the Hub leaves out (a fine-grained token has no {@code
 * email}, an OAuth token no {@code accessToken}) are null.
 *
 * @param type {@code user}, {@code org} or {@code app}
 * @param id the account's object id
 * @param name the user or organization name (the namespace of its repos)
 * @param fullname the display name
 * @param email the e-mail address, when the token may read it
 * @param emailVerified whether the e-mail is verified
 * @param canPay whether a payment method is set
 * @param isPro whether the account has PRO
 * @param avatarUrl the avatar, possibly relative to the endpoint
 * @param orgs the organizations the user belongs to
 * @param auth how the request was authenticated
 * @param raw the whole answer, for fields not modelled here
 */
public record WhoAmI(
    String type,
    @Nullable String id,
    String name,
    @Nullable String fullname,
    @Nullable String email,
    @Nullable Boolean emailVerified,
    @Nullable Boolean canPay,
    @Nullable Boolean isPro,
    @Nullable String avatarUrl,
    List<Org> orgs,
    @Nullable Auth auth,
    Map<String, Object> raw) {
  /**
   * Checks the components; see the type's description.
   *
   * @param type {@code user}, {@code org} or {@code app}
   * @param id the account's object id
   * @param name the user or organization name (the namespace of its repos)
   * @param fullname the display name
   * @param email the e-mail address, when the token may read it
   * @param emailVerified whether the e-mail is verified
   * @param canPay whether a payment method is set
   * @param isPro whether the account has PRO
   * @param avatarUrl the avatar, possibly relative to the endpoint
   * @param orgs the organizations the user belongs to
   * @param auth how the request was authenticated
   * @param raw the whole answer, for fields not modelled here
   */
  public WhoAmI {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(name, "name == null");
    orgs = List.copyOf(orgs);
    raw = JsonObject.unmodifiable(raw);
  }

  /**
   * The names of the user's organizations.
   *
   * @return the names of the user's organizations
   */
  public List<String> orgNames() {
    return orgs.stream().map(Org::name).toList();
  }

  /**
   * An organization of the user.
   *
   * @param name the organization name
   * @param id its object id
   * @param fullname its display name
   * @param roleInOrg the user's role in it ({@code read}, {@code write}, {@code admin}...), when given
   */
  public record Org(String name, @Nullable String id, @Nullable String fullname, @Nullable String roleInOrg) {
    /**
     * Checks the components; see the type's description.
     *
     * @param name the organization name
     * @param id its object id
     * @param fullname its display name
     * @param roleInOrg the user's role in it ({@code read}, {@code write}, {@code admin}...), when given
     */
    public Org {
      Objects.requireNonNull(name, "name == null");
    }
  }

  /**
   * How the request was authenticated.
   *
   * @param type {@code access_token}, {@code app_token}, {@code app_token_as_user}...
   * @param accessToken the token's details, absent for OAuth tokens
   */
  public record Auth(String type, @Nullable AccessToken accessToken) {
    /**
     * Checks the components; see the type's description.
     *
     * @param type {@code access_token}, {@code app_token}, {@code app_token_as_user}...
     * @param accessToken the token's details, absent for OAuth tokens
     */
    public Auth {
      Objects.requireNonNull(type, "type == null");
    }
  }

  /**
   * The token's details.
   *
   * @param displayName the name given to the token
   * @param role {@code read}, {@code write} or {@code fineGrained}
   * @param createdAt when the token was created
   */
  public record AccessToken(@Nullable String displayName, @Nullable String role, @Nullable Instant createdAt) {
    /**
     * Whether the token may write (a {@code write} token; a fine-grained token may, depending on its scopes).
     *
     * @return whether the token may write (a {
     */
    public boolean canWrite() {
      return "write".equals(role) || "fineGrained".equals(role);
    }
  }

  static WhoAmI from(JsonObject o) {
    List<Org> orgs = o.objects("orgs").stream()
        .filter(org -> org.string("name") != null)
        .map(org -> new Org(org.string("name"), org.string("id"), org.string("fullname"), org.string("roleInOrg")))
        .toList();
    Auth auth = null;
    JsonObject a = o.object("auth");
    if (a != null) {
      JsonObject t = a.object("accessToken");
      AccessToken token = t == null ? null : new AccessToken(t.string("displayName"), t.string("role"), t.instant("createdAt"));
      auth = new Auth(a.string("type") == null ? "unknown" : a.string("type"), token);
    }
    String type = o.string("type") == null ? "user" : o.string("type");
    return new WhoAmI(type, o.string("id"), o.requireString("name", "whoami"), o.string("fullname"), o.string("email"),
        o.bool("emailVerified"), o.bool("canPay"), o.bool("isPro"), o.string("avatarUrl"), orgs, auth, o.raw());
  }
}
