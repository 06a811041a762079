package dev.vpnmanager.user.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.delivery.ConfigDelivery;
import dev.vpnmanager.delivery.SubscriptionUrls;
import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.user.invite.InviteService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/** /start [TOKEN]: a greeting; with an invite token it binds this chat to that VPN user and sends the config. */
public final class StartCommand implements CommandHandler {
  private final InviteService invites;
  private final LanguagePreferences languages;
  private final Optional<ConfigDelivery> delivery;
  private final Optional<SubscriptionUrls> subscriptions;

  @Inject
  public StartCommand(InviteService invites, LanguagePreferences languages, Optional<ConfigDelivery> delivery,
                      Optional<SubscriptionUrls> subscriptions) {
    this.invites = invites;
    this.languages = languages;
    this.delivery = delivery;
    this.subscriptions = subscriptions;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("start", Role.ANYONE, "[TOKEN]", "greeting; with an invite token, bind this chat");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    if (ctx.arg(0) != null && !ctx.update().privateChat()) {
      return Reply.text(ChatTexts.t(ctx, "start.privateOnly"));
    }
    if (ctx.arg(0) != null) {
      String name = invites.redeem(ChatActors.of(ctx), ctx.update().platform().code(), ctx.update().chatId(),
          ctx.arg(0));
      languages.setIfAbsent(ctx.update().platform(), ctx.update().chatId(), ctx.update().language());
      List<Reply.Part> parts = new ArrayList<>();
      parts.add(new Reply.Text(ChatTexts.t(ctx, "start.bound", name), null, false));
      parts.addAll(ConfigReplies.of(ctx, delivery, name));
      return ConfigReplies.withSubscription(new Reply(parts), delivery.isEmpty() ? Optional.empty() : subscriptions,
          ctx.update().language(), name).asSecret();
    }
    if (ctx.role().atLeast(Role.ADMIN)) {
      return Reply.text(ChatTexts.t(ctx, "start.admin"));
    }
    if (ctx.role() == Role.USER) {
      return Reply.text(ChatTexts.t(ctx, "start.user"));
    }
    return Reply.text(ChatTexts.t(ctx, "start.stranger"));
  }
}
