package dev.vpnmanager.event;

import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Set;

/** The event bus and the set its standing subscribers are bound into. */
@Module
public interface EventModule {
  @Multibinds
  Set<EventSubscriber> subscribers();
}
