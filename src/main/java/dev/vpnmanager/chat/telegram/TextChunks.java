package dev.vpnmanager.chat.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text longer than Telegram's limit (4,096 characters for a message, 1,024 for a caption), at a line
 * break where one is near the end of a piece, else at a space, else hard; never inside a surrogate pair.
 * Split before escaping: Telegram counts characters after parsing the HTML.
 */
final class TextChunks {
  static final int MESSAGE_LIMIT = 4096;
  static final int CAPTION_LIMIT = 1024;

  private TextChunks() {}

  static List<String> split(String text, int limit) {
    List<String> out = new ArrayList<>();
    String rest = text == null ? "" : text;
    while (rest.length() > limit) {
      int cut = rest.lastIndexOf('\n', limit);
      if (cut < limit / 2) {
        cut = rest.lastIndexOf(' ', limit);
      }
      if (cut < limit / 2) {
        cut = limit;
        if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
          cut--;
        }
      }
      out.add(rest.substring(0, cut));
      rest = rest.substring(cut);
      if (!rest.isEmpty() && (rest.charAt(0) == '\n' || rest.charAt(0) == ' ')) {
        rest = rest.substring(1);
      }
    }
    if (!rest.isEmpty() || out.isEmpty()) {
      out.add(rest);
    }
    return out;
  }
}
