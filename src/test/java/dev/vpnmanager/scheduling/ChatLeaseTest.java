package dev.vpnmanager.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.config.Settings;
import dev.vpnmanager.testing.FreshPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One holder at a time; the next takes over when the holder leaves or its session is cut. */
class ChatLeaseTest {
  @TempDir Path dir;

  @Test
  void sqliteHoldsAtOnce() {
    ChatLease lease = ChatLease.of(Settings.of(Map.of("data-dir", dir.toString())));
    boolean[] gained = {false};
    lease.start(() -> gained[0] = true, reason -> { });
    assertTrue(gained[0]);
    assertFalse(lease.shared());
    lease.close();
  }

  @Test
  void oneHolderAndATakeoverWhenItsSessionEnds() throws Exception {
    String url = FreshPostgres.create();
    Settings settings = Settings.of(Map.of("data-dir", dir.toString(), "database.url", url));
    List<String> lost = new CopyOnWriteArrayList<>();
    CountDownLatch firstLost = new CountDownLatch(1);
    CountDownLatch secondGained = new CountDownLatch(1);
    CountDownLatch thirdGained = new CountDownLatch(1);
    ChatLease first = ChatLease.of(settings);
    ChatLease second = ChatLease.of(settings);
    ChatLease third = ChatLease.of(settings);
    try {
      boolean[] firstGained = {false};
      first.start(() -> firstGained[0] = true, r -> {
        lost.add(r);
        firstLost.countDown();
      });
      assertTrue(firstGained[0], "the first takes it at once");
      second.start(secondGained::countDown, lost::add);
      assertFalse(secondGained.await(5, TimeUnit.SECONDS), "never two holders");

      // the holder's session is cut (its machine gone, a database restart): it is told, the standby takes over
      try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory'"
               + " and objid = " + (int) ChatLease.KEY + " and granted")) {
        assertTrue(rs.next());
      }
      assertTrue(firstLost.await(10, TimeUnit.SECONDS), "the holder learns it lost the lease");
      assertTrue(lost.get(0).startsWith("lost the chat lease"), lost.toString());
      assertTrue(secondGained.await(10, TimeUnit.SECONDS), "the standby took over");

      // a holder that stops gives it up at once
      third.start(thirdGained::countDown, lost::add);
      second.close();
      assertTrue(thirdGained.await(5, TimeUnit.SECONDS), "the next took over after a clean stop");
      assertEquals(1, lost.size(), lost.toString());
    } finally {
      first.close();
      second.close();
      third.close();
    }
  }
}
