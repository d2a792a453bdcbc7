package io.hf4j.r2;

import io.hf4j.core.HfValidationException;
import io.hf4j.core.OpenValue;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where an R2 bucket's data lives, which decides its S3 endpoint. A bucket created in a jurisdiction is
 * reachable only through that jurisdiction's endpoint, so use one client per jurisdiction. Open: a
 * jurisdiction hf4j does not know yet maps to {@code <account>.<value>.r2.cloudflarestorage.com}.
 *
 * @param value the name Cloudflare uses: {@code default}, {@code eu} or {@code fedramp}
 */
public record R2Jurisdiction(String value) implements OpenValue {
  /** No jurisdiction: {@code https://<account>.r2.cloudflarestorage.com}. */
  public static final R2Jurisdiction DEFAULT = new R2Jurisdiction("default");
  /** The European Union: {@code https://<account>.eu.r2.cloudflarestorage.com}. */
  public static final R2Jurisdiction EU = new R2Jurisdiction("eu");
  /** FedRAMP (Enterprise only): {@code https://<account>.fedramp.r2.cloudflarestorage.com}. */
  public static final R2Jurisdiction FEDRAMP = new R2Jurisdiction("fedramp");
  private static final Set<R2Jurisdiction> KNOWN = Set.of(DEFAULT, EU, FEDRAMP);

  /**
   * Creates the record, checking its components.
   *
   * @param value the name Cloudflare uses: {@code default}, {@code eu} or {@code fedramp}
   */
  public R2Jurisdiction {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Parses a jurisdiction in any case; a blank value is {@link #DEFAULT}.
   *
   * @throws HfValidationException if the value cannot be part of a host name
   * @param value the jurisdiction's name, for example {@code eu}
   * @return the jurisdiction
   */
  public static R2Jurisdiction of(String value) {
    Objects.requireNonNull(value, "value == null");
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.isEmpty()) return DEFAULT;
    if (!v.matches("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")) {
      throw new HfValidationException("jurisdiction must be default, eu or fedramp but was '" + value + "'");
    }
    return new R2Jurisdiction(v);
  }

  /** {@return whether this is one of the jurisdictions hf4j knows} */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  /**
   * The S3 endpoint host of an account in this jurisdiction.
   *
   * @param accountId the Cloudflare account id
   * @return the host name
   */
  public String host(String accountId) {
    return equals(DEFAULT) ? accountId + ".r2.cloudflarestorage.com" : accountId + "." + value + ".r2.cloudflarestorage.com";
  }

  @Override
  public String toString() {
    return value;
  }
}
