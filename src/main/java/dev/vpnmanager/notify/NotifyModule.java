package dev.vpnmanager.notify;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.Multibinds;
import dev.vpnmanager.chat.ChatTransport;
import java.util.Set;

/** Notifications: one {@link Notifier} over every chat transport bound into {@code Set<ChatTransport>}. */
@Module
public interface NotifyModule {
  @Multibinds
  Set<ChatTransport> chatTransports();

  @Binds
  Notifier notifier(ChatNotifier notifier);
}
