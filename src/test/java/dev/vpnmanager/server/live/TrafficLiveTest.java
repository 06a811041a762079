package dev.vpnmanager.server.live;

import dev.vpnmanager.chat.Admins;
import static dev.vpnmanager.server.live.LiveFixture.HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.domain.ChatBinding;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.enforce.EnforceQueries;
import dev.vpnmanager.enforce.Enforcer;
import dev.vpnmanager.notify.Alerts;
import dev.vpnmanager.notify.ChatNotifier;
import dev.vpnmanager.notify.RecordingTransport;
import dev.vpnmanager.storage.Tx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real bytes through a real VLESS tunnel, read back by the traffic collector from the core's StatsService: each
 * cycle counts what passed since the last one (none twice, a core restart in between included); a user over
 * quota is cut live by the enforcer and told so in the chat stand-in.
 */
class TrafficLiveTest {
  static final long OVERHEAD = 64 * 1024;
  @TempDir Path dir;
  LiveFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new LiveFixture(dir, Clock.systemUTC(), Map.of());
  }

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  private long used(String user) {
    return f.app.userQueries().require(user).getUsedBytes();
  }

  @Test
  void bytesPushedThroughTheTunnelAreCountedOnceAcrossCyclesAndARestart() throws Exception {
    String server = f.install("vless");
    f.user("alice", server, 0);
    int alice = f.vlessClient("alice");
    assertEquals(1_000_000, f.fetchVia(alice, "?bytes=1000000").length());
    f.app.trafficCollector().collect();
    long first = used("alice");
    assertTrue(first >= 1_000_000 && first < 1_000_000 + OVERHEAD, "counted " + first);

    f.app.trafficCollector().collect();
    assertEquals(first, used("alice"), "no traffic, nothing counted twice");
    f.fetchVia(alice, "?bytes=500000");
    f.app.trafficCollector().collect();
    long second = used("alice") - first;
    assertTrue(second >= 500_000 && second < 500_000 + OVERHEAD, "counted " + second);

    f.app.serverContainers().restart(Actor.cli(), server);
    f.fetchVia(alice, "?bytes=300000");
    f.app.trafficCollector().collect();
    long third = used("alice") - first - second;
    assertTrue(third >= 300_000 && third < 300_000 + OVERHEAD, "after the core restarted, counted " + third);
  }

  @Test
  void aUserOverQuotaIsCutLiveAndToldInTheChat() throws Exception {
    String server = f.install("vless");
    f.user("carol", server, 200_000);
    bind("carol");
    int carol = f.vlessClient("carol");
    f.fetchVia(carol, "?bytes=300000");
    f.app.trafficCollector().collect();

    RecordingTransport chat = new RecordingTransport(Platform.TELEGRAM);
    Tx tx = new Tx(f.app.database());
    var store = new dev.vpnmanager.chat.outbox.durable.OutboxStore(tx, Clock.systemUTC());
    Alerts alerts = new Alerts(tx, new ChatNotifier(() -> Set.of(chat), new Admins(f.app.settings()),
        f.app.chatBindings(), f.app.languages(), store, tx, f.app.dates()), Clock.systemUTC());
    var sender = new dev.vpnmanager.chat.outbox.durable.OutboxSender(tx, Clock.systemUTC(), () -> Set.of(chat),
        f.app.settings(), store, new java.security.SecureRandom());
    Enforcer enforcer = new Enforcer(f.app.userQueries(), new EnforceQueries(f.app.database()), f.app.users(),
        alerts, Clock.systemUTC());
    List<String> changed = enforcer.sweep();
    assertTrue(changed.stream().anyMatch(s -> s.contains("carol")), changed.toString());
    assertEquals("limited", f.app.users().show("carol").status());
    assertNotEquals(HELLO, f.fetchVia(carol, ""));
    sender.runOnce();
    assertTrue(chat.sent.stream().anyMatch(s -> s.to().equals("chat-carol")), "message to carol's chat");
  }

  private void bind(String user) {
    VpnUser u = f.app.userQueries().require(user);
    ChatBinding b = new ChatBinding();
    b.setPlatform("telegram");
    b.setChatId("chat-" + user);
    b.setUser(u);
    f.app.database().insert(b);
  }
}
