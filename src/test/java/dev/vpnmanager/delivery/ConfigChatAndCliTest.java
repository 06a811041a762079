package dev.vpnmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.Main;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.domain.ChatBinding;
import dev.vpnmanager.protocol.Exec;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigChatAndCliTest {
  @Test
  void adminGetsAQrPhotoWithTheLinkAndAConfFileForWireguard(@TempDir Path dir) {
    AppComponent app = TestApp.create(dir, Clock.systemUTC(), Map.of("admins", "telegram:1",
        "http.public-url", "https://vpn.example.test"));
    app.users().add(Actor.cli(), new NewUser("alice", "vless", null, 0, null, null, null));
    app.users().add(Actor.cli(), new NewUser("wgbob", "wireguard", null, 0, null, null, null));
    Reply vless = app.router().route(ChatUpdate.text(Platform.TELEGRAM, "1", "1", "/config alice"));
    Reply.Photo photo = assertInstanceOf(Reply.Photo.class, vless.parts().get(1));
    assertEquals(app.configDelivery().configFor("alice").link(), photo.caption());
    assertTrue(photo.codeCaption());
    assertEquals(3, vless.parts().size());
    assertTrue(vless.parts().get(2) instanceof Reply.Text t && t.text().contains(app.subscriptionTokens()
        .urlFor("alice")), "the subscription link follows the config");
    Reply wg = app.router().route(ChatUpdate.text(Platform.TELEGRAM, "1", "1", "/config wgbob"));
    Reply.Document doc = assertInstanceOf(Reply.Document.class, wg.parts().get(2));
    assertEquals("wgbob.conf", doc.fileName());
    assertArrayEquals(app.configDelivery().configFor("wgbob").file(), doc.content());
    Reply stranger = app.router().route(ChatUpdate.text(Platform.TELEGRAM, "9", "9", "/config alice"));
    assertTrue(stranger.parts().stream().noneMatch(p -> p instanceof Reply.Photo));
    Reply missing = app.router().route(ChatUpdate.text(Platform.TELEGRAM, "1", "1", "/config nobody"));
    assertEquals("⚠️ no user named 'nobody'", missing.allText());
  }

  @Test
  void aBoundChatGetsItsOwnConfig(@TempDir Path dir) {
    AppComponent app = TestApp.create(dir);
    app.users().add(Actor.cli(), new NewUser("carol", "shadowsocks", null, 0, null, null, null));
    ChatBinding b = new ChatBinding();
    b.setPlatform(Platform.MATRIX.code());
    b.setChatId("!room:example.org");
    b.setUser(app.userQueries().require("carol"));
    app.database().insert(b);
    Reply r = app.router().route(ChatUpdate.text(Platform.MATRIX, "!room:example.org", "@carol:example.org",
        "!vpn myconfig").withPrivateChat(true));
    Reply.Photo photo = assertInstanceOf(Reply.Photo.class, r.parts().get(1));
    assertEquals(app.configDelivery().configFor("carol").link(), photo.caption());
    Reply other = app.router().route(ChatUpdate.text(Platform.MATRIX, "!other:example.org", "@x:example.org",
        "!vpn myconfig").withPrivateChat(true));
    assertTrue(other.parts().stream().noneMatch(p -> p instanceof Reply.Photo));
  }

  @Test
  void usersConfigPrintsEveryFormatAndTheQrFileDecodesToTheLink(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("VPN_DATA_DIR", dir.resolve("data").toString(), "VPN_PUBLIC_HOST", "vpn.example.org");
    assertEquals(0, cli(env, "users", "add", "dave", "--protocol", "wireguard").exit());
    Run link = cli(env, "users", "config", "dave");
    assertEquals(0, link.exit());
    assertTrue(link.out().startsWith("[Interface]\nPrivateKey = "), link.out());
    Run conf = cli(env, "users", "config", "dave", "--format", "conf");
    assertEquals(link.out(), conf.out());
    Run json = cli(env, "users", "config", "dave", "--format", "json");
    assertTrue(json.out().contains("\"fileName\" : \"dave.conf\""), json.out());
    Path png = dir.resolve("dave.png");
    assertEquals(0, cli(env, "users", "config", "dave", "--format", "qr", "--out", png.toString()).exit());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(png)));
    Path zbarimg = Peers.binary("zbarimg", "zbar-tools");
    String decoded = Exec.stdout(zbarimg, "--raw", "-q", png.toString()).out();
    assertEquals(link.out() + "\n", decoded, "zbarimg ends its output with a newline");

    Run unknown = cli(env, "users", "config", "nobody");
    assertEquals(2, unknown.exit());
    assertEquals("error: no user named 'nobody'\n", unknown.err());
    assertEquals(2, cli(env, "users", "config", "dave", "--format", "pdf").exit());
    assertEquals(2, cli(env, "servers", "rotate-keys", "nope-1").exit());
    Run list = cli(env, "servers", "list", "--format", "plain");
    assertEquals("wireguard-1\twireguard\tvpn.example.org\t51820\tnot deployed\tlocal\n", list.out());
    assertEquals(0, cli(env, "servers", "rotate-keys", "wireguard-1").exit());
    assertTrue(!link.out().equals(cli(env, "users", "config", "dave").out()));
  }

  record Run(int exit, String out, String err) {}

  static Run cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, env, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
