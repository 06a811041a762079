package dev.vpnmanager.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Pieces of client links: percent-encoding for query values, user info and the #NAME fragment. */
public final class Links {
  private Links() {}

  /** RFC 3986 percent-encoding (spaces as %20, not '+'). */
  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
