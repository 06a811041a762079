package dev.vpnmanager.testing.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The homeserver's rooms as one ordered event log: stream position N is the N-th event; a sync token is
 * "s" + position, and /sync since=sN returns what came after N for rooms the bot has joined, plus invites.
 * All methods run under the monitor of this object, which sync waits on for news.
 */
final class FakeRooms {
  static final ObjectMapper JSON = new ObjectMapper();
  private final String bot;
  private final String serverName;
  private final List<Entry> log = new ArrayList<>();
  private final Map<String, String> membership = new HashMap<>();
  private final Map<String, List<String>> invitees = new HashMap<>();
  private int roomSeq;

  /** One log entry: an event in a room, or an invite of the bot. */
  record Entry(long pos, String roomId, ObjectNode event, boolean invite) {}

  FakeRooms(String bot, String serverName) {
    this.bot = bot;
    this.serverName = serverName;
  }

  synchronized String newRoom() {
    return "!room" + (++roomSeq) + ":" + serverName;
  }

  synchronized long position() {
    return log.size();
  }

  synchronized String membership(String roomId) {
    return membership.getOrDefault(roomId, "leave");
  }

  synchronized void setMembership(String roomId, String m) {
    membership.put(roomId, m);
    ObjectNode content = JSON.createObjectNode().put("membership", m);
    append(roomId, "m.room.member", bot, content, bot, false);
  }

  synchronized void invite(String roomId, String inviter, boolean direct) {
    membership.put(roomId, "invite");
    ObjectNode content = JSON.createObjectNode().put("membership", "invite");
    if (direct) {
      content.put("is_direct", true);
    }
    append(roomId, "m.room.member", inviter, content, bot, true);
  }

  synchronized void addInvitees(String roomId, List<String> users) {
    invitees.computeIfAbsent(roomId, r -> new ArrayList<>()).addAll(users);
  }

  synchronized List<String> invitees(String roomId) {
    return List.copyOf(invitees.getOrDefault(roomId, List.of()));
  }

  /** Appends an event; state events carry {@code stateKey}. Returns its event id. */
  synchronized String append(String roomId, String type, String sender, ObjectNode content, String stateKey,
                             boolean invite) {
    return append(roomId, type, sender, content, stateKey, invite, false);
  }

  /** {@code decrypted}: marked as pantalaimon marks the events it decrypted. */
  synchronized String append(String roomId, String type, String sender, ObjectNode content, String stateKey,
                             boolean invite, boolean decrypted) {
    long pos = log.size() + 1;
    ObjectNode e = JSON.createObjectNode();
    e.put("type", type).put("sender", sender).put("event_id", "$ev" + pos).put("origin_server_ts", pos)
        .set("content", content);
    if (decrypted) {
      e.put("decrypted", true).put("verified", false);
    }
    if (stateKey != null) {
      e.put("state_key", stateKey);
    }
    log.add(new Entry(pos, roomId, e, invite));
    notifyAll();
    return "$ev" + pos;
  }

  synchronized List<Entry> entries() {
    return List.copyOf(log);
  }

  /** Waits until something follows {@code since} or the timeout passes; then builds the sync response. */
  synchronized ObjectNode sync(long since, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (log.size() <= since && System.currentTimeMillis() < deadline) {
      wait(Math.max(1, deadline - System.currentTimeMillis()));
    }
    ObjectNode rooms = JSON.createObjectNode();
    ObjectNode join = rooms.putObject("join");
    ObjectNode invite = rooms.putObject("invite");
    Map<String, ArrayNode> timelines = new LinkedHashMap<>();
    for (Entry en : log.subList((int) since, log.size())) {
      String m = membership(en.roomId());
      if (en.invite() && "invite".equals(m)) {
        ObjectNode r = invite.putObject(en.roomId());
        r.putObject("invite_state").putArray("events").add(en.event());
      } else if (!en.invite() && "join".equals(m)) {
        timelines.computeIfAbsent(en.roomId(), id -> {
          ObjectNode r = join.putObject(id);
          r.putObject("state").putArray("events");
          ObjectNode t = r.putObject("timeline");
          t.put("limited", false).put("prev_batch", "p" + since);
          return t.putArray("events");
        }).add(en.event());
      }
    }
    ObjectNode resp = JSON.createObjectNode();
    resp.put("next_batch", "s" + log.size());
    resp.set("rooms", rooms);
    return resp;
  }

  synchronized void wakeAll() {
    notifyAll();
  }

  static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
