package io.hf4j.core;

/**
 * A server-defined string value (a stage, a hardware flavor, a repo type) that keeps values the
 * client does not know instead of failing on them. Implementations are records with a single {@code
 * String value} component; hf4j's JSON reads and writes them as plain strings.
 */
public interface OpenValue {
  /** {@return the raw value as the server spells it} */
  String value();
}
