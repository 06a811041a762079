package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import java.util.Locale;
import javax.inject.Inject;

/** /lang CODE: the reply language of this chat (en, ru, fa, zh). */
public final class LangCommand implements CommandHandler {
  private final LanguagePreferences languages;

  @Inject
  public LangCommand(LanguagePreferences languages) {
    this.languages = languages;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("lang", Role.ANYONE, "[en|ru|fa|zh]", "reply language");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String code = ctx.arg(0) == null ? null : ctx.arg(0).toLowerCase(Locale.ROOT);
    if (code == null || ctx.args().size() != 1 || !LanguagePreferences.SUPPORTED.contains(code)) {
      return Reply.text(ChatTexts.t(ctx, "lang.usage"));
    }
    languages.set(ctx.update().platform(), ctx.update().chatId(), code);
    return Reply.text(ChatTexts.MESSAGES.get(code, "lang.set"));
  }
}
