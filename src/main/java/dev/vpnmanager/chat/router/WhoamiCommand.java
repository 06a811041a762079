package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.Messages;
import java.util.Locale;
import javax.inject.Inject;

/** /whoami: anyone's platform id (what VPN_ADMINS takes) and role here. */
public final class WhoamiCommand implements CommandHandler {
  private static final Messages TEXTS = new Messages("menu");

  @Inject
  public WhoamiCommand() {}

  @Override
  public CommandSpec spec() {
    return new CommandSpec("whoami", Role.ANYONE, "your platform id and role");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String lang = ctx.update().language();
    String role = TEXTS.get(lang, "role." + ctx.role().name().toLowerCase(Locale.ROOT));
    return Reply.text(TEXTS.get(lang, "whoami", ctx.actorId(), ctx.update().chatId(), role));
  }
}
