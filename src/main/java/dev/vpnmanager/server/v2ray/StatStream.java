package dev.vpnmanager.server.v2ray;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Decodes a {@code QueryStatsResponse{repeated Stat stat = 1}} while it is read from a stream, one {@code Stat}
 * at a time through a buffer of {@link #CHUNK} bytes, instead of copying the whole answer into one array first
 * (8 MB at 100,000 users, every cycle: large enough to go straight to the old generation and make the heap
 * grow). Each {@code Stat} is decoded in place by {@link XrayApi#stat}. Unknown fields are skipped; a malformed
 * or truncated answer fails.
 */
final class StatStream {
  static final int CHUNK = 64 * 1024;
  private final InputStream in;
  private byte[] buf = new byte[CHUNK];
  private int at;
  private int end;

  private StatStream(InputStream in) {
    this.in = in;
  }

  /** Hands every stat of the answer to the visitor; returns how many there were. */
  static int read(InputStream in, XrayApi.StatVisitor visitor) throws IOException {
    StatStream s = new StatStream(in);
    int n = 0;
    while (s.fill(1)) {
      int tag = (int) s.varint();
      if (tag == (1 << 3 | 2)) {
        int len = s.length();
        s.need(len);
        XrayApi.stat(s.buf, s.at, s.at + len, visitor);
        s.at += len;
        n++;
      } else {
        s.skip(tag);
      }
    }
    return n;
  }

  /** True once {@code n} bytes are buffered; false if the stream ended first. */
  private boolean fill(int n) throws IOException {
    if (end - at >= n) {
      return true;
    }
    if (at > 0) {
      System.arraycopy(buf, at, buf, 0, end - at);
      end -= at;
      at = 0;
    }
    if (n > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }
    while (end < n) {
      int r = in.read(buf, end, buf.length - end);
      if (r < 0) {
        return false;
      }
      end += r;
    }
    return true;
  }

  private void need(int n) throws IOException {
    if (!fill(n)) {
      throw malformed("truncated");
    }
  }

  private long varint() throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1);
      byte x = buf[at++];
      v |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        return v;
      }
    }
    throw malformed("varint too long");
  }

  private int length() throws IOException {
    long l = varint();
    if (l < 0 || l > Integer.MAX_VALUE - CHUNK) {
      throw malformed("length " + l);
    }
    return (int) l;
  }

  private void skip(int tag) throws IOException {
    switch (tag & 7) {
      case 0 -> varint();
      case 1 -> skipBytes(8);
      case 2 -> skipBytes(length());
      case 5 -> skipBytes(4);
      default -> throw malformed("wire type " + (tag & 7));
    }
  }

  private void skipBytes(long n) throws IOException {
    while (n > 0) {
      need(1);
      int k = (int) Math.min(n, end - at);
      at += k;
      n -= k;
    }
  }

  private static UncheckedIOException malformed(String what) {
    return new UncheckedIOException(new IOException("malformed protobuf answer: " + what));
  }
}
