package dev.vpnmanager.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Button;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.testing.ChatDriver;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /servers without a Docker engine: the servers of the database, their state unknown, instead of an error. */
class ServersWithoutEngineTest {
  @TempDir Path dir;

  @Test
  void serversAreListedWithStateUnknown() {
    AppComponent app = TestApp.create(dir, Clock.systemUTC(),
        Map.of("docker.host", "unix:///nonexistent/docker.sock"));
    try {
      app.users().add(Actor.cli(), new NewUser("bob", "socks", null, 0, null, null, null));
      app.users().add(Actor.cli(), new NewUser("carl", "http", null, 0, null, null, null));
      Reply r = ChatDriver.owner(app.router()).say("/servers");
      Reply.Text t = (Reply.Text) r.parts().get(0);
      assertTrue(t.text().startsWith("Servers: 2\n❔ state unknown: Docker engine at unix:///nonexistent/docker.sock"
          + " is not reachable"), t.text());
      List<String> labels = t.keyboard().buttons().stream().map(Button::label).toList();
      assertEquals(2, labels.size(), labels.toString());
      assertTrue(labels.get(0).matches("❔ http-1 · http :\\d+"), labels.toString());
      assertTrue(labels.get(1).matches("❔ socks-1 · socks :\\d+"), labels.toString());
    } finally {
      app.database().shutdown(false, false);
    }
  }
}
