package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.chat.HtmlEscape;

/** Escaping for Telegram's HTML parse mode: everything user-supplied goes through here. */
final class Html {
  private Html() {}

  static String escape(String s) {
    return HtmlEscape.escape(s);
  }

  static String code(String s) {
    return "<code>" + escape(s) + "</code>";
  }

  static String pre(String s) {
    return "<pre>" + escape(s) + "</pre>";
  }
}
