package io.hf4j.testkit.internal;

import io.hf4j.testkit.spi.Response;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Hub's answer to a request naming a repo by a former name: a {@code 307 Temporary Redirect} with a
 * <em>relative</em> {@code Location} (the same path and query with the current id), on every route and method
 * (GET, HEAD, POST ...). The one place the emulator applies {@link HubState#renamedTo}.
 */
public final class RepoRedirects {
  private static final Map<String, String> TYPES_BY_PREFIX =
      Map.of("datasets", "dataset", "spaces", "space", "kernels", "kernel");
  /** Second-level segments of a model web/git URL {@code /{ns}/{name}/<segment>/...}. */
  private static final Set<String> MODEL_ROUTES = Set.of("resolve", "raw", "blob", "tree", "commit", "info");

  private final HubState state;

  public RepoRedirects(HubState state) {
    this.state = state;
  }

  /** The redirect for a request on the API host, or empty when the path names no moved repo. */
  public Optional<Response> redirect(String rawPath, String rawQuery) {
    if (!rawPath.startsWith("/")) {
      return Optional.empty();
    }
    String[] seg = rawPath.substring(1).split("/", -1);
    String type;
    int at;
    if (seg.length >= 4 && seg[0].equals("api") && Access.TYPES_BY_PLURAL.containsKey(seg[1])) {
      type = Access.TYPES_BY_PLURAL.get(seg[1]);
      at = 2;
    } else if (seg.length >= 3 && TYPES_BY_PREFIX.containsKey(seg[0])) {
      type = TYPES_BY_PREFIX.get(seg[0]);
      at = 1;
    } else if (seg.length >= 3 && !seg[0].equals("api")
        && (seg[1].endsWith(".git") || MODEL_ROUTES.contains(seg[2]))) {
      type = "model";
      at = 0;
    } else {
      return Optional.empty();
    }
    String name = seg[at + 1];
    String suffix = name.endsWith(".git") ? ".git" : "";
    name = name.substring(0, name.length() - suffix.length());
    if (seg[at].isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> to = state.renamedTo(type, seg[at] + "/" + name);
    if (to.isEmpty()) {
      return Optional.empty();
    }
    String[] out = Arrays.copyOf(seg, seg.length);
    out[at] = to.get().substring(0, to.get().indexOf('/'));
    out[at + 1] = to.get().substring(to.get().indexOf('/') + 1) + suffix;
    String location = "/" + String.join("/", out) + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    return Optional.of(Response.text(307, "Temporary Redirect. Redirecting to " + location)
        .header("Location", location));
  }
}
