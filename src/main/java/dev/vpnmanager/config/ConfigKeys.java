package dev.vpnmanager.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key the program knows. config/vpn-manager.example.yaml documents each one. */
public final class ConfigKeys {
  public static final ConfigKey DATA_DIR = key("data-dir", "~/.local/share/vpn-manager",
      "where the database, keys and rendered configs live", ValueType.PATH);
  public static final ConfigKey DATABASE_URL = key("database.url", "",
      "JDBC URL; empty = SQLite file vpn-manager.db in the data dir", ValueType.JDBC_URL);
  public static final ConfigKey DATABASE_USER = key("database.user", "",
      "database user (PostgreSQL)", ValueType.STRING);
  public static final ConfigKey DATABASE_PASSWORD = key("database.password", "",
      "database password (PostgreSQL)", ValueType.STRING);
  public static final ConfigKey PUBLIC_HOST = key("public-host", "",
      "host or IP that client configs point at; empty = detected", ValueType.HOST);
  public static final ConfigKey PUBLIC_HOST_PROBE_URLS = key("public-host.probe-urls", "",
      "comma-separated echo URLs (plain HTTP GET answering the caller's IP as text) asked in order when public-host "
          + "is empty; empty = off, the first interface address is used", ValueType.URL_LIST);
  public static final ConfigKey DOCKER_HOST = key("docker.host", "",
      "Docker engine (unix://... or tcp://...); empty = DOCKER_HOST, else the local socket", ValueType.DOCKER_HOST);
  public static final ConfigKey IMAGES_VLESS = key("images.vless", "ghcr.io/xtls/xray-core:latest",
      "container image for VLESS servers (the official Xray image)", ValueType.STRING);
  public static final ConfigKey IMAGES_SHADOWSOCKS = key("images.shadowsocks", "shadowsocks/shadowsocks-libev:latest",
      "container image for Shadowsocks servers (ss-server, ss-manager)", ValueType.STRING);
  public static final ConfigKey IMAGES_SHADOWSOCKS_XRAY = key("images.shadowsocks-xray",
      "ghcr.io/xtls/xray-core:latest", "container image for Shadowsocks servers on the xray core (the official Xray image)",
      ValueType.STRING);
  public static final ConfigKey IMAGES_WIREGUARD = key("images.wireguard", "lscr.io/linuxserver/wireguard:latest",
      "container image for WireGuard servers (wg, wg-quick, iptables)", ValueType.STRING);
  public static final ConfigKey IMAGES_HTTP = key("images.http", "ghcr.io/xtls/xray-core:latest",
      "container image for HTTP proxy servers", ValueType.STRING);
  public static final ConfigKey IMAGES_SOCKS = key("images.socks", "ghcr.io/xtls/xray-core:latest",
      "container image for SOCKS5 proxy servers", ValueType.STRING);
  public static final ConfigKey FIREWALL_MODE = key("firewall.mode", "auto",
      "auto = open ports with iptables/nftables when possible, dry-run = only print, off = leave the firewall alone",
      ValueType.STRING);
  public static final ConfigKey FIREWALL_SCRIPT = key("firewall.script", "",
      "the firewall helper; empty = scripts/firewall.sh of the installation", ValueType.STRING);
  public static final ConfigKey TELEGRAM_TOKEN = key("telegram.token", "",
      "Telegram bot token; Telegram is on when set", ValueType.STRING);
  public static final ConfigKey TELEGRAM_API_URL = key("telegram.api-url", "https://api.telegram.org",
      "Bot API base URL (a local Bot API server, a proxy, a test server)", ValueType.URL);
  public static final ConfigKey TELEGRAM_WEBHOOK_URL = key("telegram.webhook-url", "",
      "public HTTPS URL Telegram posts updates to; empty = long polling", ValueType.STRING);
  public static final ConfigKey TELEGRAM_WEBHOOK_LISTEN = key("telegram.webhook-listen", "127.0.0.1:8443",
      "the webhook is served on http.listen; this extra listener (host:port) stays for older reverse proxies, empty = none", ValueType.STRING);
  public static final ConfigKey MATRIX_HOMESERVER = key("matrix.homeserver", "",
      "Matrix homeserver URL; Matrix is on when set", ValueType.URL);
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
  public static final ConfigKey RECONCILE_INTERVAL = key("reconcile-interval", "5m",
      "how often running servers are compared with the database and drift is fixed (also on daemon start)",
      ValueType.DURATION);
  public static final ConfigKey INVITE_TTL = key("invite-ttl", "7d",
      "how long a one-time invite link stays valid", ValueType.DURATION);
  public static final ConfigKey PORT_RANGE = key("port-range", "20000-30000",
      "where a free port is picked when a protocol's default port is taken", ValueType.PORT_RANGE);
  public static final ConfigKey WIREGUARD_SUBNET = key("wireguard.subnet", "10.8.0.0/24",
      "subnet WireGuard client addresses are allocated from", ValueType.CIDR);
  public static final ConfigKey VLESS_CORE = key("vless.core", "xray",
      "core of new VLESS servers: xray (Reality) or v2ray (v2ray 4.x, no Reality)", ValueType.STRING);
  public static final ConfigKey VLESS_SNI = key("vless.sni", "",
      "Reality SNI/dest host of new VLESS servers; empty = one of a default list", ValueType.STRING);
  public static final ConfigKey VLESS_SNI_CHECK = key("vless.sni-check", "true",
      "check that the Reality dest answers on port 443 (a warning when it does not)", ValueType.STRING);
  public static final ConfigKey VLESS_DEST = key("vless.dest", "",
      "Reality dest HOST:PORT of new VLESS servers (the TLS 1.3 server that answers for the SNI); empty = SNI:443",
      ValueType.STRING);
  public static final ConfigKey PROXY_CORE = key("proxy.core", "xray",
      "core of new HTTP and SOCKS5 proxy servers: xray or v2ray (v2ray 4.x)", ValueType.STRING);
  public static final ConfigKey SHADOWSOCKS_CORE = key("shadowsocks.core", "ss-libev",
      "core of new Shadowsocks servers: ss-libev (ss-manager), v2ray or xray (one port for all users); on a remote node "
          + "always xray", ValueType.STRING);
  public static final ConfigKey SHADOWSOCKS_METHOD = key("shadowsocks.method", "chacha20-ietf-poly1305",
      "AEAD cipher of new Shadowsocks servers: chacha20-ietf-poly1305, aes-256-gcm, aes-128-gcm", ValueType.STRING);
  public static final ConfigKey SHADOWSOCKS_API_PORT = key("shadowsocks.api-port", "10085",
      "loopback UDP port of ss-manager's API on new ss-libev servers; must lie outside the users' ports",
      ValueType.STRING);
  public static final ConfigKey SHADOWSOCKS_UDP = key("shadowsocks.udp", "false",
      "ss-libev: relay UDP too (its UDP relay ignores the block of private ranges); the v2ray core always relays it",
      ValueType.BOOLEAN);
  public static final ConfigKey ALLOW_LAN = key("allow-lan", "",
      "ranges (comma-separated CIDRs) new servers let users reach although they are private, loopback or "
          + "link-local; empty = none", ValueType.CIDR_LIST);
  public static final ConfigKey LOG_LEVEL = key("log-level", "warn",
      "log level: error, warn, info, debug", ValueType.LOG_LEVEL);
  public static final ConfigKey DAILY_AT = key("daily-at", "03:00",
      "UTC time of day after which the daily digest and backup run", ValueType.STRING);
  public static final ConfigKey BACKUP_KEEP = key("backup.keep", "7",
      "how many daily database backups are kept in data-dir/backups", ValueType.STRING);
  public static final ConfigKey BACKUP_RECIPIENT = key("backup.recipient", "",
      "an OpenPGP public key file: backups sent to a chat are encrypted to it (empty: sent as they are)",
      ValueType.STRING);
  public static final ConfigKey ALERTS_CPU_PERCENT = key("alerts.cpu-percent", "90",
      "admins are alerted when a server container's CPU stays above this percentage", ValueType.STRING);
  public static final ConfigKey ALERTS_MEMORY_PERCENT = key("alerts.memory-percent", "90",
      "admins are alerted when a server container's memory stays above this percentage", ValueType.STRING);
  public static final ConfigKey ALERTS_SUSTAINED = key("alerts.sustained", "5m",
      "how long CPU or memory must stay above its threshold before admins are alerted", ValueType.DURATION);
  public static final ConfigKey DISPLAY_TIME_ZONE = key("display.time-zone", "UTC",
      "time zone of dates shown in chat, CLI tables and warnings (Europe/Moscow, Asia/Tehran, UTC ...); JSON stays ISO",
      ValueType.STRING);
  public static final ConfigKey HTTP_LISTEN = key("http.listen", "127.0.0.1:8080",
      "host:port the HTTP endpoints (subscriptions, user page, probes, metrics, admin API) listen on", ValueType.STRING);
  public static final ConfigKey HTTP_PUBLIC_URL = key("http.public-url", "",
      "public base URL of subscription links, behind the TLS reverse proxy (https://vpn.example.org)", ValueType.STRING);
  public static final ConfigKey HTTP_METRICS_TOKEN = key("http.metrics-token", "",
      "bearer token GET /metrics requires; empty = no token (keep /metrics off the public proxy)", ValueType.STRING);
  public static final ConfigKey HTTP_PROFILE_TITLE = key("http.profile-title", "VPN",
      "the name VPN apps show for a subscription (the user name is added)", ValueType.STRING);
  public static final ConfigKey HTTP_UPDATE_HOURS = key("http.update-hours", "12",
      "how often VPN apps should refresh a subscription, in hours (profile-update-interval)", ValueType.STRING);
  public static final ConfigKey HTTP_SUPPORT_URL = key("http.support-url", "",
      "where users ask for help (support-url header and the user page); empty = none", ValueType.STRING);
  public static final ConfigKey API_RATE_PER_MINUTE = key("api.rate-per-minute", "120",
      "admin API calls each token may make per minute (429 beyond)", ValueType.STRING);

