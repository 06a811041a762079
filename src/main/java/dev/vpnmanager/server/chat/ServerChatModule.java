package dev.vpnmanager.server.chat;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.chat.router.CommandHandler;

/** The server feature's chat commands, bound into the router's handler map by name. */
@Module
public interface ServerChatModule {
  @Binds
  @IntoMap
  @StringKey("servers")
  CommandHandler servers(ServersCommand h);

  @Binds
  @IntoMap
  @StringKey("server")
  CommandHandler server(ServerCommand h);

  @Binds
  @IntoMap
  @StringKey("install")
  CommandHandler install(InstallCommand h);
}
