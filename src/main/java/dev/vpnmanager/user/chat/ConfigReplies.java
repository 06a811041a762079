package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.delivery.ConfigDelivery;
import dev.vpnmanager.delivery.SubscriptionUrls;
import dev.vpnmanager.delivery.UserConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user's config as chat messages: the QR code with the link as a code caption, plus the file for protocols
 * whose link is a file's text (WireGuard's .conf), so phones can import it either way.
 */
final class ConfigReplies {
  /** Telegram's caption limit; a longer link still goes out in full as a text message. */
  private static final int MAX_CAPTION = 1024;

  private ConfigReplies() {}

  static Reply of(CommandContext ctx, UserConfig c, String intro) {
    return of(ctx.update().language(), c, intro);
  }

  /** The same in a language (a message made outside a command: the outbox's config messages). */
  static Reply of(String language, UserConfig c, String intro) {
    List<Reply.Part> parts = new ArrayList<>();
    if (intro != null) {
      parts.add(new Reply.Text(intro, null, false));
    }
    // when the link is the file's text (a WireGuard .conf), apps import the file: send it too
    boolean linkIsFile = java.util.Arrays.equals(c.link().getBytes(java.nio.charset.StandardCharsets.UTF_8), c.file());
    if (c.link().length() <= MAX_CAPTION) {
      parts.add(new Reply.Photo(c.qrPng(), c.link(), true));
    } else {
      parts.add(new Reply.Photo(c.qrPng(), null, false));
      parts.add(new Reply.Text(c.link(), null, false));
    }
    if (linkIsFile) {
      parts.add(new Reply.Document(c.file(), c.fileName(), ChatTexts.MESSAGES.get(language, "config.fileCaption")));
    }
    return new Reply(parts).asSecret();
  }

  /** The config parts without an intro, or a notice when no renderer is bound. */
  static List<Reply.Part> of(CommandContext ctx, Optional<ConfigDelivery> delivery, String username) {
    if (delivery.isEmpty()) {
      return List.of(new Reply.Text(ChatTexts.t(ctx, "config.unavailable"), null, false));
    }
    return of(ctx, delivery.get().configFor(username), null).parts();
  }

  /** The reply with the user's subscription link added, when links are public (http.public-url is set). */
  static Reply withSubscription(Reply reply, Optional<SubscriptionUrls> urls, String language, String username) {
    if (urls.isEmpty() || !urls.get().published()) {
      return reply;
    }
    String url = urls.get().urlFor(username);
    return reply.and(new Reply.Text(ChatTexts.MESSAGES.get(language, "config.subscription", url), null, false));
  }
}
