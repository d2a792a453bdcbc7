package io.hf4j.testkit;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** The emulator's fault injection: active rules and every fault injected so far. Thread-safe. */
public final class Faults {
  private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
  private final List<FaultEvent> events = new CopyOnWriteArrayList<>();

  /**
   * Activates a rule; returns it so the test can read {@link FaultRule#fired()}.
   *
   * @param rule the fault rule
   * @return {@code rule}
   */
  public FaultRule inject(FaultRule rule) {
    rules.add(Objects.requireNonNull(rule, "rule == null"));
    return rule;
  }

  /**
   * Deactivates a rule.
   *
   * @param rule the fault rule
   * @return true if the rule was active
   */
  public boolean remove(FaultRule rule) {
    return rules.remove(rule);
  }

  /** Deactivates every rule (the events stay). */
  public void clear() {
    rules.clear();
  }

  /** {@return the active rules, in the order they were injected} */
  public List<FaultRule> rules() {
    return List.copyOf(rules);
  }

  /** {@return every injected fault, in order} */
  public List<FaultEvent> events() {
    return List.copyOf(events);
  }

  /** {@return number of injected faults} */
  public int count() {
    return events.size();
  }

  /**
   * {@return the number of injected faults of one kind}
   *
   * @param kind the kind of fault to count
   */
  public int count(FaultKind kind) {
    return (int) events.stream().filter(e -> e.kind() == kind).count();
  }

  /**
   * Finds the rule that fires on this request, counting the request on every matching rule, and records the
   * event. Returns null when none fires. Used by the emulator's dispatcher.
   *
   * @param seq the request's sequence number in this emulator's life
   * @param host the listener that received the request
   * @param method the HTTP method ({@code GET}, {@code POST}, ...)
   * @param rawPath the request's raw path (without the query)
   * @return the rule that fires, or null when none does
   */
  public @Nullable FaultRule decide(long seq, Host host, String method, String rawPath) {
    FaultRule chosen = null;
    for (FaultRule rule : new ArrayList<>(rules)) {
      if (rule.appliesTo(host, method, rawPath) && rule.countAndDecide() && chosen == null) {
        chosen = rule;
      }
    }
    if (chosen != null) {
      events.add(new FaultEvent(seq, chosen.name(), chosen.kind(), host, method, rawPath, Instant.now()));
    }
    return chosen;
  }
}
