package io.hf4j.hub;

/** Defaults shared by the upload params. */
final class UploadDefaults {
  /** LFS transfers in flight (files and parts together). */
  static final int NUM_THREADS = 8;

  private UploadDefaults() {}
}
