package dev.vpnmanager.testing.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Someone on the real homeserver, talking over the Client-Server API v3 (what Element does, minus encryption). */
public final class Person {
  private static final AtomicLong TXN = new AtomicLong(System.currentTimeMillis());
  private final String base;
  private final String userId;
  private final String token;

  private Person(String base, String userId, String token) {
    this.base = base;
    this.userId = userId;
    this.token = token;
  }

  static Person login(Synapse hs, String base, String localpart, String password) {
    JsonNode r = Synapse.call("POST", base + "/_matrix/client/v3/login", null, Synapse.map("type", "m.login.password",
        "identifier", Map.of("type", "m.id.user", "user", localpart), "password", password));
    return new Person(base, r.path("user_id").asText(), r.path("access_token").asText());
  }

  public String userId() {
    return userId;
  }

  public String token() {
    return token;
  }

  /** A new room inviting {@code invitee}; {@code direct} marks it as a direct chat (what Element's "start chat" does). */
  public String createRoom(String invitee, boolean direct) {
    Map<String, Object> body = Synapse.map("preset", direct ? "trusted_private_chat" : "private_chat",
        "is_direct", direct, "invite", List.of(invitee));
    return call("POST", "/_matrix/client/v3/createRoom", body).path("room_id").asText();
  }

  public String say(String roomId, String text) {
    return call("PUT", "/_matrix/client/v3/rooms/" + Synapse.enc(roomId) + "/send/m.room.message/p"
        + TXN.incrementAndGet(), Synapse.map("msgtype", "m.text", "body", text)).path("event_id").asText();
  }

  /** The HTTP status of a raw send (to see Synapse's own rate limit). */
  public int trySay(String roomId, String text) {
    HttpResponse<byte[]> r = Synapse.raw("PUT", base + "/_matrix/client/v3/rooms/" + Synapse.enc(roomId)
        + "/send/m.room.message/p" + TXN.incrementAndGet(), token, Synapse.map("msgtype", "m.text", "body", text));
    return r.statusCode();
  }

  /** The membership of {@code user} in the room ("join", "invite", "leave"), or "" when there is none. */
  public String membership(String roomId, String user) {
    HttpResponse<byte[]> r = Synapse.raw("GET", base + "/_matrix/client/v3/rooms/" + Synapse.enc(roomId)
        + "/state/m.room.member/" + Synapse.enc(user), token, null);
    if (r.statusCode() != 200) {
      return "";
    }
    try {
      return Synapse.JSON.readTree(r.body()).path("membership").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The m.room.message events {@code sender} sent to the room, oldest first (up to the last 200 events). */
  public List<JsonNode> messagesFrom(String roomId, String sender) {
    return eventsFrom(roomId, sender).stream().filter(e -> "m.room.message".equals(e.path("type").asText())).toList();
  }

  /** The non-state events {@code sender} sent to the room as the homeserver stores them, oldest first. */
  public List<JsonNode> eventsFrom(String roomId, String sender) {
    JsonNode r = call("GET", "/_matrix/client/v3/rooms/" + Synapse.enc(roomId) + "/messages?dir=b&limit=200", null);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : r.path("chunk")) {
      if (sender.equals(e.path("sender").asText()) && !e.has("state_key")) {
        out.add(0, e);
      }
    }
    return out;
  }

  /** Waits until {@code sender} has sent at least {@code n} messages to the room; returns them all. */
  public List<JsonNode> awaitMessagesFrom(String roomId, String sender, int n, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    List<JsonNode> got = messagesFrom(roomId, sender);
    while (got.size() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      got = messagesFrom(roomId, sender);
    }
    return got;
  }

  /** Downloads media from the authenticated media endpoint (the legacy one answers 404 on Synapse 1.163). */
  public byte[] download(String mxc) {
    URI u = URI.create(mxc);
    HttpResponse<byte[]> r = Synapse.raw("GET", base + "/_matrix/client/v1/media/download/" + u.getRawAuthority()
        + u.getRawPath(), token, null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("download " + mxc + ": " + r.statusCode());
    }
    return r.body();
  }

  private JsonNode call(String method, String path, Object body) {
    return Synapse.call(method, base + path, token, body);
  }
}
