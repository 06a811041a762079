package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScope;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The command menus Telegram shows: user commands for everyone (default scope), admin commands in each
 * admin's private chat (chat scope), each in English (default) and every other supported language (by its language code).
 */
final class CommandMenus {
  static final Messages TEXTS = new Messages("telegram");
  private final TelegramClient client;
  private final CommandRouter router;

  CommandMenus(TelegramClient client, CommandRouter router) {
    this.client = client;
    this.router = router;
  }

  void publish(List<String> adminIds) throws TelegramApiException {
    for (String lang : LanguagePreferences.LANGUAGES) {
      set(commands(Role.USER, lang), new BotCommandScopeDefault(), lang);
      for (String admin : adminIds) {
        set(commands(Role.ADMIN, lang), new BotCommandScopeChat(admin), lang);
      }
    }
  }

  List<BotCommand> commands(Role role, String lang) {
    return router.visibleTo(role).stream().filter(s -> s.name().matches("[a-z0-9_]{1,32}"))
        .map(s -> new BotCommand(s.name(), description(s, lang))).toList();
  }

  private void set(List<BotCommand> commands, BotCommandScope scope, String lang) throws TelegramApiException {
    client.execute(new SetMyCommands(commands, scope, "en".equals(lang) ? null : lang));
  }

  private static String description(CommandSpec s, String lang) {
    String d = TEXTS.get(lang, "command." + s.name());
    if (d.equals("command." + s.name())) {
      d = s.description();
    }
    return d.length() > 256 ? d.substring(0, 256) : d;
  }
}
