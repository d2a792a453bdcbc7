package io.hf4j.testkit;

import org.jspecify.annotations.Nullable;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.internal.XetStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The emulator's Xet CAS server, seen from a test: what it stores (xorbs, shards, files) and controls for the
 * bad cases (refused tokens, short-lived tokens, a lost xorb). Obtained with {@link HubEmulator#xet()}.
 */
public final class XetCas {
  private final XetStore store;

  XetCas(XetStore store) {
    this.store = store;
  }

  /**
   * Hashes of the stored xorbs.
   *
   * @return the xorb hashes (hex)
   */
  public Set<String> xorbs() {
    return store.xorbHashes();
  }

  /**
   * Xorbs newly stored by uploads (a re-upload of a stored xorb does not count).
   *
   * @return the number of xorbs uploads stored
   */
  public long xorbUploads() {
    return store.xorbUploads();
  }

  /** {@return the serialized bytes received in accepted xorb uploads, including re-uploads of stored xorbs} */
  public long xorbBytesReceived() {
    return store.xorbBytesReceived();
  }

  /** {@return the distinct shards stored} */
  public int shards() {
    return store.shardCount();
  }

  /** {@return the accepted shard uploads, including re-uploads of a stored shard} */
  public long shardUploads() {
    return store.shardUploads();
  }

  /**
   * Files registered through shards.
   *
   * @return how many files were registered
   */
  public int files() {
    return store.fileCount();
  }

  /**
   * {@return the Xet hash of the registered file with this SHA-256}
   *
   * @param sha256 the file's SHA-256 (hex)
   */
  public @Nullable String xetHashOf(String sha256) {
    return store.xetHashOfSha256(sha256).orElse(null);
  }

  /**
   * {@return the size of a registered file}
   *
   * @param xetHash the file's Xet hash (hex)
   */
  public @Nullable Long fileSize(String xetHash) {
    return store.file(xetHash).map(XetStore.XetFile::size).orElse(null);
  }

  /**
   * Deletes a stored xorb, so that reconstructions referencing it fail on the storage host.
   *
   * @param hash the xorb's hash (hex)
   * @return true if the xorb was stored
   */
  public boolean deleteXorb(String hash) {
    return store.deleteXorb(Objects.requireNonNull(hash, "hash == null"));
  }

  /**
   * Sets how long issued Xet access tokens live (default one hour, on the emulator's clock).
   *
   * @param ttl how long a new token stays valid (positive)
   * @return this view
   */
  public XetCas tokenTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive but was " + ttl);
    }
    store.tokenTtl(ttl);
    return this;
  }

  /**
   * Expires every Xet access token issued so far: the next CAS request with one gets 401 (refresh needed).
   *
   * @return this view
   */
  public XetCas expireTokens() {
    store.expireTokens();
    return this;
  }

  /**
   * Makes the token endpoints of a repo answer {@code status} (e.g. 404 or 401: the repo has no Xet storage);
   * {@code 0} restores them. A refused repo's resolve answers carry no Xet headers.
   *
   * @param type the repository type
   * @param repoId the repository id ({@code owner/name})
   * @param status the status the token endpoints answer, or 0 to restore them
   * @return this view
   */
  public XetCas refuseTokens(RepoType type, String repoId, int status) {
    store.refuse(type.value(), repoId, status);
    return this;
  }

  /**
   * Like {@link #refuseTokens(RepoType, String, int)} for every repo.
   *
   * @param status the status the token endpoints answer, or 0 to restore them
   * @return this view
   */
  public XetCas refuseAllTokens(int status) {
    store.refuseAll(status);
    return this;
  }
}
