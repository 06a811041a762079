package dev.vpnmanager;

import dagger.BindsInstance;
import dagger.Component;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.chat.ChatModule;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.chat.telegram.TelegramModule;
import dev.vpnmanager.config.ConfigModule;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.protocol.ProtocolModule;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.server.ServerDefinitions;
import dev.vpnmanager.server.ServerModule;
import dev.vpnmanager.storage.StorageModule;
import dev.vpnmanager.user.UserModule;
import dev.vpnmanager.user.UserQueries;
import dev.vpnmanager.user.UserService;
import dev.vpnmanager.user.UserTransfer;
import io.ebean.Database;
import java.time.Clock;
import javax.inject.Singleton;

/** The root of the object graph: one module per subsystem, listed alphabetically. */
@Singleton
@Component(modules = {
    ChatModule.class,
    ConfigModule.class,
    ProtocolModule.class,
    ServerModule.class,
    StorageModule.class,
    TelegramModule.class,
    UserModule.class})
public interface AppComponent {
  Settings settings();

  Database database();

  AuditLog audit();

  CommandRouter router();

  Protocols protocols();

  ServerDefinitions servers();

  UserQueries userQueries();

  UserService users();

  UserTransfer userTransfer();

  /** The configured chat transports (empty when none is configured). */
  java.util.Set<ChatTransport> transports();

  /** Settings and the clock come from outside, so tests can pass their own. */
  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder settings(Settings settings);

    @BindsInstance
    Builder clock(Clock clock);

    AppComponent build();
  }
}
