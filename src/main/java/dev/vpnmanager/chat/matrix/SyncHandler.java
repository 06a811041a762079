package dev.vpnmanager.chat.matrix;

import java.util.function.BiConsumer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.chat.ChatLanes;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.AccessPolicy;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.chat.router.Role;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one /sync response: joins rooms an admin invited the bot to (declines the rest), stores each command
 * with its event's claim ({@link HandledEvents}, {@link QueuedCommands}) and hands it to its room's lane
 * ({@link ChatLanes}), each event at most once. The command becomes a {@link ChatUpdate} for the router there, not
 * on the sync thread: a slow command (an install waiting for its container) holds up only the commands after it in
 * its own room, while other rooms are answered and the sync loop goes on. In an end-to-end
 * encrypted room it answers only messages an encryption proxy (pantalaimon) decrypted for it; the first
 * message it cannot read makes it explain once why it stays silent.
 */
final class SyncHandler {
  static final String ENCRYPTED_TEXT = "🔒 This room is end-to-end encrypted, and this bot cannot read "
      + "encrypted messages. Talk to it in an unencrypted room or direct chat (turn encryption off when "
      + "you create the room).";
  private static final Logger LOG = LoggerFactory.getLogger(SyncHandler.class);
  private final String me;
  private final MatrixClient client;
  private final Replier sender;
  /** Sends to a person's own direct room (secret replies asked for in a shared room). */
  private final BiConsumer<String, Reply> privately;
  private final Menus menus;
  private final Rooms rooms;
  private final HandledEvents handled;
  private final CommandRouter router;
  private final AccessPolicy access;
  private final Clock clock;
  /** Commands of one room in order, rooms side by side. */
  private final ChatLanes lanes;
  private final QueuedCommands queued;
  private String since;

  /** Queues a reply in a room (the sync thread never waits for a send); a keyboard becomes forUser's menu. */
  @FunctionalInterface
  interface Replier {
    void reply(String roomId, Reply reply, String forUser);
  }

  SyncHandler(String me, MatrixClient client, Replier sender, Menus menus, Rooms rooms,
              HandledEvents handled, CommandRouter router, AccessPolicy access, Clock clock,
              BiConsumer<String, Reply> privately, ChatLanes lanes, QueuedCommands queued) {
    this.me = me;
    this.lanes = lanes;
    this.queued = queued;
    this.privately = privately;
    this.client = client;
    this.sender = sender;
    this.menus = menus;
    this.rooms = rooms;
    this.handled = handled;
    this.router = router;
    this.access = access;
    this.clock = clock;
  }

  /**
   * {@code since}: the sync token this response came after; null for the first sync of a new bot, whose old
   * messages are skipped (invites still count).
   */
  void handle(JsonNode sync, String since) {
    this.since = since;
    boolean history = since == null;
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
        rooms.markEncrypted(roomId);
      }
    }
    for (JsonNode e : room.path("timeline").path("events")) {
      String type = e.path("type").asText();
      if ("m.room.encryption".equals(type) && e.has("state_key")) {
        rooms.markEncrypted(roomId);
      } else if (history || me.equals(e.path("sender").asText())) {
        continue;
      } else if ("m.room.encrypted".equals(type)) {
        rooms.markEncrypted(roomId);
        cannotRead(roomId);
      } else if ("m.room.message".equals(type)) {
        if (!rooms.isEncrypted(roomId) || e.path("decrypted").asBoolean(false)) {
          message(roomId, e);
        } else {
          LOG.info("a message in the encrypted room {} arrived undecrypted; not read", roomId);
        }
      }
    }
  }

  /** No encryption proxy decrypted this room's message: say once why the bot stays silent. */
  private void cannotRead(String roomId) {
    if (rooms.toldEncrypted(roomId)) {
      return;
    }
    sender.reply(roomId, Reply.text(ENCRYPTED_TEXT), null);
    rooms.markToldEncrypted(roomId);
  }

  private void message(String roomId, JsonNode e) {
    JsonNode c = e.path("content");
    if (!"m.text".equals(c.path("msgtype").asText())
        || "m.replace".equals(c.path("m.relates_to").path("rel_type").asText())) {
      return;
    }
    String from = e.path("sender").asText();
    String eventId = e.path("event_id").asText(null);
    String body = c.path("body").asText("");
    if (!forTheBot(roomId, body)) {
      return;
    }
    // claimed, and stored as waiting, in one transaction before it is queued: a crash before the sync token after
    // this batch is saved does not bring it again, and one before it ran leaves it to the next start
    QueuedCommands.Command command = queued.next(roomId, from, body, eventId);
    if (!handled.claim(since, eventId, command.row())) {
      LOG.info("event {} in {} was handled before a restart; not again", eventId, roomId);
      return;
    }
    dispatch(command);
  }

  /** Queues a stored command on its room's lane. */
  void dispatch(QueuedCommands.Command command) {
    if (!lanes.execute(command.room(), () -> run(command))) {
      queued.forget(command);
      LOG.warn("event {} in {} dropped: too many commands waiting, or the bot is stopping", command.eventId(),
          command.room());
    }
  }

  /** On the room's lane: takes the stored command (so it never runs twice), then answers it through the outbox. */
  private void run(QueuedCommands.Command command) {
    if (!queued.take(command)) {
      return;
    }
    String roomId = command.room();
    String from = command.from();
    ChatUpdate update = toUpdate(roomId, from, command.body(), command.eventId());
    if (update == null) {
      return;
    }
    try {
      Reply reply = router.route(update);
      sender.reply(roomId, reply, from);
      if (reply.privately() != null) {
        privately.accept(from, reply.privately());
      }
    } catch (MatrixException ex) {
      LOG.warn("could not answer in {}: {}", roomId, ex.getMessage());
    }
  }

  /** Whether a message is for the bot: after {@code !vpn}, or anything in a direct chat. */
  private boolean forTheBot(String roomId, String body) {
    return prefixed(withoutReplyFallback(body).strip()) || rooms.isDirect(roomId);
  }

  private static boolean prefixed(String text) {
    return text.regionMatches(true, 0, "!vpn", 0, 4) && (text.length() == 4 || Character.isWhitespace(text.charAt(4)));
  }

  /**
   * A command for the router, a number picking a menu button, or null when the message is not for the bot.
   * A bare number is a choice only in a direct chat or after {@code !vpn}, and only from a recent menu.
   */
  ChatUpdate toUpdate(String roomId, String from, String body, String eventId) {
    String text = withoutReplyFallback(body).strip();
    boolean prefixed = prefixed(text);
    String rest = prefixed ? text.substring(4).strip() : text;
    if (rest.matches("\\d{1,3}") && (prefixed || rooms.isDirect(roomId))) {
      var menu = menus.find(roomId, from, clock.instant());
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
