package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.render.ConfigDelivery;
import dev.vpnmanager.render.UserConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A user's config as reply parts: the QR photo with the link as code caption, plus the file for .conf texts. */
final class ConfigReplies {
  private ConfigReplies() {}

  static List<Reply.Part> of(Optional<ConfigDelivery> delivery, String username) {
    if (delivery.isEmpty()) {
      return List.of(new Reply.Text("Config delivery is not available in this build.", null, false));
    }
    UserConfig c = delivery.get().configFor(username);
    List<Reply.Part> parts = new ArrayList<>();
    parts.add(new Reply.Photo(c.qrPng(), c.link(), true));
    if (c.file() != null && c.fileName() != null && c.link() != null && c.link().contains("\n")) {
      parts.add(new Reply.Document(c.file(), c.fileName(), c.username()));
    }
    return parts;
  }
}
