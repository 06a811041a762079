package dev.vpnmanager.cli;

import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.scheduling.ChatLease;
import dev.vpnmanager.storage.ServeLock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    // one serve per SQLite file: checked before anything is opened, migrated or started
    try (ServeLock ignored = ServeLock.acquire(s)) {
      return serve(s);
    }
  }

  /** Installs cut short by a kill of the last run: their containers and reservations go before anything else. */
  private void recoverInstalls() {
    try {
      if (root.app().installJournal().pending().isEmpty()) {
        return; // the usual start: nothing to undo, no Docker call
      }
      List<String> undone = root.app().installJournal().recover();
      if (!undone.isEmpty()) {
        root.err.println("undid installs cut short by the last run: " + String.join(", ", undone));
      }
    } catch (RuntimeException e) {
      root.err.println("could not check for installs cut short (the reconcile job tries again): " + e.getMessage());
    }
  }

  private int serve(Settings s) throws InterruptedException {
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
    // Telegram webhook posts may reach any instance; polling Telegram and syncing Matrix is the lease holder's
    boolean webhook = s.isSet(ConfigKeys.TELEGRAM_WEBHOOK_URL);
    List<ChatTransport> everywhere = transports.stream()
        .filter(t -> webhook && t.platform() == Platform.TELEGRAM).toList();
    List<ChatTransport> leased = transports.stream().filter(t -> !everywhere.contains(t)).toList();
    ChatLease lease = ChatLease.of(s);
    AtomicInteger exit = new AtomicInteger(0);
    AtomicBoolean receiving = new AtomicBoolean();
    try {
      web.start();
      for (ChatTransport t : everywhere) {
        t.start();
        root.err.println("chat transport " + t.platform().code() + " started");
      }
      lease.start(() -> {
        for (ChatTransport t : leased) {
          t.start();
          root.err.println("chat transport " + t.platform().code() + " started");
        }
        receiving.set(true);
      }, reason -> {
        root.err.println("error: " + reason + "; stopping, so that never two instances receive chat updates "
            + "(a supervisor restarts this one as a standby)");
        exit.set(1);
        stop.countDown();
      });
      if (!receiving.get() && !leased.isEmpty()) {
        root.err.println("chat transport " + String.join(", ", leased.stream().map(t -> t.platform().code()).toList())
            + " on standby: another instance receives chat updates; this one takes over when that one stops");
      }
      recoverInstalls();
      if (s.databaseUrl().startsWith("jdbc:sqlite:")) {
        // the serve lock makes this the only sender: what a killed run had on its way goes out now, not after its lease
        int freed = root.app().outboxSender().takeOverLeases();
        if (freed > 0) {
          root.err.println("outbox: resuming " + freed + " messages the last run had on their way");
        }
      }
      root.app().outboxSender().start();
      root.app().daemon().start();
      root.err.println("vpn-manager serving; database " + s.databaseUrl().replaceAll("password=[^&]*", "password=***")
          + "; HTTP on " + web.localUrl());
      stop.await();
    } finally {
      lease.stopWatching();
      web.close();
      root.app().daemon().stop();
      root.app().outboxSender().stop();
      for (ChatTransport t : transports) {
        t.close();
      }
      root.app().outboxSender().release();
      // released only now: the next instance starts receiving after this one stopped
      lease.close();
      root.close();
      root.err.println("vpn-manager stopped");
      root.err.flush();
      stopped.countDown();
    }
    return exit.get();
  }
}
