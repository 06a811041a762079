package dev.vpnmanager.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Button;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
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
    assertTrue(say(Platform.TELEGRAM, "42", "/install").allText().contains("usage: /install PROTOCOL [PORT]"));
    String stranger = say(Platform.TELEGRAM, "7", "/servers").allText();
    assertTrue(!stranger.contains("Servers") && !stranger.contains("No servers"), stranger);
    assertTrue(app.servers().list().isEmpty());
  }
}
