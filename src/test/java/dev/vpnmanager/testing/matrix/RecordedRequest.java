package dev.vpnmanager.testing.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** One request the stand-in homeserver received, with the status it answered. */
public record RecordedRequest(String method, String path, String query, byte[] body, String authorization,
                              int status, long atMillis) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + path, e);
    }
  }

  public boolean isSend() {
    return "PUT".equals(method) && path.contains("/send/");
  }

  /** The last path segment (the transaction id of a send). */
  public String lastSegment() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
