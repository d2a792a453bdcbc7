package io.hf4j.testkit;

import io.hf4j.testkit.internal.Glob;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A fault to inject into requests matching a method and a path pattern. Built with
 * {@code FaultRule.on("POST", "/api/models/**").nth(2).status(503)} and activated with
 * {@link Faults#inject(FaultRule)}.
 *
 * <p>The path pattern is a glob over the raw request path: {@code *} matches within one segment, {@code **}
 * across segments. The method may be {@code *}. Each rule counts the requests it matches on its own; the
 * trigger says which of them it fires on: only the Nth ({@link Builder#nth}), the first N
 * ({@link Builder#times}), every one ({@link Builder#always}), or a seeded random share
 * ({@link Builder#randomly}). When several rules fire on the same request the first injected one wins.
 */
public final class FaultRule {
  private final String name;
  private final String method;
  private final String pathGlob;
  private final Pattern pathPattern;
  private final Host host;
  private final Trigger trigger;
  private final int triggerN;
  private final double share;
  private final SplittableRandom random;
  private final FaultKind kind;
  private final int status;
  private final Duration duration;
  private long matched;
  private long fired;

  private enum Trigger { NTH, FIRST, ALWAYS, RANDOM }

  private FaultRule(Builder b, FaultKind kind, int status, Duration duration) {
    this.name = b.name != null ? b.name : kind + " " + b.method + " " + b.pathGlob;
    this.method = b.method;
    this.pathGlob = b.pathGlob;
    this.pathPattern = Glob.pathPattern(b.pathGlob);
    this.host = b.host;
    this.trigger = b.trigger;
    this.triggerN = b.n;
    this.share = b.share;
    this.random = b.trigger == Trigger.RANDOM ? new SplittableRandom(b.seed) : null;
    this.kind = kind;
    this.status = status;
    this.duration = duration;
  }

  /**
   * Starts a rule for {@code method} ({@code *} for any) and a glob over the raw path.
   *
   * @param method the HTTP method, or {@code *} for any
   * @param pathGlob a glob on the request path (without the query), e.g. {@code /api/models/**}
   * @return a builder of the rule
   */
  public static Builder on(String method, String pathGlob) {
    return new Builder(method, pathGlob);
  }

  /**
   * Starts a rule for any method.
   *
   * @param pathGlob the request paths the rule applies to, as a glob ({@code *} within a segment, {@code **} across)
   * @return this builder
   */
  public static Builder onAnyMethod(String pathGlob) {
    return new Builder("*", pathGlob);
  }

  /** {@return the rule's name (given, or made of its kind, method and path glob)} */
  public String name() {
    return name;
  }

  /** {@return what the rule does to a request it fires on} */
  public FaultKind kind() {
    return kind;
  }

  /** {@return the status a {@link FaultKind#STATUS} rule answers with (429 for {@link FaultKind#RATE_LIMIT})} */
  public int status() {
    return status;
  }

  /** {@return the delay of a {@link FaultKind#DELAY} rule, or the {@code Retry-After} of a {@link FaultKind#RATE_LIMIT} rule} */
  public Duration duration() {
    return duration;
  }

  /**
   * Requests this rule matched so far.
   *
   * @return how many requests the rule matched
   */
  public synchronized long matched() {
    return matched;
  }

  /**
   * Times this rule fired so far.
   *
   * @return how many times the rule fired
   */
  public synchronized long fired() {
    return fired;
  }

  boolean appliesTo(Host requestHost, String requestMethod, String rawPath) {
    return (host == null || host == requestHost)
        && ("*".equals(method) || method.equalsIgnoreCase(requestMethod))
        && pathPattern.matcher(rawPath).matches();
  }

  /** Counts a matching request and tells whether the rule fires on it. */
  synchronized boolean countAndDecide() {
    matched++;
    boolean fire;
    switch (trigger) {
      case NTH:
        fire = matched == triggerN;
        break;
      case FIRST:
        fire = matched <= triggerN;
        break;
      case ALWAYS:
        fire = true;
        break;
      default:
        fire = random.nextDouble() < share;
        break;
    }
    if (fire) {
      fired++;
    }
    return fire;
  }

  @Override
  public String toString() {
    return "FaultRule[" + name + ", matched=" + matched() + ", fired=" + fired() + "]";
  }

  /** Chooses where and when a fault fires; a terminal method chooses what it does. */
  public static final class Builder {
    private final String method;
    private final String pathGlob;
    private Host host;
    private String name;
    private Trigger trigger = Trigger.ALWAYS;
    private int n;
    private double share;
    private long seed;

    private Builder(String method, String pathGlob) {
      this.method = Objects.requireNonNull(method, "method == null").toUpperCase(Locale.ROOT);
      this.pathGlob = Objects.requireNonNull(pathGlob, "pathGlob == null");
      if (!pathGlob.startsWith("/") && !pathGlob.startsWith("*")) {
        throw new IllegalArgumentException("path pattern must start with / or *: " + pathGlob);
      }
    }

    /**
     * Only requests to this listener (default: any).
     *
     * @param host the listener
     * @return this builder
     */
    public Builder host(Host host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /**
     * A name for events and messages.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name == null");
      return this;
    }

    /**
     * Fires on the {@code n}th matching request only (1-based).
     *
     * @param n the 1-based number of the matching request
     * @return this builder
     */
    public Builder nth(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("n must be >= 1 but was " + n);
      }
      this.trigger = Trigger.NTH;
      this.n = n;
      return this;
    }

    /**
     * Fires on the first {@code n} matching requests.
     *
     * @param n how many matching requests
     * @return this builder
     */
    public Builder times(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("n must be >= 1 but was " + n);
      }
      this.trigger = Trigger.FIRST;
      this.n = n;
      return this;
    }

    /**
     * Fires on every matching request (the default).
     *
     * @return this builder
     */
    public Builder always() {
      this.trigger = Trigger.ALWAYS;
      return this;
    }

    /**
     * Fires on a random share (0..1) of matching requests, reproducibly for a given seed.
     *
     * @param share the share of matching requests that fire, in [0, 1]
     * @param seed the seed of the random choice, so runs repeat
     * @return this builder
     */
    public Builder randomly(double share, long seed) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("share must be within [0, 1] but was " + share);
      }
      this.trigger = Trigger.RANDOM;
      this.share = share;
      this.seed = seed;
      return this;
    }

    /**
     * Answers {@code status} ({@code {"error": "..."}}) instead of handling the request.
     *
     * @param status the HTTP status code
     * @return the finished rule
     */
    public FaultRule status(int status) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("status must be 4xx or 5xx but was " + status);
      }
      if (status == 429) {
        return rateLimited(Duration.ofSeconds(1));
      }
      return new FaultRule(this, FaultKind.STATUS, status, Duration.ZERO);
    }

    /**
     * Answers 429 with {@code RateLimit: "api";r=0;t=N}, {@code RateLimit-Policy} and {@code Retry-After: N}.
     *
     * @param retryAfter the {@code Retry-After} the response announces
     * @return the finished rule
     */
    public FaultRule rateLimited(Duration retryAfter) {
      Objects.requireNonNull(retryAfter, "retryAfter == null");
      return new FaultRule(this, FaultKind.RATE_LIMIT, 429, retryAfter);
    }

    /**
     * Closes the connection without any answer (see {@link FaultKind#RESET_BEFORE_RESPONSE}).
     *
     * @return the finished rule
     */
    public FaultRule resetBeforeResponse() {
      return new FaultRule(this, FaultKind.RESET_BEFORE_RESPONSE, 0, Duration.ZERO);
    }

    /**
     * Reads part of the request body, then closes the connection (see {@link FaultKind#RESET_DURING_REQUEST_BODY}).
     *
     * @return the finished rule
     */
    public FaultRule resetDuringRequestBody() {
      return new FaultRule(this, FaultKind.RESET_DURING_REQUEST_BODY, 0, Duration.ZERO);
    }

    /**
     * Sends the headers and half of the body, then closes the connection (see
     * {@link FaultKind#RESET_DURING_RESPONSE_BODY}).
     *
     * @return the finished rule
     */
    public FaultRule resetDuringResponseBody() {
      return new FaultRule(this, FaultKind.RESET_DURING_RESPONSE_BODY, 0, Duration.ZERO);
    }

    /**
     * Waits {@code delay} of real time, then handles the request normally.
     *
     * @param delay how long the response is held back
     * @return the finished rule
     */
    public FaultRule delay(Duration delay) {
      Objects.requireNonNull(delay, "delay == null");
      return new FaultRule(this, FaultKind.DELAY, 0, delay);
    }

    /**
     * Runs the handler (the change is applied) but closes the connection instead of answering (see
     * {@link FaultKind#DROP_RESPONSE_AFTER_APPLY}).
     *
     * @return the finished rule
     */
    public FaultRule dropResponseAfterApply() {
      return new FaultRule(this, FaultKind.DROP_RESPONSE_AFTER_APPLY, 0, Duration.ZERO);
    }
  }
}
