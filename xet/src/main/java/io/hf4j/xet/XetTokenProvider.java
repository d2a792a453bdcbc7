package io.hf4j.xet;

/** Supplies Xet tokens: from the Hub's token routes, refreshed when they expire or the CAS answers 401. */
@FunctionalInterface
public interface XetTokenProvider {
  /**
   * The current token.
   *
   * @param forceRefresh true to fetch a new one even if the cached one has not expired (after a 401)
   * @return the token, with its CAS URL and expiry
   */
  XetToken token(boolean forceRefresh);
}
