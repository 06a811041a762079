package dev.vpnmanager.testing;

import dev.vpnmanager.chat.Button;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandRouter;

/** Talks to the router as one person in one chat: texts, and presses of buttons found by their label. */
public final class ChatDriver {
  private final CommandRouter router;
  private final Platform platform;
  private final String chatId;
  private final String userId;
  private String language;
  private Reply last = Reply.empty();

  public ChatDriver(CommandRouter router, Platform platform, String chatId, String userId) {
    this.router = router;
    this.platform = platform;
    this.chatId = chatId;
    this.userId = userId;
  }

  /** The console's owner. */
  public static ChatDriver owner(CommandRouter router) {
    return new ChatDriver(router, Platform.CONSOLE, "console", "owner");
  }

  public ChatDriver language(String code) {
    this.language = code;
    return this;
  }

  public Reply say(String text) {
    last = router.route(new ChatUpdate(platform, chatId, userId, userId, language, text, null, null, true));
    return last;
  }

  /** Presses the first button of the last reply whose label contains {@code label}. */
  public Reply press(String label) {
    String data = find(last, label);
    last = router.route(new ChatUpdate(platform, chatId, userId, userId, language, null, data, "1", true));
    return last;
  }

  public Reply last() {
    return last;
  }

  public static String find(Reply r, String label) {
    for (Reply.Part p : r.parts()) {
      if (p instanceof Reply.Text t && t.keyboard() != null) {
        for (Button b : t.keyboard().buttons()) {
          if (b.label().contains(label)) {
            return b.data();
          }
        }
      }
    }
    throw new AssertionError("no button '" + label + "' in: " + r);
  }
}
