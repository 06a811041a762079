package dev.vpnmanager.stats.chat;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.chat.router.CommandHandler;

/** The stats feature's chat commands, bound into the router's handler map by name. */
@Module
public interface StatsChatModule {
  @Binds
  @IntoSet
  CommandHandler stats(StatsCommand h);
}
