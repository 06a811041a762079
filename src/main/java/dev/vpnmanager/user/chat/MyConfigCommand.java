package dev.vpnmanager.user.chat;

import dev.vpnmanager.user.binding.ChatBindings;
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

/** /myconfig (bound user): this chat's own config as a QR code with the link, and the file for WireGuard. */
public final class MyConfigCommand implements CommandHandler {
  private final ConfigDelivery delivery;
  private final ChatBindings boundUser;
  private final Optional<SubscriptionUrls> subscriptions;

  @Inject
  public MyConfigCommand(ConfigDelivery delivery, ChatBindings boundUser, Optional<SubscriptionUrls> subscriptions) {
    this.delivery = delivery;
    this.boundUser = boundUser;
    this.subscriptions = subscriptions;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("myconfig", Role.USER, "your own config: link, QR code, file");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String name = boundUser.userOf(ctx.update().platform(), ctx.update().chatId()).orElse(null);
    if (name == null) {
      return Reply.text("This chat is not linked to a VPN account. Ask the admin for an invite link.");
    }
    UserConfig c = delivery.configFor(name);
    return ConfigReplies.withSubscription(
        ConfigReplies.of(c, "🔑 Your " + c.protocol() + " config. Scan the QR code or import the link:"),
        subscriptions, ctx.update().language(), name);
  }
}
