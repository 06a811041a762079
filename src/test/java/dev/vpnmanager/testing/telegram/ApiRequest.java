package dev.vpnmanager.testing.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One recorded Bot API call: the method, its parameters as text (JSON bodies and multipart fields alike),
 * uploaded files, and the HTTP status the stand-in answered with.
 */
public record ApiRequest(String method, Map<String, String> params, Map<String, byte[]> files,
                         Map<String, String> fileNames, int status, long atNanos) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String param(String name) {
    return params.get(name);
  }

  public String chatId() {
    return params.get("chat_id");
  }

  public String text() {
    return params.get("text");
  }

  /** The inline keyboard's buttons as [label, callback data] pairs, in reading order. */
  public List<String[]> buttons() {
    List<String[]> out = new ArrayList<>();
    String markup = params.get("reply_markup");
    if (markup == null) {
      return out;
    }
    try {
      for (JsonNode row : JSON.readTree(markup).path("inline_keyboard")) {
        for (JsonNode b : row) {
          out.add(new String[] {b.path("text").asText(), b.path("callback_data").asText()});
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** The callback data of the button labelled exactly {@code label}. */
  public String buttonExact(String label) {
    return buttons().stream().filter(b -> b[0].equals(label)).map(b -> b[1]).findFirst()
        .orElseThrow(() -> new AssertionError("no button '" + label + "' in " + params.get("reply_markup")));
  }

  /** The callback data of the first button whose label contains {@code label}. */
  public String button(String label) {
    return buttons().stream().filter(b -> b[0].contains(label)).map(b -> b[1]).findFirst()
        .orElseThrow(() -> new AssertionError("no button '" + label + "' in " + params.get("reply_markup")));
  }
}
