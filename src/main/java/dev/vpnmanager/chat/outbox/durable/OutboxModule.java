package dev.vpnmanager.chat.outbox.durable;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import dev.vpnmanager.chat.router.CommandHandler;
import java.util.Set;

/** The durable outbox's admin command, and the set features bind their {@link StoredContent} into. */
@Module
public interface OutboxModule {
  @Multibinds
  Set<StoredContent> storedContents();

  @Binds
  @IntoSet
  CommandHandler outbox(OutboxCommand h);
}
