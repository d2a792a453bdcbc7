package io.hf4j.spaces;

import io.hf4j.core.HfException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.SpaceHardware;
import io.hf4j.spaces.internal.JsonValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the Hub says about a running (or not) Space: its stage, hardware, sleep time, storage and error
 * message, with the whole server object kept in {@link #raw()}. Python: {@code SpaceRuntime}.
 *
 * @param stage the current stage
 * @param hardware the hardware the Space runs on; null while it first builds and on static Spaces
 * @param requestedHardware the hardware requested for the next start; null on static Spaces
 * @param sleepTime seconds without traffic before the Space sleeps ({@code gcTimeout}); null or -1 means never
 * @param storage the legacy persistent storage tier, if any
 * @param errorMessage the server's explanation on a failed stage
 * @param devMode whether dev mode is on
 * @param domains the hosts the app is served on
 * @param sha the commit the Space runs, when reported
 * @param raw the whole JSON object as received (maps, lists, strings, longs, doubles, booleans)
 */
public record SpaceRuntime(
    SpaceStage stage,
    @Nullable SpaceHardware hardware,
    @Nullable SpaceHardware requestedHardware,
    @Nullable Integer sleepTime,
    @Nullable SpaceStorage storage,
    @Nullable String errorMessage,
    boolean devMode,
    List<Domain> domains,
    @Nullable String sha,
    Map<String, Object> raw) {

  /**
   * A host serving the Space's app.
   *
   * @param domain the host name, e.g. {@code acme-demo.hf.space}
   * @param stage {@code READY} or {@code PENDING}
   * @param custom whether it is a custom domain
   */
  public record Domain(String domain, @Nullable String stage, boolean custom) {
    /**
     * Checks that the host name is present.
     *
     * @param domain the host name, e.g. {@code acme-demo.hf.space}
     * @param stage {@code READY} or {@code PENDING}, or null if not reported
     * @param custom whether it is a custom domain
     */
    public Domain {
      Objects.requireNonNull(domain, "domain == null");
    }

    /**
     * Whether the domain answers requests.
     *
     * @return true when its stage is {@code READY}
     */
    public boolean isReady() {
      return "READY".equals(stage);
    }
  }

  /**
   * Checks that the stage and raw object are present; copies the domains and the raw object.
   *
   * @param stage the current stage
   * @param hardware the hardware the Space runs on; null while it first builds and on static Spaces
   * @param requestedHardware the hardware requested for the next start; null on static Spaces
   * @param sleepTime seconds without traffic before the Space sleeps ({@code gcTimeout}); null or -1 means never
   * @param storage the legacy persistent storage tier, or null
   * @param errorMessage the server's explanation on a failed stage, or null
   * @param devMode whether dev mode is on
   * @param domains the hosts the app is served on
   * @param sha the commit the Space runs, or null when not reported
   * @param raw the whole JSON object as received
   */
  public SpaceRuntime {
    Objects.requireNonNull(stage, "stage == null");
    domains = List.copyOf(domains);
    raw = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(raw, "raw == null")));
  }

  /**
   * Parses a runtime object as the Hub returns it from {@code /api/spaces/{id}/runtime} and the hardware,
   * sleep-time, pause and restart calls.
   *
   * @param json the JSON text of one runtime object
   * @return the runtime, with the object kept in {@link #raw()}
   * @throws HfException if the text is not a JSON object with a {@code stage}
   */
  public static SpaceRuntime fromJson(String json) {
    Objects.requireNonNull(json, "json == null");
    return fromMap(JsonValues.parseObject(json, "the Space runtime"));
  }

  static SpaceRuntime fromMap(Map<String, Object> raw) {
    String stage = JsonValues.string(raw, "stage");
    if (stage == null) throw new HfException("Unexpected Space runtime: no 'stage' in " + raw.keySet());
    Map<String, Object> hw = JsonValues.object(raw, "hardware");
    SpaceHardware current = null;
    SpaceHardware requested = null;
    if (hw != null) {
      String c = JsonValues.string(hw, "current");
      String r = JsonValues.string(hw, "requested");
      current = c == null ? null : SpaceHardware.of(c);
      requested = r == null ? null : SpaceHardware.of(r);
    }
    String storage = JsonValues.string(raw, "storage");
    List<Domain> domains = new ArrayList<>();
    List<?> list = JsonValues.list(raw, "domains");
    if (list != null) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("domain") instanceof String d) {
          Object s = m.get("stage");
          domains.add(new Domain(d, s instanceof String ss ? ss : null, Boolean.TRUE.equals(m.get("isCustom"))));
        }
      }
    }
    return new SpaceRuntime(
        SpaceStage.of(stage),
        current,
        requested,
        JsonValues.integer(raw, "gcTimeout"),
        storage == null ? null : SpaceStorage.of(storage),
        JsonValues.string(raw, "errorMessage"),
        JsonValues.bool(raw, "devMode"),
        domains,
        JsonValues.string(raw, "sha"),
        raw);
  }

  /**
   * The sleep time, when the Space sleeps at all.
   *
   * @return seconds without traffic before the Space sleeps, or null when {@code gcTimeout} is unset or -1 (never)
   */
  public @Nullable Integer sleepTimeSeconds() {
    return sleepTime == null || sleepTime < 0 ? null : sleepTime;
  }

  /**
   * The host the app answers on.
   *
   * @return the first ready domain, preferring the Space's own {@code *.hf.space} host over custom domains; null
   *     when no domain is ready
   */
  public @Nullable String host() {
    return domains.stream().filter(Domain::isReady).filter(d -> !d.custom()).map(Domain::domain).findFirst()
        .or(() -> domains.stream().filter(Domain::isReady).map(Domain::domain).findFirst()).orElse(null);
  }

  /**
   * The server object re-serialized as JSON.
   *
   * @return {@link #raw()} as compact JSON text
   */
  public String rawJson() {
    return JsonValues.write(raw);
  }
}
