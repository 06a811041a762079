package dev.vpnmanager.testing.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The stand-in's endpoints, each answering with the status and JSON body the spec defines. */
final class FakeRoutes {
  private final FakeHomeserver hs;
  private final FakeRooms rooms;
  private final List<String[]> created = new ArrayList<>();
  private int devices;

  /** A status and a JSON body. */
  record Answer(int status, JsonNode body) {
    static Answer ok(JsonNode body) {
      return new Answer(200, body);
    }

    static Answer error(int status, String errcode, String error) {
      return new Answer(status, FakeRooms.JSON.createObjectNode().put("errcode", errcode).put("error", error));
    }
  }

  FakeRoutes(FakeHomeserver hs, FakeRooms rooms) {
    this.hs = hs;
    this.rooms = rooms;
  }

  Answer route(String method, List<String> seg, Map<String, String> query, byte[] body, String auth)
      throws InterruptedException {
    String path = String.join("/", seg);
    if (!path.startsWith("_matrix/client/v3/") && !path.startsWith("_matrix/media/v3/")
        && !path.equals("_matrix/media/v1/create")) {
      return Answer.error(404, "M_UNRECOGNIZED", "Unrecognized request");
    }
    List<String> s = seg.subList(3, seg.size());
    if (method.equals("POST") && s.equals(List.of("login"))) {
      return login(FakeRooms.parse(body));
    }
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
    if (token == null) {
      return Answer.error(401, "M_MISSING_TOKEN", "Missing access token");
    }
    if (!hs.tokens.containsKey(token)) {
      return Answer.error(401, "M_UNKNOWN_TOKEN", "Unknown access token");
    }
    boolean sync = method.equals("GET") && s.equals(List.of("sync"));
    if (!sync && hs.failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Answer.error(500, "M_UNKNOWN", "Internal server error");
    }
    if (sync) {
      return sync(query);
    }
    if (method.equals("GET") && s.equals(List.of("account", "whoami"))) {
      return Answer.ok(obj().put("user_id", FakeHomeserver.BOT).put("device_id", hs.tokens.get(token)));
    }
    if (method.equals("POST") && s.equals(List.of("logout"))) {
      hs.tokens.remove(token);
      return Answer.ok(obj());
    }
    if (method.equals("POST") && s.equals(List.of("upload"))) {
      String mxc = "mxc://" + FakeHomeserver.SERVER + "/media" + hs.mediaSeq.incrementAndGet();
      hs.media.put(mxc, body);
      return Answer.ok(obj().put("content_uri", mxc));
    }
    if (method.equals("POST") && s.equals(List.of("create"))) {
      String mxc = "mxc://" + FakeHomeserver.SERVER + "/media" + hs.mediaSeq.incrementAndGet();
      hs.reserved.add(mxc);
      return Answer.ok(obj().put("content_uri", mxc));
    }
    if (method.equals("PUT") && s.size() == 3 && s.get(0).equals("upload")) {
      String mxc = "mxc://" + s.get(1) + "/" + s.get(2);
      if (!hs.reserved.remove(mxc)) {
        return Answer.error(404, "M_NOT_FOUND", "Unknown media id");
      }
      hs.media.put(mxc, body);
      return Answer.ok(obj());
    }
    if (method.equals("POST") && s.equals(List.of("createRoom"))) {
      return createRoom(FakeRooms.parse(body));
    }
    if (method.equals("POST") && s.size() == 2 && s.get(0).equals("join")) {
      return join(s.get(1));
    }
    if (method.equals("POST") && s.size() == 3 && s.get(0).equals("rooms") && s.get(2).equals("join")) {
      return join(s.get(1));
    }
    if (method.equals("POST") && s.size() == 3 && s.get(0).equals("rooms") && s.get(2).equals("leave")) {
      rooms.setMembership(s.get(1), "leave");
      return Answer.ok(obj());
    }
    if (method.equals("PUT") && s.size() == 5 && s.get(0).equals("rooms") && s.get(2).equals("send")) {
      return send(token, s.get(1), s.get(3), s.get(4), FakeRooms.parse(body));
    }
    return Answer.error(404, "M_UNRECOGNIZED", "Unrecognized request");
  }

