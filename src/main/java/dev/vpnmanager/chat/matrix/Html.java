package dev.vpnmanager.chat.matrix;

/** HTML for formatted_body: every piece of text is escaped before it is wrapped in tags. */
final class Html {
  private Html() {}

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
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
