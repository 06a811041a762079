package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.delivery.ConfigDelivery;
import dev.vpnmanager.delivery.UserConfig;
import dev.vpnmanager.delivery.SubscriptionUrls;
import java.util.Optional;
import javax.inject.Inject;

/** /config NAME (admin): sends a user's config into this chat, as a QR code with the link, and the file. */
public final class ConfigCommand implements CommandHandler {
  private final ConfigDelivery delivery;
  private final Optional<SubscriptionUrls> subscriptions;

  @Inject
  public ConfigCommand(ConfigDelivery delivery, Optional<SubscriptionUrls> subscriptions) {
    this.delivery = delivery;
    this.subscriptions = subscriptions;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("config", Role.ADMIN, "NAME", "send a user's config here");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    UserConfig c = delivery.configFor(ctx.arg(0));
    return ConfigReplies.withSubscription(ConfigReplies.of(ctx, c, ChatTexts.t(ctx, "config.intro", c.username(),
        c.protocol())), subscriptions, ctx.update().language(), c.username());
  }
}
