package dev.vpnmanager.testing.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A multipart/form-data body split into its parts (RFC 7578), as the Bot API reads uploads. */
final class Multipart {
  record Part(String name, String fileName, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILE = Pattern.compile("\\bfilename=\"([^\"]*)\"");

  private Multipart() {}

  static String boundary(String contentType) {
    for (String p : contentType.split(";")) {
      String t = p.strip();
      if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        return t.substring(9).replace("\"", "");
      }
    }
    throw new IllegalArgumentException("no boundary in " + contentType);
  }

  static List<Part> parse(byte[] body, String boundary) {
    byte[] delim = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delim, 0);
    while (at >= 0) {
      int start = at + delim.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start += 2;
      int next = indexOf(body, delim, start);
      if (next < 0) {
        throw new IllegalArgumentException("unterminated multipart body");
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
      String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
      byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next - 2);
      Matcher n = NAME.matcher(headers);
      Matcher f = FILE.matcher(headers);
      parts.add(new Part(n.find() ? n.group(1) : "", f.find() ? f.group(1) : null, content));
      at = next;
    }
    return parts;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
