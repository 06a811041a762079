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
      return Reply.text(ChatTexts.t(ctx, "myconfig.unbound"));
    }
    UserConfig c = delivery.configFor(name);
    return ConfigReplies.withSubscription(ConfigReplies.of(ctx, c, ChatTexts.t(ctx, "myconfig.intro", c.protocol())),
        subscriptions, ctx.update().language(), name);
  }
}
