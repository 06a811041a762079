package dev.vpnmanager.cli;

/**
 * Quiet by default: libraries log warnings only, to stderr. The level comes from the {@code log-level} setting
 * (or VPN_LOG_LEVEL), applied once the settings are loaded, before the database or any transport logs.
 */
final class Logging {
  private Logging() {}

  static void init(java.util.Map<String, String> env) {
    String level = env.getOrDefault("VPN_LOG_LEVEL", "warn");
    if (!level.matches("error|warn|info|debug")) {
      level = "warn";
    }
    level(level);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
  }

  static void level(String level) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    // Jetty's and Javalin's debug output carries request lines and headers (subscription and API tokens):
    // they never log below info
    String http = "debug".equals(level) ? "info" : level;
    System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", http);
    System.setProperty("org.slf4j.simpleLogger.log.io.javalin", http);
    // Ebean's debug output carries every statement's bind values (keys, credentials, token hashes): never below info
    System.setProperty("org.slf4j.simpleLogger.log.io.ebean.SQL", http);
    System.setProperty("org.slf4j.simpleLogger.log.io.ebean.SUM", http);
    System.setProperty("org.slf4j.simpleLogger.log.io.ebean.TXN", http);
    // gRPC asks every channel for TCP keep-alive, and netty's bootstrap warns that a Unix socket (how the daemon
    // reads a local core) has none: once per core at every start. Its other warnings are about channel options too
    System.setProperty("org.slf4j.simpleLogger.log.io.grpc.netty.shaded.io.netty.bootstrap",
        "debug".equals(level) ? "debug" : "error");
  }
}
