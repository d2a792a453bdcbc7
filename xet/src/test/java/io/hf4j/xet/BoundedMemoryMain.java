package io.hf4j.xet;

import io.hf4j.core.HfConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Run in a forked JVM with a small heap by {@link XetBoundedMemoryTest}: uploads a generated stream far
 * larger than the heap through a session, downloads it back, and prints both sha256 and the Xet hash.
 */
public final class BoundedMemoryMain {
  private BoundedMemoryMain() {}

  /** Args: CAS URL, token, size in bytes, seed. */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String token = args[1];
    long size = Long.parseLong(args[2]);
    long seed = Long.parseLong(args[3]);
    HfConfig config = HfConfig.builder().endpoint("http://hub.invalid").noToken().build();
    CasClient cas = new CasClient(config, force -> new XetToken(url, token, Instant.now().plusSeconds(3600)));
    XetUploadSession session = new XetUploadSession(cas, XetUploadSession.Options.defaults());
    XetUploadSession.XetFileResult r;
    try (InputStream in = new Generated(size, seed)) {
      r = session.add(in, size);
    }
    session.flush();
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    long[] count = new long[1];
    try (OutputStream out = new OutputStream() {
      @Override
      public void write(int b) {
        md.update((byte) b);
        count[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        md.update(b, off, len);
        count[0] += len;
      }
    }) {
      new XetDownloader(cas).download(r.xetHash(), r.size(), out);
    }
    Runtime rt = Runtime.getRuntime();
    System.out.println("RESULT " + r.xetHash().toHex() + " " + r.sha256Hex() + " "
        + HexFormat.of().formatHex(md.digest()) + " " + count[0] + " maxHeap=" + rt.maxMemory());
  }

  /** A seeded pseudo-random stream with some repetition (so that some chunks compress and dedupe). */
  static final class Generated extends InputStream {
    private final SplittableRandom rnd;
    private long remaining;
    private final byte[] block = new byte[1 << 20];
    private int pos = block.length;
    private long blocks;

    Generated(long size, long seed) {
      this.remaining = size;
      this.rnd = new SplittableRandom(seed);
    }

    private void refill() {
      if (blocks++ % 7 != 3) { // every 7th block repeats the previous one
        for (int i = 0; i < block.length; i += 8) {
          long v = rnd.nextLong();
          for (int k = 0; k < 8; k++) {
            block[i + k] = (byte) (v >>> (8 * k));
          }
        }
      }
      pos = 0;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining <= 0) {
        return -1;
      }
      if (pos == block.length) {
        refill();
      }
      int n = (int) Math.min(Math.min(len, block.length - pos), remaining);
      System.arraycopy(block, pos, b, off, n);
      pos += n;
      remaining -= n;
      return n;
    }
  }
}
