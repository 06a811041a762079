package dev.vpnmanager.app;

import dev.vpnmanager.traffic.TrafficCollector;
import dagger.BindsInstance;
import dev.vpnmanager.protocol.vless.VlessModule;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksModule;
import dev.vpnmanager.protocol.wireguard.WireguardModule;
import dev.vpnmanager.protocol.proxy.ProxyModule;
import dev.vpnmanager.server.v2ray.V2rayLiveModule;
import dev.vpnmanager.server.chat.ServerChatModule;
import dev.vpnmanager.user.chat.UserChatModule;
import dev.vpnmanager.backup.chat.BackupChatModule;
import dagger.Component;
import dev.vpnmanager.alert.AlertModule;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.backup.BackupModule;
import dev.vpnmanager.backup.BackupService;
import dev.vpnmanager.chat.router.ChatModule;
import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.matrix.MatrixModule;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.chat.telegram.TelegramModule;
import dev.vpnmanager.config.ConfigModule;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.DockerModule;
import dev.vpnmanager.docker.Images;
import dev.vpnmanager.doctor.DockerChecks;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.node.NodeService;
import dev.vpnmanager.doctor.DoctorParts;
import dev.vpnmanager.enforce.EnforceModule;
import dev.vpnmanager.server.live.LiveModule;
import dev.vpnmanager.server.live.LiveSync;
import dev.vpnmanager.server.live.Reconciler;
import dev.vpnmanager.event.EventBus;
import dev.vpnmanager.api.ApiModule;
import dev.vpnmanager.api.ApiTokens;
import dev.vpnmanager.http.HttpModule;
import dev.vpnmanager.http.WebServer;
import dev.vpnmanager.http.health.HealthModule;
import dev.vpnmanager.http.metrics.MetricsModule;
import dev.vpnmanager.http.sub.SubscriptionModule;
import dev.vpnmanager.http.sub.SubscriptionTokens;
import dev.vpnmanager.event.EventModule;
import dev.vpnmanager.housekeeping.Housekeeping;
import dev.vpnmanager.housekeeping.HousekeepingModule;
import dev.vpnmanager.notify.Notifier;
import dev.vpnmanager.notify.NotifyModule;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.delivery.ConfigDelivery;
import dev.vpnmanager.delivery.RenderModule;
import dev.vpnmanager.scheduling.Daemon;
import dev.vpnmanager.scheduling.SchedulingModule;
import dev.vpnmanager.server.ServerDefinitions;
import dev.vpnmanager.server.ServerModule;
import dev.vpnmanager.server.ServerService;
import dev.vpnmanager.server.runtime.ServerContainerModule;
import dev.vpnmanager.server.runtime.ServerContainers;
import dev.vpnmanager.server.shadowsocks.ShadowsocksServerModule;
import dev.vpnmanager.server.wireguard.WireguardServerModule;
import dev.vpnmanager.storage.DatabaseHolder;
import dev.vpnmanager.storage.StorageModule;
import dev.vpnmanager.traffic.TrafficModule;
import dev.vpnmanager.user.binding.ChatBindings;
import dev.vpnmanager.user.broadcast.Broadcasts;
import dev.vpnmanager.user.invite.InviteService;
import dev.vpnmanager.user.UserQueries;
import dev.vpnmanager.user.UserService;
import dev.vpnmanager.user.UserTransfer;
import io.ebean.Database;
import java.time.Clock;
import javax.inject.Singleton;

/** The root of the object graph: one module per subsystem, listed alphabetically. */
@Singleton
@Component(modules = {
    AlertModule.class,
    dev.vpnmanager.audit.chat.AuditChatModule.class,
    ApiModule.class,
    BackupChatModule.class,
    BackupModule.class,
    ChatModule.class,
    ConfigModule.class,
    DockerModule.class,
    EventModule.class,
    HousekeepingModule.class,
    EnforceModule.class,
    HealthModule.class,
    HttpModule.class,
    LiveModule.class,
    MatrixModule.class,
    MetricsModule.class,
    NotifyModule.class,
    dev.vpnmanager.chat.outbox.durable.OutboxModule.class,
    ProxyModule.class,
    RenderModule.class,
    SchedulingModule.class,
    dev.vpnmanager.node.chat.NodeChatModule.class,
    ServerChatModule.class,
    ServerContainerModule.class,
    ServerModule.class,
    ShadowsocksModule.class,
    ShadowsocksServerModule.class,
    SubscriptionModule.class,
    dev.vpnmanager.stats.chat.StatsChatModule.class,
    StorageModule.class,
    TelegramModule.class,
    TrafficModule.class,
    UserChatModule.class,
    V2rayLiveModule.class,
    VlessModule.class,
    WireguardModule.class,
    WireguardServerModule.class})
public interface AppComponent extends DoctorParts {
  Settings settings();

  Database database();

  DatabaseHolder databaseHolder();

  AuditLog audit();

  CommandRouter router();

  EventBus events();

  /** The configured chat transports (Telegram, Matrix), not yet started. */
  java.util.Set<ChatTransport> chatTransports();

  Protocols protocols();

  ServerDefinitions servers();

  ServerService serverService();

  ConfigDelivery configDelivery();

  UserQueries userQueries();

  UserService users();

  UserTransfer userTransfer();

  ContainerRuntime containerRuntime();

  Images images();

  DockerChecks dockerChecks();

  ServerContainers serverContainers();

  /** The read side of the servers' containers: status, listing, logs. */
  dev.vpnmanager.server.runtime.ServerStatuses serverStatuses();

  /** A server's ports in the firewall of its host or node (the install reply's firewall note). */
  dev.vpnmanager.server.runtime.ServerFirewall serverFirewall();

  /** servers rotate-keys: new keys, a deployed server restarted with them, bound users sent their new config. */
  dev.vpnmanager.server.runtime.KeyRotation keyRotation();

  dev.vpnmanager.server.runtime.InstallJournal installJournal();

  NodeService nodeService();

  NodeRuntimes nodeRuntimes();

  dev.vpnmanager.server.live.NodeOutages nodeOutages();

  /** Live user changes per protocol (benchmarks drive them directly). */
  java.util.Map<String, dev.vpnmanager.server.live.LiveUsers> liveUsers();

  InviteService invites();

  LanguagePreferences languages();

  ChatBindings chatBindings();

  Notifier notifier();

  Daemon daemon();

  /** Sends the stored alerts, warnings, backups and broadcasts (started by serve). */
  dev.vpnmanager.chat.outbox.durable.OutboxSender outboxSender();

  dev.vpnmanager.chat.outbox.durable.OutboxStore outboxStore();

  BackupService backups();

  /** Applies user changes to running servers; subscribed to the bus when the bus is built. */
  LiveSync liveSync();

  Housekeeping housekeeping();

  Broadcasts broadcasts();

  Reconciler reconciler();

  TrafficCollector trafficCollector();

  dev.vpnmanager.plan.Plans plans();

  /** One look at servers, users, rates and alerts for `top`. */
  dev.vpnmanager.top.TopSampler topSampler();

  /** Dates as people read them, in the configured display time zone. */
  dev.vpnmanager.chat.i18n.Dates dates();

  /** The HTTP face (subscriptions, user page, probes, metrics, admin API, Telegram webhook), not yet started. */
  WebServer webServer();

  /** Subscription tokens: links, rotation. */
  SubscriptionTokens subscriptionTokens();

  /** Admin API bearer tokens. */
  ApiTokens apiTokens();
  /** Daily traffic per user and per server, with its charts (`users usage`, `stats`). */
  dev.vpnmanager.stats.TrafficStats trafficStats();

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
