package dev.vpnmanager.user.chat;

import dev.vpnmanager.delivery.ConfigDelivery;
import dev.vpnmanager.user.UserService;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dagger.Provides;
import dev.vpnmanager.chat.router.Bindings;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.user.binding.ChatBindings;

/** The user feature's chat commands, bound into the router's handler map by name. */
@Module
public interface UserChatModule {
  @Binds
  Bindings bindings(ChatBindings chats);

  /** Bound by the render/protocol feature; handlers say so politely while it is absent. */
  @dagger.BindsOptionalOf
  ConfigDelivery configDelivery();

  /** Bound by the HTTP face (http.sub); config replies add the subscription link when it is there. */
  @dagger.BindsOptionalOf
  dev.vpnmanager.delivery.SubscriptionUrls subscriptionUrls();

  /** The new config a rotation sends to bound chats, made when the outbox sends it. */
  @Binds
  @IntoSet
  dev.vpnmanager.chat.outbox.durable.StoredContent configContent(ConfigContent c);

  @Binds
  @IntoSet
  CommandHandler invite(InviteCommand h);

  @Binds
  @IntoSet
  CommandHandler usage(UsageCommand h);

  @Binds
  @IntoSet
  CommandHandler broadcast(BroadcastCommand h);

  @Binds
  @IntoSet
  CommandHandler lang(LangCommand h);

  @Binds
  @IntoSet
  CommandHandler start(StartCommand h);

  @Binds
  @IntoSet
  CommandHandler users(UsersCommand h);

  @Binds
  @IntoSet
  CommandHandler user(UserCommand h);

  @Binds
  @IntoSet
  CommandHandler addUser(AddUserCommand h);

  @Binds
  @IntoSet
  CommandHandler renew(RenewCommand h);

  @Binds
  @IntoSet
  CommandHandler edit(EditCommand h);

  @Binds
  @IntoSet
  CommandHandler plans(PlansCommand h);

  @Binds
  @IntoSet
  CommandHandler config(ConfigCommand h);

  @Binds
  @IntoSet
  CommandHandler myConfig(MyConfigCommand h);

  @Provides
  @IntoSet
  static CommandHandler suspend(UserService s) {
    return LifecycleCommand.suspend(s);
  }

  @Provides
  @IntoSet
  static CommandHandler resume(UserService s) {
    return LifecycleCommand.resume(s);
  }

  @Provides
  @IntoSet
  static CommandHandler delete(UserService s) {
    return LifecycleCommand.delete(s);
  }

  @Provides
  @IntoSet
  static CommandHandler resetTraffic(UserService s) {
    return LifecycleCommand.resetTraffic(s);
  }
}
