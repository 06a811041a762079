package dev.vpnmanager.server.v2ray;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Decodes a {@code QueryStatsResponse{repeated Stat stat = 1}} while it is read from a stream, one {@code Stat}
 * at a time through a buffer of {@link #CHUNK} bytes, instead of copying the whole answer into one array first
 * (8 MB at 100,000 users, every cycle: large enough to go straight to the old generation and make the heap
 * grow). Each {@code Stat} is decoded in place ({@link #stat}). Unknown fields are skipped; a malformed
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
        stat(s.buf, s.at, s.at + len, visitor);
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
    while (end < n) {
      if (end == buf.length) { // grown as bytes come, never to a length the answer only claims
        buf = java.util.Arrays.copyOf(buf, (int) Math.min(n, buf.length * 2L));
      }
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

  /**
   * One {@code Stat{name = 1, value = 2}} in {@code b[from..end)}, decoded in place: no message, ByteString or
   * String per stat (200,000 of them at 100,000 users). Unknown fields are skipped.
   */
  static void stat(byte[] b, int from, int end, XrayApi.StatVisitor visitor) {
    WireReader stat = new WireReader(b, from, end);
    int nameFrom = -1;
    int nameTo = -1;
    long value = 0;
    while (stat.more()) {
      int t = (int) stat.varint();
      if (t == (1 << 3 | 2)) {
        int l = stat.length();
        nameFrom = stat.at;
        nameTo = nameFrom + l;
        stat.at = nameTo;
      } else if (t == (2 << 3)) {
        value = stat.varint();
      } else {
        stat.skip(t);
      }
    }
    visitor.stat(b, nameFrom < 0 ? 0 : nameFrom, nameFrom < 0 ? 0 : nameTo, value);
  }

  /** A cursor over protobuf wire data in {@code b[at..end)}. */
  private static final class WireReader {
    final byte[] b;
    int at;
    final int end;

    WireReader(byte[] b, int at, int end) {
      this.b = b;
      this.at = at;
      this.end = end;
    }

    boolean more() {
      return at < end;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (at >= end) {
          throw new UncheckedIOException(new IOException("malformed protobuf answer: truncated varint"));
        }
        byte x = b[at++];
        v |= (long) (x & 0x7f) << shift;
        if (x >= 0) {
          return v;
        }
      }
      throw new UncheckedIOException(new IOException("malformed protobuf answer: varint too long"));
    }

    int length() {
      long l = varint();
      if (l < 0 || l > end - at) {
        throw new UncheckedIOException(new IOException("malformed protobuf answer: length " + l));
      }
      return (int) l;
    }

    void skip(int tag) {
      switch (tag & 7) {
        case 0 -> varint();
        case 1 -> at = checked(at + 8);
        case 2 -> at += length();
        case 5 -> at = checked(at + 4);
        default -> throw new UncheckedIOException(new IOException("malformed protobuf answer: wire type " + (tag & 7)));
      }
    }

    private int checked(int to) {
      if (to > end) {
        throw new UncheckedIOException(new IOException("malformed protobuf answer: truncated"));
      }
      return to;
    }
  }
}
