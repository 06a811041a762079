package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.chat.Button;
import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a {@link Reply} to a room: text as HTML m.notice (buttons become a numbered list answered with the
 * number), photos as m.image and files as m.file after a media upload. Each event has its own transaction id,
 * reused when the request is retried, so the homeserver never stores it twice. Media for an encrypted room
 * goes through the upload an encryption proxy encrypts; media for any other room is uploaded as it is.
 */
final class MatrixSender {
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
    this.txnPrefix = "vpnm" + Long.toString(clock.millis(), 36) + ".";
  }

  /** Sends every part in order; a keyboard is remembered as the menu of {@code forUser} (null: anyone). */
  void send(String roomId, Reply reply, String forUser) {
    for (Reply.Part p : reply.parts()) {
      if (p instanceof Reply.Text t) {
        java.time.Instant shown = clock.instant();
        String id = notice(roomId, t.text(), t.keyboard());
        if (t.keyboard() != null && !t.keyboard().buttons().isEmpty()) {
          menus.remember(roomId, forUser, new Menus.Menu(t.keyboard().buttons(), id, shown));
        }
      } else if (p instanceof Reply.Notice n) {
        notice(roomId, n.text(), null);
      } else if (p instanceof Reply.Photo ph) {
        image(roomId, ph);
      } else if (p instanceof Reply.Document d) {
        file(roomId, d);
      }
    }
  }

  /** One plain m.notice, e.g. the encrypted-room explanation. */
  String notice(String roomId, String text, Keyboard keyboard) {
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
    return event(roomId, message("m.notice", body.toString(), html.toString()));
  }

  private void image(String roomId, Reply.Photo ph) {
    String mxc = upload(roomId, ph.png(), "image/png", "qr.png");
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("msgtype", "m.image");
    c.put("body", "qr.png");
    c.put("filename", "qr.png");
    c.put("url", mxc);
    c.put("info", Map.of("mimetype", "image/png", "size", ph.png().length));
    event(roomId, c);
    caption(roomId, ph.caption(), ph.codeCaption());
  }

  private void file(String roomId, Reply.Document d) {
    String type = d.fileName().endsWith(".conf") || d.fileName().endsWith(".txt") ? "text/plain"
        : "application/octet-stream";
    String mxc = upload(roomId, d.content(), type, d.fileName());
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("msgtype", "m.file");
    c.put("body", d.fileName());
    c.put("filename", d.fileName());
    c.put("url", mxc);
    c.put("info", Map.of("mimetype", type, "size", d.content().length));
    event(roomId, c);
    caption(roomId, d.caption(), false);
  }

  private String upload(String roomId, byte[] content, String type, String name) {
    return rooms.isEncrypted(roomId) ? client.upload(content, type, name) : client.uploadPlain(content, type, name);
  }

  private void caption(String roomId, String caption, boolean code) {
    if (caption != null && !caption.isBlank()) {
      event(roomId, message("m.notice", caption, code ? Html.code(caption) : Html.text(caption)));
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

  private String event(String roomId, Map<String, Object> content) {
    return client.send(roomId, "m.room.message", content, txnPrefix + seq.incrementAndGet());
  }
}
