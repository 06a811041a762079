package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.ChatUpdate;
import java.util.List;

/** A parsed command or button press with the caller's role; {@code args} are the words after the command. */
public record CommandContext(ChatUpdate update, Role role, List<String> args, CallbackCodec callbacks) {
  public String arg(int i) {
    return i < args.size() ? args.get(i) : null;
  }

  /** The actor id recorded in the audit log: platform and user id, e.g. telegram:12345. */
  public String actorId() {
    return update.platform().code() + ":" + update.userId();
  }

  /** Signs callback data for a button in this chat. */
  public String button(String command, String action, String arg, boolean oneShot) {
    return callbacks.encode(update.chatId(), command + ":" + action + (arg == null ? "" : ":" + arg), oneShot);
  }
}
