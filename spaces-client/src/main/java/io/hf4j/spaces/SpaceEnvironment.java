package io.hf4j.spaces;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfToken;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a program learns from the environment when it runs inside a Space: the Space's id, owner, title, host,
 * hardware and OAuth settings, and the token its owner stored as the {@code HF_TOKEN} secret.
 *
 * <pre>{@code
 * SpaceEnvironment space = SpaceEnvironment.current();   // null outside a Space
 * String base = space != null ? space.publicUrl() : "http://localhost:7860";
 * HfConfig config = space != null ? space.hfConfig() : HfConfig.fromEnv();
 * }</pre>
 *
 * <p>A program is in a Space exactly when {@code SPACE_ID} is set (as the Python client decides). The Hub does
 * <em>not</em> give a Space a token: {@link #token()} throws {@link SpaceTokenNotFoundException} unless the
 * owner added an {@code HF_TOKEN} secret. {@link #toString()} never shows the token or the OAuth secret.
 */
public final class SpaceEnvironment {
  private final Map<String, String> env;
  private final String spaceId;

  private SpaceEnvironment(Map<String, String> env, String spaceId) {
    this.env = env;
    this.spaceId = spaceId;
  }

  /**
   * This process's Space environment, read from {@link System#getenv()}.
   *
   * @return the environment, or null when {@code SPACE_ID} is unset or blank (not in a Space)
   */
  public static @Nullable SpaceEnvironment current() {
    return from(System.getenv());
  }

  /**
   * The Space environment described by {@code env} (a copy is kept; null keys and values are dropped).
   *
   * @param env environment variables, name to value, e.g. a test's map
   * @return the environment, or null when {@code env} has no non-blank {@code SPACE_ID}
   */
  public static @Nullable SpaceEnvironment from(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    String id = env.get("SPACE_ID");
    if (id == null || id.isBlank()) return null;
    Map<String, String> copy = new HashMap<>();
    env.forEach((k, v) -> {
      if (k != null && v != null) copy.put(k, v);
    });
    return new SpaceEnvironment(Map.copyOf(copy), id.strip());
  }

  /**
   * Whether this process runs inside a Space.
   *
   * @return true when {@code SPACE_ID} is set and not blank
   */
  public static boolean isRunningInSpace() {
    return current() != null;
  }

  /**
   * The Space's id.
   *
   * @return {@code SPACE_ID}, stripped, e.g. {@code osanseviero/i-like-flan}
   */
  public String spaceId() {
    return spaceId;
  }

  /**
   * The Space's id as a repo reference, ready for {@link SpacesClient} and hub-client calls.
   *
   * @return {@code RepoId.space(spaceId())}
   */
  public RepoId repoId() {
    return RepoId.space(spaceId);
  }

  /**
   * The user or organisation that owns the Space.
   *
   * @return {@code SPACE_AUTHOR_NAME} (or {@code SPACE_AUTHOR}), else the namespace of the id (empty if it has none)
   */
  public String authorName() {
    String v = get("SPACE_AUTHOR_NAME");
    if (v == null) v = get("SPACE_AUTHOR");
    if (v != null) return v;
    int slash = spaceId.indexOf('/');
    return slash > 0 ? spaceId.substring(0, slash) : "";
  }

  /**
   * The Space's name without its owner.
   *
   * @return {@code SPACE_REPO_NAME}, else the part of the id after the {@code /}
   */
  public String repoName() {
    String v = get("SPACE_REPO_NAME");
    if (v != null) return v;
    return spaceId.substring(spaceId.indexOf('/') + 1);
  }

  /**
   * The title in the Space's README card.
   *
   * @return {@code SPACE_TITLE}, or null if unset or blank
   */
  public @Nullable String title() {
    return get("SPACE_TITLE");
  }

  /**
   * The host the Space's app is served on.
   *
   * @return {@code SPACE_HOST}, e.g. {@code osanseviero-i-like-flan.hf.space} (no scheme), or null if unset
   */
  public @Nullable String host() {
    return get("SPACE_HOST");
  }

  /**
   * The Hub's id of the user who created the Space (not the user name).
   *
   * @return {@code SPACE_CREATOR_USER_ID}, or null if unset
   */
  public @Nullable String creatorUserId() {
    return get("SPACE_CREATOR_USER_ID");
  }

  /**
   * The number of CPU cores of the Space's hardware.
   *
   * @return {@code CPU_CORES} as an integer, or null if unset or not an integer
   */
  public @Nullable Integer cpuCores() {
    String v = get("CPU_CORES");
    if (v == null) return null;
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The memory of the Space's hardware.
   *
   * @return {@code MEMORY}, as the platform spells it (e.g. {@code 15Gi}), or null if unset
   */
  public @Nullable String memory() {
    return get("MEMORY");
  }

  /**
   * The Space's accelerator.
   *
   * @return {@code ACCELERATOR}, e.g. {@code t4-medium}; {@code none} on CPU hardware; null if unset
   */
  public @Nullable String accelerator() {
    return get("ACCELERATOR");
  }

  /**
   * Whether the Space runs on an accelerator.
   *
   * @return true when {@code ACCELERATOR} is set and not {@code none}
   */
  public boolean hasAccelerator() {
    String a = accelerator();
    return a != null && !a.equalsIgnoreCase("none");
  }

  /**
   * The OAuth settings the Hub gives a Space whose README has {@code hf_oauth: true}.
   *
   * @return the settings, or null when {@code OAUTH_CLIENT_ID} is unset
   */
  public @Nullable OAuth oauth() {
    String clientId = get("OAUTH_CLIENT_ID");
    if (clientId == null) return null;
    String scopes = get("OAUTH_SCOPES");
    List<String> list = scopes == null ? List.of() : Arrays.stream(scopes.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    return new OAuth(clientId, get("OAUTH_CLIENT_SECRET"), list, get("OPENID_PROVIDER_URL"));
  }

  /**
   * The Space's public URL: {@code https://} + {@code SPACE_HOST}, else derived from the id the way the Hub
   * names hosts ({@code owner/my_app} becomes {@code https://owner-my-app.hf.space}).
   *
   * @return the absolute URL, without a trailing {@code /}
   */
  public String publicUrl() {
    String host = get("SPACE_HOST");
    if (host != null) return host.startsWith("http://") || host.startsWith("https://") ? host : "https://" + host;
    return "https://" + subdomain(spaceId) + ".hf.space";
  }

  /**
   * Whether the owner stored an {@code HF_TOKEN} secret.
   *
   * @return true when {@code HF_TOKEN} is set and not blank
   */
  public boolean hasToken() {
    return get("HF_TOKEN") != null;
  }

  /**
   * The {@code HF_TOKEN} secret the owner stored.
   *
   * @return the token, with source {@link HfToken.Source#SPACE_SECRET}
   * @throws SpaceTokenNotFoundException if there is none (the Hub never sets one by itself)
   */
  public HfToken token() {
    String v = get("HF_TOKEN");
    if (v == null) {
      throw new SpaceTokenNotFoundException("This Space (" + spaceId + ") has no HF_TOKEN secret: the Hub does not give"
          + " Spaces a token. Add one under the Space's Settings > Variables and secrets > New secret, named HF_TOKEN.");
    }
    return HfToken.of(v, HfToken.Source.SPACE_SECRET);
  }

  /**
   * An {@link HfConfig} from this environment (endpoint, {@code HF_TOKEN}, cache settings, as {@link
   * HfConfig.Builder#fromEnv(Map)} reads them).
   *
   * @return a new configuration; without an {@code HF_TOKEN} secret it has no token
   */
  public HfConfig hfConfig() {
    return HfConfig.builder().fromEnv(env).build();
  }

  /**
   * Any environment variable, such as a variable or secret of the Space; blank counts as unset.
   *
   * @param name the variable's name, e.g. {@code MODEL_ID}
   * @return its value, stripped, or null if unset or blank
   */
  public @Nullable String variable(String name) {
    return get(Objects.requireNonNull(name, "name == null"));
  }

  private @Nullable String get(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  static String subdomain(String spaceId) {
    return spaceId.toLowerCase(Locale.ROOT).replace('/', '-').replace('_', '-').replace('.', '-');
  }

  @Override
  public String toString() {
    return "SpaceEnvironment{spaceId=" + spaceId + ", host=" + Objects.requireNonNullElse(host(), "-") + ", accelerator="
        + Objects.requireNonNullElse(accelerator(), "-") + ", token=" + (hasToken() ? "****" : "none") + "}";
  }

  /**
   * The OAuth settings of a Space with {@code hf_oauth: true}.
   *
   * @param clientId {@code OAUTH_CLIENT_ID}
   * @param clientSecret {@code OAUTH_CLIENT_SECRET} (never shown by {@link #toString()})
   * @param scopes {@code OAUTH_SCOPES}, split on spaces (always include {@code openid} and {@code profile})
   * @param providerUrl {@code OPENID_PROVIDER_URL}; metadata at {@code {providerUrl}/.well-known/openid-configuration}
   */
  public record OAuth(String clientId, @Nullable String clientSecret, List<String> scopes, @Nullable String providerUrl) {
    /**
     * Checks that the client id is present and copies the scopes.
     *
     * @param clientId {@code OAUTH_CLIENT_ID}
     * @param clientSecret {@code OAUTH_CLIENT_SECRET} (never shown by {@link #toString()}), or null
     * @param scopes {@code OAUTH_SCOPES}, split on spaces
     * @param providerUrl {@code OPENID_PROVIDER_URL}, or null
     */
    public OAuth {
      Objects.requireNonNull(clientId, "clientId == null");
      scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
      return "OAuth[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "****") + ", scopes="
          + scopes + ", providerUrl=" + providerUrl + "]";
    }
  }
}
