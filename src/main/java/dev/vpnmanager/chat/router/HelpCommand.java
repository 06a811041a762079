package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Provider;

/** /help lists what this caller may do; /menu shows the main actions as buttons. */
public final class HelpCommand implements CommandHandler {
  private final Provider<CommandRouter> router;
  private final boolean menu;

  @Inject
  public HelpCommand(Provider<CommandRouter> router) {
    this(router, false);
  }

  private HelpCommand(Provider<CommandRouter> router, boolean menu) {
    this.router = router;
    this.menu = menu;
  }

  public HelpCommand asMenu() {
    return new HelpCommand(router, true);
  }

  @Override
  public CommandSpec spec() {
    return menu ? new CommandSpec("menu", Role.ANYONE, "the main actions as buttons")
        : new CommandSpec("help", Role.ANYONE, "what you can do here");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    List<CommandSpec> specs = router.get().visibleTo(ctx.role());
    if (!menu) {
      StringBuilder b = new StringBuilder("Commands:\n");
      for (CommandSpec s : specs) {
        b.append(s.usage()).append(" — ").append(s.description()).append('\n');
      }
      return Reply.text(b.toString().strip());
    }
    Keyboard.Builder k = Keyboard.builder();
    if (ctx.role().atLeast(Role.ADMIN)) {
      k.add("👥 Users", ctx.button("users", "page", "0", false)).row();
    }
    k.add("❓ Help", ctx.button("help", "show", null, false));
    return Reply.menu("Main menu", k.build(), false);
  }

  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    return new HelpCommand(router, false).handle(ctx);
  }
}