  private synchronized Answer login(JsonNode req) {
    String user = req.path("identifier").path("user").asText(req.path("user").asText());
    boolean userOk = user.equals(FakeHomeserver.BOT) || ("@" + user + ":" + FakeHomeserver.SERVER).equals(
        FakeHomeserver.BOT);
    if (!"m.login.password".equals(req.path("type").asText()) || !userOk
        || !FakeHomeserver.PASSWORD.equals(req.path("password").asText())) {
      return Answer.error(403, "M_FORBIDDEN", "Invalid username or password");
    }
    String device = req.hasNonNull("device_id") ? req.get("device_id").asText() : "DEV" + (++devices);
    String token = "syt_" + device + "_" + hs.tokens.size();
    hs.tokens.put(token, device);
    return Answer.ok(obj().put("user_id", FakeHomeserver.BOT).put("access_token", token).put("device_id", device));
  }

  private Answer sync(Map<String, String> q) throws InterruptedException {
    long since = 0;
    if (q.containsKey("since")) {
      String s = q.get("since");
      if (!s.matches("s\\d+")) {
        return Answer.error(400, "M_INVALID_PARAM", "bad since token");
      }
      since = Long.parseLong(s.substring(1));
    }
    long timeout = q.containsKey("timeout") ? Long.parseLong(q.get("timeout")) : 0;
    return Answer.ok(rooms.sync(since, q.containsKey("since") ? timeout : 0));
  }

  private Answer join(String roomId) {
    String m = rooms.membership(roomId);
    if (!m.equals("invite") && !m.equals("join")) {
      return Answer.error(403, "M_FORBIDDEN", "You are not invited to this room.");
    }
    if (m.equals("invite")) {
      rooms.setMembership(roomId, "join");
    }
    return Answer.ok(obj().put("room_id", roomId));
  }

  private Answer send(String token, String roomId, String type, String txn, JsonNode content) {
    if (content == null || !content.isObject()) {
      return Answer.error(400, "M_NOT_JSON", "Content not JSON.");
    }
    if (hs.rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new Answer(429, obj().put("errcode", "M_LIMIT_EXCEEDED").put("error", "Too many requests")
          .put("retry_after_ms", hs.retryAfterMs));
    }
    synchronized (this) {
      String key = hs.tokens.get(token) + "/" + txn;
      String existing = hs.txns.get(key);
      if (existing != null) {
        return Answer.ok(obj().put("event_id", existing));
      }
      if (!rooms.membership(roomId).equals("join")) {
        return Answer.error(403, "M_FORBIDDEN", "User " + FakeHomeserver.BOT + " not in room " + roomId);
      }
      String id = rooms.append(roomId, type, FakeHomeserver.BOT, (ObjectNode) content, null, false);
      hs.txns.put(key, id);
      return Answer.ok(obj().put("event_id", id));
    }
  }

  private synchronized Answer createRoom(JsonNode req) {
    String id = rooms.newRoom();
    rooms.append(id, "m.room.create", FakeHomeserver.BOT, obj(), "", false);
    rooms.setMembership(id, "join");
    List<String> invite = new ArrayList<>();
    req.path("invite").forEach(u -> invite.add(u.asText()));
    rooms.addInvitees(id, invite);
    for (String u : invite) {
      created.add(new String[] {u, id});
    }
    return Answer.ok(obj().put("room_id", id));
  }

  synchronized List<String> createdFor(String userId) {
    return created.stream().filter(c -> c[0].equals(userId)).map(c -> c[1]).toList();
  }

  private static ObjectNode obj() {
    return FakeRooms.JSON.createObjectNode();
  }
}
