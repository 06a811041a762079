package dev.vpnmanager.server.container;

import dagger.Module;
import dagger.multibindings.Multibinds;
import dev.vpnmanager.server.chat.ServerChatModule;
import java.util.Map;

/** The per-protocol container planners (a protocol without one cannot be deployed yet) and the server chat commands. */
@Module(includes = ServerChatModule.class)
public interface ServerContainerModule {
  @Multibinds
  Map<String, ContainerPlanner> planners();
}
