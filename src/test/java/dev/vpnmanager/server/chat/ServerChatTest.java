package dev.vpnmanager.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Button;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.server.runtime.ServerContainers;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /servers, /server NAME and its buttons, /install, through the real router and a real engine. */
class ServerChatTest {
  @TempDir Path dir;
  private AppComponent app;

  @BeforeEach
  void setUp() {
    DockerPeer.runtime();
    app = TestApp.create(dir, Clock.systemUTC(), Map.of("admins", "telegram:42"));
  }

  private Reply say(Platform p, String user, String text) {
    return app.router().route(ChatUpdate.text(p, "chat-" + user, user, text));
  }

  private Reply press(Button b) {
    return app.router().route(ChatUpdate.button(Platform.TELEGRAM, "chat-42", "42", b.data(), "m1"));
  }

  private static Reply.Text text(Reply r) {
    return r.parts().stream().filter(Reply.Text.class::isInstance).map(Reply.Text.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no text in " + r));
  }

  @Test
  void listCardAndButtons() {
    assertTrue(say(Platform.TELEGRAM, "42", "/servers").allText().contains("No servers yet"));
    app.users().add(Actor.cli(), NewUser.of("bob", "vless"));

    Reply.Text list = text(say(Platform.TELEGRAM, "42", "/servers"));
    assertTrue(list.text().contains("Servers: 1"), list.text());
    Button open = list.keyboard().buttons().get(0);
    assertTrue(open.label().contains("vless-1"), open.label());

    Reply.Text card = text(press(open));
    assertTrue(card.text().contains("Server vless-1") && card.text().contains("state: not deployed"), card.text());
    assertEquals(6, card.keyboard().buttons().size());
    Button logs = card.keyboard().buttons().stream().filter(b -> b.label().contains("Logs")).findFirst().orElseThrow();
    assertTrue(press(logs).allText().contains("has no container"));
    Button stop = card.keyboard().buttons().stream().filter(b -> b.label().contains("Stop")).findFirst().orElseThrow();
    Reply.Text ask = text(press(stop));
    assertTrue(ask.text().contains("Stop server vless-1?"), "stopping asks first: " + ask.text());
    Button yes = ask.keyboard().buttons().get(0);
    assertTrue(yes.label().contains("Yes"), yes.label());
    String done = press(yes).allText();
    assertTrue(!done.contains("Stop server vless-1?"), done);
    assertTrue(press(yes).allText().contains("already used"), "the confirmation acts once");
    assertTrue(say(Platform.TELEGRAM, "42", "/server vless-1").allText().contains("address: vpn.example.test:"));
  }

  @Test
  void badInputAndStrangersAreRefused() {
    assertTrue(say(Platform.TELEGRAM, "42", "/server nope").allText().contains("no server named 'nope'"));
    assertTrue(say(Platform.TELEGRAM, "42", "/install vless 70000").allText().contains("port must be from 1 to 65535"));
    assertTrue(say(Platform.TELEGRAM, "42", "/install").allText().contains(
        "usage: /install PROTOCOL [PORT] [core=CORE]"));
    String stranger = say(Platform.TELEGRAM, "7", "/servers").allText();
    assertTrue(!stranger.contains("Servers") && !stranger.contains("No servers"), stranger);
    assertTrue(app.servers().list().isEmpty());
  }

  /**
   * core= is the CLI's --core: the service decides which cores a protocol allows, before any side effect, and the
   * chat gets one line in its language; nothing is defined, pulled or started.
   */
  @Test
  void aCoreTheProtocolDoesNotAllowIsRefusedInOneLineAndNothingInstalled() {
    var rt = DockerPeer.runtime();
    int containers = rt.listManaged().size();
    int audits = app.database().find(AuditEntry.class).findCount();
    assertEquals("⚠️ shadowsocks servers cannot run on the core 'libev'. Choose one of: ss-libev, v2ray, xray.",
        say(Platform.TELEGRAM, "42", "/install shadowsocks core=libev").allText());
    assertEquals("⚠️ vless servers cannot run on the core 'ss-libev'. Choose one of: xray, v2ray.",
        say(Platform.TELEGRAM, "42", "/install vless 8443 core=ss-libev").allText());
    assertEquals("⚠️ wireguard servers have a single core: leave core= out.",
        say(Platform.TELEGRAM, "42", "/install wireguard core=xray").allText());
    assertEquals("⚠️ 'xray' is neither a port nor core=CORE. Usage: /install PROTOCOL [PORT] [core=CORE], for "
        + "example /install shadowsocks core=xray", say(Platform.TELEGRAM, "42", "/install shadowsocks xray").allText());
    assertTrue(say(Platform.TELEGRAM, "42", "/install shadowsocks core=xray 8388").allText()
        .startsWith("⚠️ '8388' is neither a port nor core=CORE."), "the port comes before core=");
    String ru = app.router().route(ChatUpdate.text(Platform.TELEGRAM, "chat-42", "42", "/install shadowsocks core=v3")
        .withLanguage("ru")).allText();
    assertEquals("⚠️ Серверы shadowsocks не работают на ядре «v3». Выберите одно из: ss-libev, v2ray, xray.", ru);
    assertTrue(app.servers().list().isEmpty());
    assertEquals(audits, app.database().find(AuditEntry.class).findCount());
    assertEquals(containers, rt.listManaged().size());
  }

  /** /install shadowsocks PORT core=xray runs the Xray image, as servers install shadowsocks --core xray does. */
  @Test
  void anAllowedCoreIsInstalled() throws Exception {
    var rt = DockerPeer.runtime();
    String image = DockerPeer.requireImage(rt, DockerPeer.XRAY);
    AppComponent withImage = TestApp.create(dir.resolve("core"), Clock.systemUTC(), Map.of("admins", "telegram:42",
        "images.shadowsocks-xray", image, "firewall.mode", "off"));
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try {
      Reply r = withImage.router().route(ChatUpdate.text(Platform.TELEGRAM, "chat-42", "42",
          "/install Shadowsocks " + port + " Core=Xray"));
      assertTrue(r.allText().contains("Server shadowsocks-1") && r.allText().contains("Installed"), r.allText());
      VpnServer s = withImage.servers().require("shadowsocks-1");
      assertEquals("xray", ServerContainers.core(s));
      assertEquals(port, s.getPort());
      assertTrue(withImage.serverStatuses().status("shadowsocks-1").container().map(c -> c.running())
          .orElse(false), "the container runs");
    } finally {
      if (withImage.servers().list().stream().anyMatch(v -> v.getName().equals("shadowsocks-1"))) {
        withImage.serverContainers().remove(Actor.cli(), "shadowsocks-1");
      }
      withImage.database().shutdown(false, false);
    }
  }
}
