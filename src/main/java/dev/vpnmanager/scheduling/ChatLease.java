package dev.vpnmanager.scheduling;

import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which serve receives chat updates (Telegram long polling, Matrix sync) when several share one database: the
 * holder of this lease, exactly one at a time.
 *
 * <p>SQLite: one serve per file anyway ({@code storage.ServeLock}), so the lease is held at once. PostgreSQL: a
 * session advisory lock, taken on a connection of its own that stays open while it is held. PostgreSQL frees it
 * when that session ends: at once when the holder's process dies (kill -9 included: the kernel closes its
 * socket), within about {@link #KEEPALIVE_SECONDS} when its machine or network dies (TCP keepalive and user
 * timeout set on the session). Waiting instances try every {@link #RETRY}, so one takes over well within 30 s.
 * A holder whose lock connection breaks has lost the lease (the server may have freed it already) and is told
 * so at once.
 */
public final class ChatLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatLease.class);
  /** pg_try_advisory_lock key: "vpn-chat" in ASCII. Advisory locks are per database. */
  static final long KEY = 0x76706e2d63686174L;
  static final Duration RETRY = Duration.ofSeconds(2);
  static final int KEEPALIVE_SECONDS = 20;

  private final String url;
  private final Properties credentials;
  private final CountDownLatch closed = new CountDownLatch(1);
  private Connection connection;
  private Thread thread;

  private ChatLease(String url, Properties credentials) {
    this.url = url;
    this.credentials = credentials;
  }

  public static ChatLease of(Settings settings) {
    String url = settings.databaseUrl();
    if (!url.startsWith("jdbc:postgresql:")) {
      return new ChatLease(null, null);
    }
    Properties p = new Properties();
    if (!settings.get(ConfigKeys.DATABASE_USER).isBlank()) {
      p.setProperty("user", settings.get(ConfigKeys.DATABASE_USER));
    }
    if (!settings.get(ConfigKeys.DATABASE_PASSWORD).isBlank()) {
      p.setProperty("password", settings.get(ConfigKeys.DATABASE_PASSWORD));
    }
    p.setProperty("ApplicationName", "vpn-manager chat lease");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "15");
    p.setProperty("tcpKeepAlive", "true");
    return new ChatLease(url, p);
  }

  /** Whether other instances can exist (PostgreSQL); false: the lease is always held. */
  public boolean shared() {
    return url != null;
  }

  /**
   * Tries once now, in this thread, and calls {@code gained} here if that worked (so a failure to start the
   * transports stops serve as before); then keeps trying (or watching the held lease) on a thread of its own.
   * {@code lost} gets the reason when a held lease is lost. Callbacks run one at a time.
   */
  public synchronized void start(Runnable gained, Consumer<String> lost) {
    if (!shared()) {
      gained.run();
      return;
    }
    boolean held = tryAcquire();
    if (held) {
      gained.run();
    }
    thread = new Thread(() -> loop(held, gained, lost), "chat-lease");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop(boolean held, Runnable gained, Consumer<String> lost) {
    while (!await(RETRY)) {
      try {
        if (!held) {
          held = tryAcquire();
          if (held) {
            LOG.warn("this instance took the chat lease: it receives chat updates now");
            gained.run();
          }
        } else if (!stillHeld()) {
          held = false;
          lost.accept("lost the chat lease: the database connection that holds it broke");
          return;
        }
      } catch (RuntimeException e) {
        LOG.debug("chat lease", e);
        lost.accept("took the chat lease but could not start receiving: " + e.getMessage());
        return;
      }
    }
  }

  private synchronized boolean tryAcquire() {
    try {
      if (connection == null || !connection.isValid(5)) {
        closeConnection();
        connection = DriverManager.getConnection(url, credentials);
        try (Statement st = connection.createStatement()) {
          // notice a dead holder's machine or network in about KEEPALIVE_SECONDS instead of hours
          st.execute("set tcp_keepalives_idle = 5");
          st.execute("set tcp_keepalives_interval = 5");
          st.execute("set tcp_keepalives_count = 3");
          st.execute("set tcp_user_timeout = " + KEEPALIVE_SECONDS * 1000);
        } catch (SQLException e) {
          LOG.debug("chat lease: keepalive settings not taken: {}", e.getMessage());
        }
      }
      try (Statement st = connection.createStatement();
           ResultSet rs = st.executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      LOG.warn("chat lease: cannot reach the database: {}", e.getMessage());
      closeConnection();
      return false;
    }
  }

  private synchronized boolean stillHeld() {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("select count(*) from pg_locks where locktype = 'advisory'"
             + " and pid = pg_backend_pid() and granted")) {
      return rs.next() && rs.getInt(1) > 0;
    } catch (SQLException e) {
      closeConnection();
      return false;
    }
  }

  private boolean await(Duration d) {
    try {
      return closed.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private synchronized void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // gone already
      }
      connection = null;
    }
  }

  /**
   * Stops trying and watching, still holding the lease if this instance has it: call before stopping the
   * transports, then {@link #close()} once they stopped, so no other instance starts receiving before.
   */
  public void stopWatching() {
    closed.countDown();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Gives the lease up (closing its session frees the lock for the next instance at once). */
  @Override
  public void close() {
    stopWatching();
    closeConnection();
  }
}
