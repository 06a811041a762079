package dev.vpnmanager.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.ServeProcess;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code serve} whose backups directory is a 64 KiB tmpfs (as root; skipped otherwise, failed under
 * VPN_REQUIRE_PEERS=true): an admin's /backup gets one clear line about the full disk, no partial file stays, and
 * the database is untouched: integrity_check ok, the daemon goes on answering, the CLI goes on writing.
 */
class BackupDiskFullServeTest {
  @TempDir Path dir;

  @Test
  void aBackupOntoAFullDiskFromChatFailsClearlyAndTheDaemonAndDatabaseGoOn() throws Exception {
    Path data = dir.resolve("data");
    AppComponent app = TestApp.create(data);
    for (int i = 0; i < 400; i++) {
      app.users().add(Actor.cli(), new NewUser("user" + i, "vless", null, 0, null, null, "note " + "x".repeat(150)));
    }
    app.database().shutdown();
    Path backups = Files.createDirectories(data.resolve("backups"));
    boolean root = "root".equals(System.getProperty("user.name"));
    int rc = root ? new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs",
        backups.toString()).inheritIO().start().waitFor() : -1;
    if (rc != 0) {
      String why = "a tiny file system is needed: run as root (the test mounts a tmpfs)";
      if (Peers.required()) {
        org.junit.jupiter.api.Assertions.fail(why);
      }
      Assumptions.assumeTrue(false, why);
    }
    try (BotApiStandIn api = new BotApiStandIn(TelegramHarness.TOKEN);
         ServeProcess serve = new ServeProcess(data, dir, Map.of("VPN_TELEGRAM_TOKEN", TelegramHarness.TOKEN,
             "VPN_TELEGRAM_API_URL", api.url(), "VPN_ADMINS", "telegram:100"))) {
      serve.start();
      api.pushText(100, 100, "/backup", "en");
      ApiRequest answer = api.await("sendMessage", r -> r.chatId().equals("100") && r.text().contains("backup"),
          Duration.ofSeconds(60));
      assertTrue(answer.text().contains("full"), answer.text());
      assertEquals(1, answer.text().strip().lines().count(), "one line: " + answer.text());
      assertTrue(api.requests("sendDocument").isEmpty(), "no file was sent");
      try (Stream<Path> left = Files.list(backups)) {
        assertEquals(0, left.filter(p -> !p.getFileName().toString().startsWith(".")).count(),
            "nothing left on the full disk");
      }
      api.pushText(100, 100, "/help", "en");
      api.await("sendMessage", r -> r.chatId().equals("100") && r.text().contains("/users"), Duration.ofSeconds(30));
      Cli.Result add = ChildJvm.run(data, "", "users", "add", "after-full", "--protocol", "vless");
      assertEquals(0, add.code(), add.err());
    } finally {
      new ProcessBuilder("umount", backups.toString()).inheritIO().start().waitFor();
    }
    Path db;
    try (Stream<Path> files = Files.list(data)) {
      db = files.filter(p -> p.toString().endsWith(".db")).findFirst().orElseThrow();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         ResultSet rs = c.createStatement().executeQuery("pragma integrity_check")) {
      rs.next();
      assertEquals("ok", rs.getString(1));
    }
    AppComponent after = TestApp.create(data);
    assertEquals(401, after.userQueries().count());
    after.database().shutdown();
  }
}