  /**
   * The HTTP face's keys share the prefix {@code http.} with the HTTP proxy protocol; they are not options of
   * new HTTP proxy servers (server.ServerOptions skips them).
   */
  public static final java.util.Set<ConfigKey> HTTP_FACE = java.util.Set.of(HTTP_LISTEN, HTTP_PUBLIC_URL,
      HTTP_METRICS_TOKEN, HTTP_PROFILE_TITLE, HTTP_UPDATE_HOURS, HTTP_SUPPORT_URL);
  public static final ConfigKey ALERTS_DOWN_AFTER = key("alerts.down-after", "3",
      "how many health checks in a row must find a server's container not running before admins are alerted",
      ValueType.STRING);
  public static final ConfigKey OUTBOX_RETENTION = key("outbox.retention", "7d",
      "how long sent alerts, warnings, backups and broadcasts stay in the outbox table before they are deleted",
      ValueType.DURATION);
  public static final ConfigKey OUTBOX_DEAD_RETENTION = key("outbox.dead-retention", "30d",
      "how long messages the platform refused for good (dead letters) stay visible in /outbox and doctor",
      ValueType.DURATION);
  public static final ConfigKey OUTBOX_GIVE_UP_AFTER = key("outbox.give-up-after", "2d",
      "how long a message is retried through outages (429, 5xx, network) before it becomes a dead letter",
      ValueType.DURATION);

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
