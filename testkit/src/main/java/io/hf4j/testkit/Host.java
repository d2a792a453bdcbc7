package io.hf4j.testkit;

/** The emulator's listeners. */
public enum Host {
  /** The Hub API, {@link HubEmulator#url()}. */
  API,
  /** The presigned storage (LFS PUT targets, multipart parts, LFS downloads), {@link HubEmulator#storageUrl()}. */
  STORAGE,
  /** In-process Space apps, {@link HubEmulator#spaceAppsUrl()}. */
  SPACE_APP,
  /** The Xet CAS server (reconstructions, xorb and shard uploads, global dedupe), {@link HubEmulator#casUrl()}. */
  CAS
}
