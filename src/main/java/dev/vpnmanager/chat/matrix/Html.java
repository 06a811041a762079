package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.chat.HtmlEscape;

/** HTML for formatted_body: every piece of text is escaped before it is wrapped in tags. */
final class Html {
  private Html() {}

  static String escape(String s) {
    return HtmlEscape.escape(s);
  }

  /** Escaped text with line breaks kept. */
  static String text(String s) {
    return escape(s).replace("\n", "<br/>");
  }

  /** Escaped text shown as code (links, config text), easy to copy. */
  static String code(String s) {
    return "<pre><code>" + escape(s) + "</code></pre>";
  }
}
