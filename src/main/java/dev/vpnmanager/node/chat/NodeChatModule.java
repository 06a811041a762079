package dev.vpnmanager.node.chat;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.chat.router.CommandHandler;

/** The node feature's chat command (/nodes), bound into the router's handler set. */
@Module
public interface NodeChatModule {
  @Binds
  @IntoSet
  CommandHandler nodes(NodesCommand h);
}
