package dev.vpnmanager.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.testing.ChatDriver;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup carries the manager's keys: restored into a fresh data dir (a new machine), the old subscription link
 * answers 200 with the user's config and a button sent before the backup still works.
 */
class BackupKeysTest {
  static final Map<String, String> HTTP = Map.of("http.public-url", "https://vpn.example.test/",
      "vless.sni", "www.example.com", "vless.sni-check", "false");
  @TempDir Path dir;

  @Test
  void aBackupRestoredOnANewMachineKeepsSubscriptionLinksAndButtons() throws Exception {
    AppComponent old = TestApp.create(dir.resolve("old"), Clock.systemUTC(), HTTP);
    old.users().add(Actor.cli(), new NewUser("alice", "vless", null, 0, null, null, null));
    String url = old.subscriptionTokens().urlFor("alice");
    String token = url.substring(url.lastIndexOf('/') + 1);
    String link = old.configDelivery().configFor("alice").link();
    ChatDriver owner = ChatDriver.owner(old.router());
    owner.say("/user alice");
    String suspend = ChatDriver.find(owner.last(), "Suspend");
    Path backup = old.backups().create(dir.resolve("backup.db"));
    old.databaseHolder().closeIfOpen();
    assertFalse(Files.exists(dir.resolve("old/subscription.key")), "nothing to copy by hand");

    Path fresh = dir.resolve("new");
    Cli.Result restored = new Cli(fresh).run("backup", "restore", backup.toString());
    assertEquals(0, restored.code(), restored.err());
    AppComponent app = TestApp.create(fresh, Clock.systemUTC(), HTTP);
    app.webServer().start();
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(app.webServer().localUrl() + "/sub/" + token + "?format=links")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), "the old link answers on the new machine");
      assertEquals(link, r.body().strip());
      assertEquals(url, app.subscriptionTokens().urlFor("alice"), "and is the link shown there");

      Reply pressed = app.router().route(new ChatUpdate(Platform.CONSOLE, "console", "owner", "owner", null, null,
          suspend, "1", true));
      assertEquals("suspended", app.users().show("alice").status(), "the old button acted: " + pressed);
    } finally {
      app.webServer().close();
      app.databaseHolder().closeIfOpen();
    }
    assertTrue(Files.exists(fresh.resolve("vpn-manager.db")));
  }
}
