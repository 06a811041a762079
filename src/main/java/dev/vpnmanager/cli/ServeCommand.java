package dev.vpnmanager.cli;

import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** serve: the daemon. Starts the configured chat transports and runs until SIGTERM, then stops cleanly. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the daemon: configured chat transports, scheduled jobs and the HTTP endpoints, until SIGTERM.")
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Override
  public Integer call() throws InterruptedException {
    Settings s = root.settings();
    root.app().userQueries().count();
    dev.vpnmanager.http.WebServer web = root.app().webServer();
    boolean telegram = s.isSet(ConfigKeys.TELEGRAM_TOKEN);
    boolean matrix = s.isSet(ConfigKeys.MATRIX_HOMESERVER);
    if (!telegram && !matrix) {
      root.err.println("no chat transport configured: set VPN_TELEGRAM_TOKEN (and VPN_ADMINS=telegram:<your id>) "
          + "or VPN_MATRIX_HOMESERVER with VPN_MATRIX_USER and VPN_MATRIX_PASSWORD or VPN_MATRIX_TOKEN; "
          + "running with no chat transport (use 'vpn-manager console' to manage users)");
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "shutdown"));
    java.util.Set<ChatTransport> transports = root.app().chatTransports();
    try {
      web.start();
      for (ChatTransport t : transports) {
        t.start();
        root.err.println("chat transport " + t.platform().code() + " started");
      }
      root.app().outboxSender().start();
      root.app().daemon().start();
      root.err.println("vpn-manager serving; database " + s.databaseUrl().replaceAll("password=[^&]*", "password=***")
          + "; HTTP on " + web.localUrl());
      stop.await();
    } finally {
      web.close();
      root.app().daemon().stop();
      root.app().outboxSender().stop();
      for (ChatTransport t : transports) {
        t.close();
      }
      root.app().outboxSender().release();
      root.close();
      root.err.println("vpn-manager stopped");
      root.err.flush();
      stopped.countDown();
    }
    return 0;
  }
}
