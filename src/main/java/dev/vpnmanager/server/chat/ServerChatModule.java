package dev.vpnmanager.server.chat;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.chat.router.CommandHandler;

/** The server feature's chat commands, bound into the router's handler map by name. */
@Module
public interface ServerChatModule {
  @Binds
  @IntoSet
  CommandHandler servers(ServersCommand h);

  @Binds
  @IntoSet
  CommandHandler server(ServerCommand h);

  @Binds
  @IntoSet
  CommandHandler install(InstallCommand h);
}
