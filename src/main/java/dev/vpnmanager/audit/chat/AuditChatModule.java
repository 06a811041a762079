package dev.vpnmanager.audit.chat;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.chat.router.CommandHandler;

/** The audit log's chat command. */
@Module
public interface AuditChatModule {
  @Binds
  @IntoSet
  CommandHandler audit(AuditCommand h);
}
