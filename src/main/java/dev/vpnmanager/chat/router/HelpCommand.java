package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.Reply;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Provider;

/** /help lists what this caller may do; /menu shows the main actions as buttons. */
public final class HelpCommand implements CommandHandler {
  private static final Messages TEXTS = new Messages("menu");
  /** Command descriptions, shared with Telegram's command menus. */
  private static final Messages COMMANDS = new Messages("telegram");
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
    if (ctx.update().platform() == dev.vpnmanager.chat.Platform.CONSOLE) {
      // the console is the owner's own terminal: no chat to bind, no invite to redeem
      specs = specs.stream().filter(sp -> sp.role() != Role.USER && !sp.name().equals("start")).toList();
    }
    if (!menu) {
      StringBuilder b = new StringBuilder(TEXTS.get(ctx.update().language(), "help.title")).append('\n');
      for (CommandSpec s : specs) {
        String key = "command." + s.name();
        String d = COMMANDS.get(ctx.update().language(), key);
        b.append(s.usage()).append(" — ").append(d.equals(key) ? s.description() : d).append('\n');
      }
      return Reply.text(b.toString().strip());
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    specs.forEach(sp -> names.add(sp.name()));
    Keyboard.Builder k = Keyboard.builder();
    int n = 0;
    for (String[] item : ctx.role().atLeast(Role.ADMIN) ? ADMIN_MENU : USER_MENU) {
      if (!item[0].equals("help") && (!names.contains(item[0]) || !router.get().inMenu(item[0]))) {
        continue;
      }
      String data = switch (item[0]) {
        case "users" -> ctx.button("users", "page", "0", false);
        case "adduser" -> ctx.button("adduser", "guide", null, false);
        case "help" -> ctx.button("help", "show", null, false);
        default -> ctx.button("help", "run", item[0], false);
      };
      k.add(TEXTS.get(ctx.update().language(), "menu." + item[0]), data);
      if (++n % 2 == 0) {
        k.row();
      }
    }
    return Reply.menu(TEXTS.get(ctx.update().language(), "menu.title"), k.build(), false);
  }

  /**
   * The main menu's commands, in order; each shows only where its command exists for the caller and its handler
   * wants it shown now (Nodes: once a remote node exists).
   */
  private static final String[][] ADMIN_MENU = {{"users"}, {"servers"}, {"adduser"}, {"plans"}, {"broadcast"},
      {"backup"}, {"stats"}, {"audit"}, {"nodes"}, {"help"}};
  private static final String[][] USER_MENU = {{"myconfig"}, {"usage"}, {"help"}};

  /** "show" is /help; "run" runs a menu entry's command as if typed (the router checks the role again). */
  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    if ("run".equals(action) && args.size() == 1 && args.get(0).matches("[a-z]{1,32}")) {
      if (args.get(0).equals("broadcast")) {
        return Reply.text(TEXTS.get(ctx.update().language(), "menu.broadcastHint"));
      }
      ChatUpdate u = ctx.update();
      return router.get().route(new ChatUpdate(u.platform(), u.chatId(), u.userId(), u.displayName(), u.language(),
          "/" + args.get(0), null, null, u.privateChat()));
    }
    return new HelpCommand(router, false).handle(ctx);
  }
}
