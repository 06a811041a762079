package dev.vpnmanager.server.container;

import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Map;

/** The per-protocol container planners; a protocol without one cannot be deployed yet (a clear error). */
@Module
public interface ServerContainerModule {
  @Multibinds
  Map<String, ContainerPlanner> planners();
}
