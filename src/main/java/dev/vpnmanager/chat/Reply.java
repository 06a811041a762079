package dev.vpnmanager.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * What a handler answers: one or more parts that the transport sends in order. Handlers never send.
 * {@code secret}: the reply holds credentials or data of others (a config, an invite, a backup) and may only be
 * shown in a private chat. {@code privately}: a reply the transport sends to the person's private chat
 * rather than to the chat the command came from (the router puts a secret reply there when the command came
 * from a group).
 */
public record Reply(List<Part> parts, boolean secret, Reply privately) {
  /** One piece of a reply. */
  public sealed interface Part permits Text, Photo, Document, Notice {}

  /** Plain text (transports escape it), optionally with buttons; {@code edit} replaces the pressed menu. */
  public record Text(String text, Keyboard keyboard, boolean edit) implements Part {}

  /** A PNG image, e.g. a QR code; the caption is shown as code (monospace) when {@code codeCaption}. */
  public record Photo(byte[] png, String caption, boolean codeCaption) implements Part {}

  /** A file, e.g. a WireGuard .conf. */
  public record Document(byte[] content, String fileName, String caption) implements Part {}

  /** A short notice answering a button press (a toast on Telegram). */
  public record Notice(String text) implements Part {}

  public Reply {
    parts = List.copyOf(parts);
  }

  public Reply(List<Part> parts) {
    this(parts, false, null);
  }

  /** This reply, marked as holding secrets: private chats only. */
  public Reply asSecret() {
    return new Reply(parts, true, privately);
  }

  /** {@code notice} for the chat the command came from, and {@code inner} for the person's private chat. */
  public static Reply redirected(Reply inner, String notice) {
    return new Reply(List.of(new Text(notice, null, false)), false, new Reply(inner.parts()));
  }

  public static Reply text(String text) {
    return new Reply(List.of(new Text(text, null, false)));
  }

  public static Reply menu(String text, Keyboard keyboard, boolean edit) {
    return new Reply(List.of(new Text(text, keyboard, edit)));
  }

  public static Reply notice(String text) {
    return new Reply(List.of(new Notice(text)));
  }

  public static Reply empty() {
    return new Reply(List.of());
  }

  public Reply and(Part part) {
    List<Part> all = new ArrayList<>(parts);
    all.add(part);
    return new Reply(all, secret, privately);
  }

  /** All text of the reply, for tests and logs. */
  public String allText() {
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      String t = null;
      if (p instanceof Text x) {
        t = x.text();
      } else if (p instanceof Photo x) {
        t = x.caption();
      } else if (p instanceof Document x) {
        t = x.caption();
      } else if (p instanceof Notice x) {
        t = x.text();
      }
      if (t != null) {
        b.append(b.length() == 0 ? "" : "\n").append(t);
      }
    }
    return b.toString();
  }
}
