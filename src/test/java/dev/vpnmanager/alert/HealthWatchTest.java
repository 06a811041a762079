package dev.vpnmanager.alert;

import static dev.vpnmanager.alert.ServerHealth.State.RUNNING;
import static dev.vpnmanager.alert.ServerHealth.State.STOPPED;
import static dev.vpnmanager.alert.ServerHealth.State.UNHEALTHY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.enforce.JobsFixture;
import dev.vpnmanager.notify.RecordingTransport;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthWatchTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.at("2026-06-01T08:00:00Z");

  HealthWatch watch(JobsFixture f) {
    return new HealthWatch(Optional.empty(), new StateStore(new Tx(f.app.database())), f.alerts, clock,
        f.app.settings());
  }

  static ServerHealth h(ServerHealth.State s) {
    return new ServerHealth("vless-1", s, 5, 10);
  }

  static List<String> toAdmin(RecordingTransport t) {
    return t.sent.stream().filter(s -> s.toPerson() && s.to().equals("42")).map(s -> s.reply().allText()).toList();
  }

  @Test
  void oneMessagePerIncidentAndOneWhenItRecoversAlsoAcrossARestart() {
    JobsFixture f = new JobsFixture(dir, clock);
    HealthWatch w = watch(f);
    w.check(List.of(h(RUNNING)));
    assertEquals(List.of(), toAdmin(f.telegram));
    w.check(List.of(h(STOPPED)));
    clock.advance(Duration.ofSeconds(30));
    w.check(List.of(h(UNHEALTHY)));
    f.app.database().shutdown();

    JobsFixture g = new JobsFixture(dir, clock);
    HealthWatch w2 = watch(g);
    clock.advance(Duration.ofMinutes(10));
    w2.check(List.of(h(STOPPED)));
    w2.check(List.of(h(RUNNING)));
    w2.check(List.of(h(RUNNING)));
    List<String> sent = new java.util.ArrayList<>(toAdmin(f.telegram));
    sent.addAll(toAdmin(g.telegram));
    assertEquals(2, sent.size(), sent.toString());
    assertTrue(sent.get(0).contains("vless-1 is down") && sent.get(0).contains("stopped"), sent.get(0));
    assertTrue(sent.get(1).contains("back up after about 10 min"), sent.get(1));

    w2.check(List.of(h(STOPPED)));
    assertEquals(2, toAdmin(g.telegram).size(), "a new incident is a new message");
  }

  @Test
  void cpuAlertOnlyWhenItStaysHighForTheSustainedTime() {
    JobsFixture f = new JobsFixture(dir, clock);
    HealthWatch w = watch(f);
    w.check(List.of(new ServerHealth("ss-1", RUNNING, 95, 10)));
    clock.advance(Duration.ofMinutes(4));
    w.check(List.of(new ServerHealth("ss-1", RUNNING, 97, 10)));
    clock.advance(Duration.ofMinutes(1));
    w.check(List.of(new ServerHealth("ss-1", RUNNING, 50, 10)));
    assertEquals(List.of(), toAdmin(f.telegram), "dipped below before 5 minutes");
    w.check(List.of(new ServerHealth("ss-1", RUNNING, 91, 10)));
    clock.advance(Duration.ofMinutes(5));
    w.check(List.of(new ServerHealth("ss-1", RUNNING, 92, 10)));
    clock.advance(Duration.ofMinutes(5));
    w.check(List.of(new ServerHealth("ss-1", RUNNING, 99, 10)));
    List<String> sent = toAdmin(f.telegram);
    assertEquals(1, sent.size(), sent.toString());
    assertTrue(sent.get(0).contains("CPU at 92% (threshold 90%) for 5 min"), sent.get(0));
  }

  @Test
  void eachAdminGetsAlertsInTheLanguageTheirPrivateChatChose() {
    JobsFixture f = new JobsFixture(dir, clock);
    watch(f).check(List.of(h(STOPPED)));
    f.app.languages().set(dev.vpnmanager.chat.Platform.TELEGRAM, "42", "fa");
    clock.advance(Duration.ofMinutes(3));
    watch(f).check(List.of(h(RUNNING)));
    List<String> sent = toAdmin(f.telegram);
    assertEquals(2, sent.size(), sent.toString());
    assertTrue(sent.get(0).contains("Server vless-1 is down"), "no choice yet: English; " + sent.get(0));
    assertTrue(sent.get(1).contains("سرور \u2068vless-1\u2069"), "after /lang fa in the admin's chat: " + sent.get(1));
  }

  @Test
  void adminsOnPlatformsWithoutATransportAreSkipped() {
    JobsFixture f = new JobsFixture(dir, clock);
    watch(f).check(List.of(h(STOPPED)));
    assertEquals(1, f.telegram.sent.size(), "matrix admin has no transport here; telegram admin got it");
    assertEquals(0, f.alerts.flushPending(), "and the alert counts as sent");
  }
}
