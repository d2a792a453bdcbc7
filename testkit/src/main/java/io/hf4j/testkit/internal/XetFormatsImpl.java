package io.hf4j.testkit.internal;

import java.util.List;

/** {@link XetFormats} over the hf4j-xet module (wired when the module's parsers land). */
final class XetFormatsImpl implements XetFormats {
  private static IllegalStateException missing() {
    return new IllegalStateException("hf4j-xet parsers not merged yet");
  }

  @Override
  public Xorb parseXorb(byte[] serialized) {
    throw missing();
  }

  @Override
  public Shard parseShard(byte[] serialized) {
    throw missing();
  }

  @Override
  public byte[] dedupeAnswer(byte[] storedShard, long nowEpochSeconds) {
    throw missing();
  }

  @Override
  public byte[] chunkData(byte[] serializedChunk) {
    throw missing();
  }

  @Override
  public String fileHash(List<String> chunkHashes, List<Integer> chunkSizes) {
    throw missing();
  }

  @Override
  public String verificationHash(List<String> chunkHashes) {
    throw missing();
  }
}
