package dev.vpnmanager.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.testing.FreshPostgres;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The button and subscription keys live in the database: instances starting at once agree on one key, an older
 * version's key file is imported once and never replaced, and nothing is written to the data dir.
 */
class SharedKeysTest {
  @TempDir Path dir;

  @Test
  void sqliteInstancesStartingAtOnceAgreeOnOneKey() throws Exception {
    allAgree(Map.of("database.url", "jdbc:sqlite:" + dir.resolve("shared.db")));
  }

  @Test
  void postgresInstancesStartingAtOnceAgreeOnOneKey() throws Exception {
    allAgree(Map.of("database.url", FreshPostgres.create()));
  }

  @Test
  void anOlderVersionsKeyFileIsImportedOnceAndNeverReplaced() throws Exception {
    byte[] old = new byte[32];
    new SecureRandom().nextBytes(old);
    Files.createDirectories(dir.resolve("data"));
    Files.write(dir.resolve("data/subscription.key"), old);
    AppComponent app = TestApp.create(dir.resolve("data"));
    SharedKeys keys = keys(app, dir.resolve("data"));
    assertArrayEquals(old, keys.get("subscription"), "the file's key is the database's now");
    assertEquals(Base64.getEncoder().encodeToString(old),
        new StateStore(new Tx(app.database())).get("secret-key:subscription").orElseThrow());

    // the file changes (or another instance has a different one): the database's key stays
    byte[] other = new byte[32];
    Arrays.fill(other, (byte) 7);
    Files.write(dir.resolve("data/subscription.key"), other);
    assertArrayEquals(old, keys(app, dir.resolve("data")).get("subscription"));
    Files.delete(dir.resolve("data/subscription.key"));
    assertArrayEquals(old, keys(app, dir.resolve("data")).get("subscription"), "the file is not needed any more");

    // a key of its own for the buttons, not written to the data dir
    byte[] callback = keys.get("callback");
    assertEquals(32, callback.length);
    assertFalse(Arrays.equals(old, callback));
    assertFalse(Files.exists(dir.resolve("data/callback.key")));
    assertArrayEquals(callback, keys(app, dir.resolve("data")).get("callback"));
    app.databaseHolder().closeIfOpen();
  }

  private void allAgree(Map<String, String> db) throws Exception {
    List<AppComponent> apps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      apps.add(TestApp.create(dir.resolve("i" + i), Clock.systemUTC(), db));
      apps.get(i).database();
    }
    ExecutorService pool = Executors.newFixedThreadPool(apps.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<byte[]>> got = new ArrayList<>();
      for (int i = 0; i < apps.size(); i++) {
        SharedKeys keys = keys(apps.get(i), dir.resolve("i" + i));
        got.add(pool.submit(() -> {
          go.await();
          return keys.get("callback");
        }));
      }
      go.countDown();
      byte[] first = got.get(0).get();
      for (Future<byte[]> f : got) {
        assertArrayEquals(first, f.get(), "every instance signs with the same key");
      }
      // the graph's subscription tokens: a link made by one instance is the link every other one makes
      apps.get(0).users().add(Actor.cli(), new NewUser("alice", "vless", null, 0, null, null, null));
      String link = apps.get(0).subscriptionTokens().tokenOf(apps.get(0).userQueries().require("alice"));
      for (AppComponent app : apps) {
        assertEquals(link, app.subscriptionTokens().tokenOf(app.userQueries().require("alice")));
        assertTrue(app.subscriptionTokens().resolve(link).isPresent());
      }
      for (int i = 0; i < apps.size(); i++) {
        assertFalse(Files.exists(dir.resolve("i" + i + "/callback.key")), "no key file in the data dir");
      }
    } finally {
      pool.shutdownNow();
      apps.forEach(a -> a.databaseHolder().closeIfOpen());
    }
  }

  private static SharedKeys keys(AppComponent app, Path dataDir) {
    return new SharedKeys(new StateStore(new Tx(app.database())), dataDir, new SecureRandom());
  }
}
