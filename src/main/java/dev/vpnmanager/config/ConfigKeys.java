package dev.vpnmanager.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key the program knows. config/vpn-manager.example.yaml documents each one. */
public final class ConfigKeys {
  public static final ConfigKey DATA_DIR = key("data-dir", "~/.local/share/vpn-manager",
      "where the database, keys and rendered configs live", ValueType.PATH);
  public static final ConfigKey DATABASE_URL = key("database.url", "",
      "JDBC URL; empty = SQLite file vpn-manager.db in the data dir", ValueType.STRING);
  public static final ConfigKey DATABASE_USER = key("database.user", "",
      "database user (PostgreSQL)", ValueType.STRING);
  public static final ConfigKey DATABASE_PASSWORD = key("database.password", "",
      "database password (PostgreSQL)", ValueType.STRING);
  public static final ConfigKey PUBLIC_HOST = key("public-host", "",
      "host or IP that client configs point at; empty = detected", ValueType.STRING);
  public static final ConfigKey DOCKER_HOST = key("docker.host", "",
      "Docker engine (unix://... or tcp://...); empty = DOCKER_HOST, else the local socket", ValueType.STRING);
  public static final ConfigKey TELEGRAM_TOKEN = key("telegram.token", "",
      "Telegram bot token; Telegram is on when set", ValueType.STRING);
  public static final ConfigKey TELEGRAM_API_URL = key("telegram.api-url", "https://api.telegram.org",
      "Bot API base URL (a local Bot API server, a proxy, a test server)", ValueType.URL);
  public static final ConfigKey TELEGRAM_WEBHOOK_URL = key("telegram.webhook-url", "",
      "public HTTPS URL Telegram posts updates to; empty = long polling", ValueType.STRING);
  public static final ConfigKey TELEGRAM_WEBHOOK_LISTEN = key("telegram.webhook-listen", "127.0.0.1:8443",
      "host:port the webhook receiver listens on (behind a reverse proxy)", ValueType.STRING);
  public static final ConfigKey MATRIX_HOMESERVER = key("matrix.homeserver", "",
      "Matrix homeserver URL; Matrix is on when set", ValueType.STRING);
  public static final ConfigKey MATRIX_USER = key("matrix.user", "",
      "Matrix user id of the bot (@bot:example.org)", ValueType.STRING);
  public static final ConfigKey MATRIX_PASSWORD = key("matrix.password", "",
      "Matrix password (or use matrix.token)", ValueType.STRING);
  public static final ConfigKey MATRIX_TOKEN = key("matrix.token", "",
      "Matrix access token (or use matrix.password)", ValueType.STRING);
  public static final ConfigKey ADMINS = key("admins", "",
      "comma-separated admins: telegram:<user id>, matrix:@user:server", ValueType.ADMINS);
  public static final ConfigKey TRAFFIC_INTERVAL = key("traffic-interval", "10s",
      "how often traffic counters are collected", ValueType.DURATION);
  public static final ConfigKey ENFORCE_INTERVAL = key("enforce-interval", "30s",
      "how often quotas and expiry are enforced", ValueType.DURATION);
  public static final ConfigKey INVITE_TTL = key("invite-ttl", "7d",
      "how long a one-time invite link stays valid", ValueType.DURATION);
  public static final ConfigKey PORT_RANGE = key("port-range", "20000-30000",
      "where a free port is picked when a protocol's default port is taken", ValueType.PORT_RANGE);
  public static final ConfigKey WIREGUARD_SUBNET = key("wireguard.subnet", "10.8.0.0/24",
      "subnet WireGuard client addresses are allocated from", ValueType.CIDR);
  public static final ConfigKey LOG_LEVEL = key("log-level", "warn",
      "log level: error, warn, info, debug", ValueType.LOG_LEVEL);

  private static Map<String, ConfigKey> all;

  private ConfigKeys() {}

  private static ConfigKey key(String path, String def, String description, ValueType type) {
    ConfigKey k = new ConfigKey(path, def, description, type);
    if (all == null) {
      all = new LinkedHashMap<>();
    }
    all.put(path, k);
    return k;
  }

  public static Map<String, ConfigKey> byPath() {
    return Map.copyOf(all);
  }

  public static List<ConfigKey> all() {
    return List.copyOf(all.values());
  }
}
