package dev.vpnmanager.chat;

import com.google.common.html.HtmlEscapers;

/** Escapes text for the HTML that Telegram's parse mode and Matrix's formatted_body accept (Guava's escaper). */
public final class HtmlEscape {
  private HtmlEscape() {}

  /** {@code & < > " '} as entities; null becomes the empty string. */
  public static String escape(String s) {
    return s == null ? "" : HtmlEscapers.htmlEscaper().escape(s);
  }
}
