package dev.vpnmanager.backup.chat;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.chat.router.CommandHandler;

/** The backup feature's chat command. */
@Module
public interface BackupChatModule {
  @Binds
  @IntoSet
  CommandHandler backup(BackupCommand h);
}
