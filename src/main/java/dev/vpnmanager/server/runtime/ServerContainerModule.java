package dev.vpnmanager.server.runtime;

import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Map;

/** The per-protocol container planners (a protocol without one cannot be deployed yet) and the server chat commands. */
@Module
public interface ServerContainerModule {
  @Multibinds
  Map<String, ContainerPlanner> planners();
}
