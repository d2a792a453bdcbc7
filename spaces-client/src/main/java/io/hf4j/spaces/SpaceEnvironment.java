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
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a program learns from the environment when it runs inside a Space: the Space's id, owner, title, host,
 * hardware and OAuth settings, and the token its owner stored as the {@code HF_TOKEN} secret.
 *
 * <pre>{@code
 * Optional<SpaceEnvironment> space = SpaceEnvironment.current();
 * String base = space.map(s -> s.publicUrl()).orElse("http://localhost:7860");
 * HfConfig config = space.map(SpaceEnvironment::hfConfig).orElseGet(HfConfig::fromEnv);
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

  /** This process's Space environment, present exactly when {@code SPACE_ID} is set. */
  public static Optional<SpaceEnvironment> current() {
    return from(System.getenv());
  }

  /** The Space environment described by {@code env}, present exactly when it has a non-blank {@code SPACE_ID}. */
  public static Optional<SpaceEnvironment> from(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    String id = env.get("SPACE_ID");
    if (id == null || id.isBlank()) return Optional.empty();
    Map<String, String> copy = new HashMap<>();
    env.forEach((k, v) -> {
      if (k != null && v != null) copy.put(k, v);
    });
    return Optional.of(new SpaceEnvironment(Map.copyOf(copy), id.strip()));
  }

  /** Whether this process runs inside a Space ({@code SPACE_ID} is set). */
  public static boolean isRunningInSpace() {
    return current().isPresent();
  }

  /** {@code SPACE_ID}, e.g. {@code osanseviero/i-like-flan}. */
  public String spaceId() {
    return spaceId;
  }

  /** {@link #spaceId()} as a repo id. */
  public RepoId repoId() {
    return RepoId.space(spaceId);
  }

  /** {@code SPACE_AUTHOR_NAME} (or {@code SPACE_AUTHOR}), else the namespace of the id. */
  public String authorName() {
    String v = get("SPACE_AUTHOR_NAME");
    if (v == null) v = get("SPACE_AUTHOR");
    if (v != null) return v;
    int slash = spaceId.indexOf('/');
    return slash > 0 ? spaceId.substring(0, slash) : "";
  }

  /** {@code SPACE_REPO_NAME}, else the name part of the id. */
  public String repoName() {
    String v = get("SPACE_REPO_NAME");
    if (v != null) return v;
    return spaceId.substring(spaceId.indexOf('/') + 1);
  }

  /** {@code SPACE_TITLE}, the README's title. */
  public @Nullable String title() {
    return get("SPACE_TITLE");
  }

  /** {@code SPACE_HOST}, e.g. {@code osanseviero-i-like-flan.hf.space} (no scheme). */
  public @Nullable String host() {
    return get("SPACE_HOST");
  }

  /** {@code SPACE_CREATOR_USER_ID}: the id of the user who created the Space. */
  public @Nullable String creatorUserId() {
    return get("SPACE_CREATOR_USER_ID");
  }

  /** {@code CPU_CORES}. */
  public @Nullable Integer cpuCores() {
    String v = get("CPU_CORES");
    if (v == null) return null;
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code MEMORY}, as the platform spells it (e.g. {@code 15Gi}). */
  public @Nullable String memory() {
    return get("MEMORY");
  }

  /** {@code ACCELERATOR}, e.g. {@code t4-medium}; {@code none} on CPU hardware. */
  public @Nullable String accelerator() {
    return get("ACCELERATOR");
  }

  /** Whether {@code ACCELERATOR} names an accelerator (is set and not {@code none}). */
  public boolean hasAccelerator() {
    String a = accelerator();
    return a != null && !a.equalsIgnoreCase("none");
  }

  /** The OAuth settings, present when the README has {@code hf_oauth: true} ({@code OAUTH_CLIENT_ID} is set). */
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
   */
  public String publicUrl() {
    String host = get("SPACE_HOST");
    if (host != null) return host.startsWith("http://") || host.startsWith("https://") ? host : "https://" + host;
    return "https://" + subdomain(spaceId) + ".hf.space";
  }

  /** Whether the owner stored an {@code HF_TOKEN} secret. */
  public boolean hasToken() {
    return get("HF_TOKEN") != null;
  }

  /**
   * The {@code HF_TOKEN} secret the owner stored.
   *
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
   */
  public HfConfig hfConfig() {
    return HfConfig.builder().fromEnv(env).build();
  }

  /** Any environment variable, such as a variable or secret of the Space; blank counts as unset. */
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
