package dev.vpnmanager.chat.outbox.durable;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.chat.router.CommandHandler;

/** The durable outbox's admin command. */
@Module
public interface OutboxModule {
  @Binds
  @IntoSet
  CommandHandler outbox(OutboxCommand h);
}
