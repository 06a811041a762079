package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.chat.Button;
import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.outbox.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a {@link Reply} into homeserver calls for the outbox: text as HTML m.notice (buttons become a numbered
 * list answered with the number), photos as m.image and files as m.file after a media upload. Each event has its
 * own transaction id, fixed when the calls are made (a stored message's come from its own key), so a retry —
 * also after a restart — never makes the homeserver store it twice. Media for an encrypted room goes through the
 * upload an encryption proxy encrypts; media for any other room is uploaded as it is.
 */
final class MatrixSender {
  /**
   * Where the calls go: a room, or a person's direct room (found or opened when the first call runs, and
   * opened anew when the person left it).
   */
  interface Where {
    String room();

    /** A new room after {@code gone} refused the bot (403), or null when there is no other room to try. */
    String reopen(String gone);
  }

  /** One call made in a room. */
  @FunctionalInterface
  private interface InRoom {
    void run(String room);
  }

  private final MatrixClient client;
  private final Menus menus;
  private final Rooms rooms;
  private final java.time.Clock clock;
  private final String txnPrefix;
  private final AtomicLong seq = new AtomicLong();

  MatrixSender(MatrixClient client, Menus menus, Rooms rooms, java.time.Clock clock) {
    this.client = client;
    this.menus = menus;
    this.rooms = rooms;
    this.clock = clock;
    // every instance signs in as the bot's one device, and a homeserver keeps one event per transaction id and
    // device: two processes starting in the same millisecond must not share a prefix (uniqueness, not secrecy)
    this.txnPrefix = "vpnm" + Long.toString(clock.millis(), 36) + "-"
        + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + ".";
  }

  static Where room(String roomId) {
    return new Where() {
      @Override
      public String room() {
        return roomId;
      }

      @Override
      public String reopen(String gone) {
        return null;
      }
    };
  }

  /**
   * The calls of a reply, in order; a keyboard is remembered as the menu of {@code forUser} (null: anyone).
   * {@code key}: the stored message's id, the base of its transaction ids; null for a reply.
   */
  List<Step> steps(Where where, Reply reply, String forUser, String key) {
    List<Step> steps = new ArrayList<>();
    for (Reply.Part p : reply.parts()) {
      if (p instanceof Reply.Text t) {
        String txn = txn(key, steps.size());
        steps.add(step(where, room -> {
          java.time.Instant shown = clock.instant();
          String id = notice(room, t.text(), t.keyboard(), txn);
          if (t.keyboard() != null && !t.keyboard().buttons().isEmpty()) {
            menus.remember(room, forUser, new Menus.Menu(t.keyboard().buttons(), id, shown));
          }
        }));
      } else if (p instanceof Reply.Notice n) {
        String txn = txn(key, steps.size());
        steps.add(step(where, room -> notice(room, n.text(), null, txn)));
      } else if (p instanceof Reply.Photo ph) {
        String txn = txn(key, steps.size());
        steps.add(step(where, room -> media(room, ph.png(), "m.image", "image/png", "qr.png", txn)));
        caption(steps, where, key, ph.caption(), ph.codeCaption());
      } else if (p instanceof Reply.Document d) {
        String type = d.fileName().endsWith(".conf") || d.fileName().endsWith(".txt") ? "text/plain"
            : "application/octet-stream";
        String txn = txn(key, steps.size());
        steps.add(step(where, room -> media(room, d.content(), "m.file", type, d.fileName(), txn)));
        caption(steps, where, key, d.caption(), false);
      }
    }
    return steps;
  }

  private String txn(String key, int index) {
    return key == null ? txnPrefix + seq.incrementAndGet() : key + "." + index;
  }

  private static Step step(Where where, InRoom call) {
    return Step.message(() -> {
      String room = where.room();
      try {
        call.run(room);
      } catch (MatrixException e) {
        String other = e.status() == 403 ? where.reopen(room) : null;
        if (other == null) {
          throw e;
        }
        call.run(other);
      }
    });
  }

  private String notice(String roomId, String text, Keyboard keyboard, String txn) {
    StringBuilder body = new StringBuilder(text);
    StringBuilder html = new StringBuilder(Html.text(text));
    if (keyboard != null && !keyboard.buttons().isEmpty()) {
      List<Button> buttons = keyboard.buttons();
      body.append("\n");
      html.append("<ol>");
      for (int i = 0; i < buttons.size(); i++) {
        body.append('\n').append(i + 1).append(") ").append(buttons.get(i).label());
        html.append("<li>").append(Html.escape(buttons.get(i).label())).append("</li>");
      }
      body.append("\nAnswer with the number.");
      html.append("</ol>Answer with the number.");
    }
    return event(roomId, message("m.notice", body.toString(), html.toString()), txn);
  }

  private void media(String roomId, byte[] content, String msgtype, String type, String name, String txn) {
    String mxc = rooms.isEncrypted(roomId) ? client.upload(content, type, name)
        : client.uploadPlain(content, type, name);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("msgtype", msgtype);
    c.put("body", name);
    c.put("filename", name);
    c.put("url", mxc);
    c.put("info", Map.of("mimetype", type, "size", content.length));
    event(roomId, c, txn);
  }

  private void caption(List<Step> steps, Where where, String key, String caption, boolean code) {
    if (caption != null && !caption.isBlank()) {
      String txn = txn(key, steps.size());
      steps.add(step(where, room -> event(room, message("m.notice", caption,
          code ? Html.code(caption) : Html.text(caption)), txn)));
    }
  }

  private static Map<String, Object> message(String msgtype, String body, String html) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("msgtype", msgtype);
    c.put("body", body);
    c.put("format", "org.matrix.custom.html");
    c.put("formatted_body", html);
    return c;
  }

  private String event(String roomId, Map<String, Object> content, String txn) {
    return client.send(roomId, "m.room.message", content, txn);
  }
}
