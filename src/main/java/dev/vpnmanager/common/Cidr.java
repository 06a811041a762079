package dev.vpnmanager.common;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR form, parsed strictly from literals (never a name lookup), kept canonical (host
 * bits cleared). {@link #minus} cuts allowed networks out of a blocked one, for block lists without an allow rule.
 */
public record Cidr(boolean v6, BigInteger network, int prefix) {
  private static final Pattern V4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  /** {@code a.b.c.d/n}, {@code x::y/n}, or a bare address (a /32 or /128). */
  public static Cidr parse(String text) {
    String t = text == null ? "" : text.strip();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    boolean v6 = addr.indexOf(':') >= 0;
    if (!(v6 ? V6 : V4).matcher(addr).matches()) {
      throw bad(t);
    }
    int bits = v6 ? 128 : 32;
    int prefix = bits;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
        throw bad(t);
      }
      prefix = Integer.parseInt(p);
    }
    byte[] raw;
    try {
      raw = InetAddress.getByName(addr).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw bad(t);
    }
    if (raw.length != bits / 8) {
      throw bad(t); // an IPv4-mapped IPv6 literal comes back as 4 bytes
    }
    return new Cidr(v6, new BigInteger(1, raw).and(mask(bits, prefix)), prefix);
  }

  /** Comma- or space-separated networks; empty text is an empty list. */
  public static List<Cidr> parseList(String text) {
    List<Cidr> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String part : text.split("[,\\s]+")) {
      if (!part.isBlank()) {
        Cidr c = parse(part);
        if (!out.contains(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private static InvalidInputException bad(String t) {
    return new InvalidInputException("invalid network '" + Names.printable(t)
        + "': expected an IPv4 or IPv6 address with an optional /prefix, such as 192.168.1.0/24");
  }

  private static BigInteger mask(int bits, int prefix) {
    return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
        .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
  }

  private int bits() {
    return v6 ? 128 : 32;
  }

  /** True when every address of {@code other} is in this network. */
  public boolean covers(Cidr other) {
    return v6 == other.v6 && other.prefix >= prefix && other.network.and(mask(bits(), prefix)).equals(network);
  }

  /** This network without the given ones, as the fewest CIDRs (split in halves around each allowed one). */
  public List<Cidr> minus(List<Cidr> allowed) {
    List<Cidr> out = new ArrayList<>();
    cut(this, allowed, out);
    return out;
  }

  private static void cut(Cidr block, List<Cidr> allowed, List<Cidr> out) {
    boolean touched = false;
    for (Cidr a : allowed) {
      if (a.covers(block)) {
        return;
      }
      touched |= block.covers(a);
    }
    if (!touched) {
      out.add(block);
      return;
    }
    int p = block.prefix + 1;
    BigInteger half = BigInteger.ONE.shiftLeft(block.bits() - p);
    cut(new Cidr(block.v6, block.network, p), allowed, out);
    cut(new Cidr(block.v6, block.network.add(half), p), allowed, out);
  }

  @Override
  public String toString() {
    byte[] b = network.toByteArray();
    byte[] raw = new byte[bits() / 8];
    int n = Math.min(b.length, raw.length);
    System.arraycopy(b, b.length - n, raw, raw.length - n, n);
    try {
      String a = InetAddress.getByAddress(raw).getHostAddress();
      return (v6 ? compress(a) : a) + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Java prints IPv6 in full (0:0:0:0:0:0:0:1); the longest run of zero groups becomes "::". */
  private static String compress(String full) {
    String[] g = full.split(":");
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < g.length; ) {
      if (g[i].equals("0")) {
        int j = i;
        while (j < g.length && g[j].equals("0")) {
          j++;
        }
        if (j - i > bestLen && j - i > 1) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
    return head + "::" + tail;
  }
}
