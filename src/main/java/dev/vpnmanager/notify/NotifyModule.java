package dev.vpnmanager.notify;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.event.EventSubscriber;
import java.util.Set;

/**
 * Notifications: one {@link Notifier} over every chat transport bound into {@code Set<ChatTransport>}, and the
 * subscriber that sends users their new config after a rotation.
 */
@Module
public interface NotifyModule {
  @Multibinds
  Set<ChatTransport> chatTransports();

  @Binds
  Notifier notifier(ChatNotifier notifier);

  @Binds
  @IntoSet
  EventSubscriber rotatedConfigs(RotatedConfigs subscriber);
}
