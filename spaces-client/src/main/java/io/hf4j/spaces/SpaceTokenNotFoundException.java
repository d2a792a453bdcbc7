package io.hf4j.spaces;

import io.hf4j.core.LocalTokenNotFoundException;

/**
 * Code running inside a Space asked for a token, but the Space has no {@code HF_TOKEN} secret. The Hub does
 * not give Spaces a token by itself: the owner adds one under Settings, Secrets (or with {@link
 * SpacesClient#addSpaceSecret}).
 */
public class SpaceTokenNotFoundException extends LocalTokenNotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * A Space without an {@code HF_TOKEN} secret.
   *
   * @param message what was asked for and how to add the secret (never a token)
   */
  public SpaceTokenNotFoundException(String message) {
    super(message);
  }
}
