package dev.vpnmanager.chat.matrix;

import java.util.function.BiConsumer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.AccessPolicy;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.chat.router.Role;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one /sync response: joins rooms an admin invited the bot to (declines the rest), turns commands
 * into {@link ChatUpdate}s for the router and sends the replies, and explains once per encrypted room that
 * the bot cannot read it.
 */
final class SyncHandler {
  static final String ENCRYPTED_TEXT = "🔒 This room is end-to-end encrypted, and this bot cannot read "
      + "encrypted messages. Talk to it in an unencrypted room or direct chat (turn encryption off when "
      + "you create the room).";
  private static final Logger LOG = LoggerFactory.getLogger(SyncHandler.class);
  private final String me;
  private final MatrixClient client;
  private final MatrixSender sender;
  /** Sends to a person's own direct room (secret replies asked for in a shared room). */
  private final BiConsumer<String, Reply> privately;
  private final Menus menus;
  private final Rooms rooms;
  private final CommandRouter router;
  private final AccessPolicy access;
  private final Set<String> encrypted = new HashSet<>();

  SyncHandler(String me, MatrixClient client, MatrixSender sender, Menus menus, Rooms rooms,
              CommandRouter router, AccessPolicy access, BiConsumer<String, Reply> privately) {
    this.me = me;
    this.privately = privately;
    this.client = client;
    this.sender = sender;
    this.menus = menus;
    this.rooms = rooms;
    this.router = router;
    this.access = access;
  }

  /** {@code history}: the first sync of a new bot, whose old messages are skipped (invites still count). */
  void handle(JsonNode sync, boolean history) {
    for (Iterator<Map.Entry<String, JsonNode>> it = sync.path("rooms").path("invite").fields(); it.hasNext(); ) {
      var room = it.next();
      invited(room.getKey(), room.getValue().path("invite_state").path("events"));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = sync.path("rooms").path("join").fields(); it.hasNext(); ) {
      var room = it.next();
      joined(room.getKey(), room.getValue(), history);
    }
  }

  private void invited(String roomId, JsonNode events) {
    for (JsonNode e : events) {
      if (!"m.room.member".equals(e.path("type").asText()) || !me.equals(e.path("state_key").asText())) {
        continue;
      }
      String inviter = e.path("sender").asText();
      try {
        boolean direct = e.path("content").path("is_direct").asBoolean(false);
        if (isAdmin(roomId, inviter)) {
          client.join(roomId);
          if (direct) {
            rooms.rememberDirectRoom(inviter, roomId);
          }
          LOG.info("joined {} on the invite of admin {}", roomId, inviter);
        } else if (direct && rooms.directRoomOf(inviter) == null) {
          // Anyone may open one private chat with the bot: that is where invites are redeemed and configs
          // go. Group rooms stay admin-only, and a person gets one direct room, not a room per invite.
          client.join(roomId);
          rooms.rememberDirectRoom(inviter, roomId);
          LOG.info("joined the direct chat {} that {} opened", roomId, inviter);
        } else {
          client.leave(roomId);
          LOG.info("declined the invite to {} from {}: not an admin's, and not a first direct chat", roomId, inviter);
        }
      } catch (MatrixException ex) {
        LOG.warn("could not answer the invite to {}: {}", roomId, ex.getMessage());
      }
      return;
    }
  }

  private void joined(String roomId, JsonNode room, boolean history) {
    for (JsonNode e : room.path("state").path("events")) {
      if ("m.room.encryption".equals(e.path("type").asText())) {
        encrypted(roomId, history);
      }
    }
    for (JsonNode e : room.path("timeline").path("events")) {
      String type = e.path("type").asText();
      if ("m.room.encryption".equals(type) && e.has("state_key")) {
        encrypted(roomId, history);
      } else if (!history && !me.equals(e.path("sender").asText())) {
        if ("m.room.encrypted".equals(type)) {
          encrypted(roomId, false);
        } else if ("m.room.message".equals(type) && !isEncrypted(roomId)) {
          message(roomId, e);
        }
      }
    }
  }

  private void encrypted(String roomId, boolean history) {
    encrypted.add(roomId);
    if (history || rooms.toldEncrypted(roomId)) {
      return;
    }
    try {
      sender.notice(roomId, ENCRYPTED_TEXT, null);
      rooms.markToldEncrypted(roomId);
    } catch (MatrixException ex) {
      LOG.warn("could not tell {} that it is encrypted: {}", roomId, ex.getMessage());
    }
  }

  private boolean isEncrypted(String roomId) {
    return encrypted.contains(roomId) || rooms.toldEncrypted(roomId);
  }

  private void message(String roomId, JsonNode e) {
    JsonNode c = e.path("content");
    if (!"m.text".equals(c.path("msgtype").asText())
        || "m.replace".equals(c.path("m.relates_to").path("rel_type").asText())) {
      return;
    }
    String from = e.path("sender").asText();
    ChatUpdate update = toUpdate(roomId, from, c.path("body").asText(""), e.path("event_id").asText(null));
    if (update == null) {
      return;
    }
    try {
      Reply reply = router.route(update);
      sender.send(roomId, reply, from);
      if (reply.privately() != null) {
        privately.accept(from, reply.privately());
      }
    } catch (MatrixException ex) {
      LOG.warn("could not answer in {}: {}", roomId, ex.getMessage());
    }
  }

  /** A command for the router, a number picking a menu button, or null when the message is not for the bot. */
  ChatUpdate toUpdate(String roomId, String from, String body, String eventId) {
    String text = withoutReplyFallback(body).strip();
    boolean prefixed = text.regionMatches(true, 0, "!vpn", 0, 4)
        && (text.length() == 4 || Character.isWhitespace(text.charAt(4)));
    String rest = prefixed ? text.substring(4).strip() : text;
    if (rest.matches("\\d{1,3}")) {
      var menu = menus.find(roomId, from);
      int n = Integer.parseInt(rest);
      if (menu.isPresent() && n >= 1 && n <= menu.get().buttons().size()) {
        return ChatUpdate.button(Platform.MATRIX, roomId, from, menu.get().buttons().get(n - 1).data(),
            menu.get().eventId()).withPrivateChat(ownRoom(roomId, from));
      }
    }
    if (!prefixed && !rooms.isDirect(roomId)) {
      return null;
    }
    return new ChatUpdate(Platform.MATRIX, roomId, from, from, null, prefixed ? "!vpn " + rest : rest, null, eventId,
        ownRoom(roomId, from));
  }

  /** A direct room that is this person's own with the bot (the one the bot keeps for them, if it keeps one). */
  private boolean ownRoom(String roomId, String from) {
    String known = rooms.directRoomOf(from);
    return rooms.isDirect(roomId) && (known == null || known.equals(roomId));
  }

  /** A reply in Matrix quotes the message it answers as leading "> " lines and a blank line: drop them. */
  static String withoutReplyFallback(String body) {
    if (!body.startsWith("> ")) {
      return body;
    }
    int blank = body.indexOf("\n\n");
    return blank < 0 ? body : body.substring(blank + 2);
  }

  private boolean isAdmin(String roomId, String userId) {
    return access.roleOf(ChatUpdate.text(Platform.MATRIX, roomId, userId, "")).atLeast(Role.ADMIN);
  }
}
