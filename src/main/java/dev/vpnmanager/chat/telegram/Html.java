package dev.vpnmanager.chat.telegram;

/** Escaping for Telegram's HTML parse mode: everything user-supplied goes through here. */
final class Html {
  private Html() {}

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String code(String s) {
    return "<code>" + escape(s) + "</code>";
  }

  static String pre(String s) {
    return "<pre>" + escape(s) + "</pre>";
  }
}
