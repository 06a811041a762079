package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.Reply;
import java.util.List;

/**
 * One chat command. Handlers translate between chat and services: parse arguments, call a service, shape a
 * {@link Reply}. They hold no business logic and never send anything themselves.
 */
public interface CommandHandler {
  CommandSpec spec();

  Reply handle(CommandContext ctx);

  /** Whether the main menu shows this command's entry now (one that would only say "nothing here" may hide). */
  default boolean inMenu() {
    return true;
  }

  /** A verified button press for this command: {@code action} and its arguments as encoded by the handler. */
  default Reply onButton(CommandContext ctx, String action, List<String> args) {
    return Reply.notice(CommandRouter.text(ctx.update().language(), "router.noAction"));
  }

  /**
   * The answer to a question this handler asked through {@link Conversations#expect}: {@code action} and its
   * arguments as recorded, and the person's whole message.
   */
  default Reply onInput(CommandContext ctx, String action, List<String> args, String text) {
    return Reply.empty();
  }
}
