package dev.vpnmanager.user;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.chat.router.Bindings;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.user.chat.AddUserCommand;
import dev.vpnmanager.user.chat.BoundChats;
import dev.vpnmanager.user.chat.ConfigCommand;
import dev.vpnmanager.user.chat.MyConfigCommand;
import dev.vpnmanager.user.chat.RenewCommand;
import dev.vpnmanager.user.chat.StartCommand;
import dev.vpnmanager.user.chat.UserChatHandlers;
import dev.vpnmanager.user.chat.UserCommand;
import dev.vpnmanager.user.chat.UsersCommand;

/** The user feature's chat commands, bound into the router's handler map by name. */
@Module
public interface UserChatModule {
  @Binds
  Bindings bindings(BoundChats chats);

  /** Bound by the render/protocol feature; handlers say so politely while it is absent. */
  @dagger.BindsOptionalOf
  dev.vpnmanager.render.ConfigDelivery configDelivery();

  @Binds
  @IntoMap
  @StringKey("invite")
  CommandHandler invite(dev.vpnmanager.user.chat.InviteCommand h);

  @Binds
  @IntoMap
  @StringKey("usage")
  CommandHandler usage(dev.vpnmanager.user.chat.UsageCommand h);

  @Binds
  @IntoMap
  @StringKey("broadcast")
  CommandHandler broadcast(dev.vpnmanager.user.chat.BroadcastCommand h);

  @Binds
  @IntoMap
  @StringKey("lang")
  CommandHandler lang(dev.vpnmanager.user.chat.LangCommand h);

  @Binds
  @IntoMap
  @StringKey("start")
  CommandHandler start(StartCommand h);

  @Binds
  @IntoMap
  @StringKey("users")
  CommandHandler users(UsersCommand h);

  @Binds
  @IntoMap
  @StringKey("user")
  CommandHandler user(UserCommand h);

  @Binds
  @IntoMap
  @StringKey("adduser")
  CommandHandler addUser(AddUserCommand h);

  @Binds
  @IntoMap
  @StringKey("renew")
  CommandHandler renew(RenewCommand h);

  @Binds
  @IntoMap
  @StringKey("config")
  CommandHandler config(ConfigCommand h);

  @Binds
  @IntoMap
  @StringKey("myconfig")
  CommandHandler myConfig(MyConfigCommand h);

  @Provides
  @IntoMap
  @StringKey("suspend")
  static CommandHandler suspend(UserService s) {
    return UserChatHandlers.suspend(s);
  }

  @Provides
  @IntoMap
  @StringKey("resume")
  static CommandHandler resume(UserService s) {
    return UserChatHandlers.resume(s);
  }

  @Provides
  @IntoMap
  @StringKey("deluser")
  static CommandHandler delete(UserService s) {
    return UserChatHandlers.delete(s);
  }

  @Provides
  @IntoMap
  @StringKey("resettraffic")
  static CommandHandler resetTraffic(UserService s) {
    return UserChatHandlers.resetTraffic(s);
  }
}
