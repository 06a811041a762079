package dev.vpnmanager.alert;

import static dev.vpnmanager.alert.ServerHealth.State.RUNNING;
import static dev.vpnmanager.alert.ServerHealth.State.STOPPED;
import static dev.vpnmanager.alert.ServerHealth.State.UNHEALTHY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.enforce.JobsFixture;
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
    return watch(f, Optional.empty());
  }

  HealthWatch watch(JobsFixture f, Optional<ServerHealthSource> source) {
    return new HealthWatch(source, new StateStore(new Tx(f.app.database())), f.alerts, clock, f.app.settings());
  }

  /** Three checks in a row (alerts.down-after, default 3) with the same answer. */
  static void thrice(HealthWatch w, ServerHealth.State s) {
    for (int i = 0; i < 3; i++) {
      w.check(List.of(h(s)));
    }
  }

  static ServerHealth h(ServerHealth.State s) {
    return new ServerHealth("vless-1", s, 5, 10);
  }

  static List<String> toAdmin(JobsFixture f) {
    return f.sent().stream().filter(s -> s.toPerson() && s.to().equals("42")).map(s -> s.reply().allText()).toList();
  }

  @Test
  void oneMessagePerIncidentAndOneWhenItRecoversAlsoAcrossARestart() {
    JobsFixture f = new JobsFixture(dir, clock);
    HealthWatch w = watch(f);
    w.check(List.of(h(RUNNING)));
    assertEquals(List.of(), toAdmin(f));
    thrice(w, STOPPED);
    clock.advance(Duration.ofSeconds(30));
    w.check(List.of(h(UNHEALTHY)));
    List<String> sent = new java.util.ArrayList<>(toAdmin(f));
    f.app.database().shutdown();

    JobsFixture g = new JobsFixture(dir, clock);
    HealthWatch w2 = watch(g);
    clock.advance(Duration.ofMinutes(10));
    w2.check(List.of(h(STOPPED)));
    w2.check(List.of(h(RUNNING)));
    w2.check(List.of(h(RUNNING)));
    sent.addAll(toAdmin(g));
    assertEquals(2, sent.size(), sent.toString());
    assertTrue(sent.get(0).contains("vless-1 is down") && sent.get(0).contains("stopped"), sent.get(0));
    assertTrue(sent.get(1).contains("back up after about 10 min"), sent.get(1));

    thrice(w2, STOPPED);
    assertEquals(2, toAdmin(g).size(), "a new incident is a new message");
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
    assertEquals(List.of(), toAdmin(f), "dipped below before 5 minutes");
    w.check(List.of(new ServerHealth("ss-1", RUNNING, 91, 10)));
    clock.advance(Duration.ofMinutes(5));
    w.check(List.of(new ServerHealth("ss-1", RUNNING, 92, 10)));
    clock.advance(Duration.ofMinutes(5));
    w.check(List.of(new ServerHealth("ss-1", RUNNING, 99, 10)));
    List<String> sent = toAdmin(f);
    assertEquals(1, sent.size(), sent.toString());
    assertTrue(sent.get(0).contains("CPU at 92% (threshold 90%) for 5 min"), sent.get(0));
  }

  @Test
  void eachAdminGetsAlertsInTheLanguageTheirPrivateChatChose() {
    JobsFixture f = new JobsFixture(dir, clock);
    HealthWatch w = watch(f);
    thrice(w, STOPPED);
    f.app.languages().set(dev.vpnmanager.chat.Platform.TELEGRAM, "42", "fa");
    clock.advance(Duration.ofMinutes(3));
    w.check(List.of(h(RUNNING)));
    List<String> sent = toAdmin(f);
    assertEquals(2, sent.size(), sent.toString());
    assertTrue(sent.get(0).contains("Server vless-1 is down"), "no choice yet: English; " + sent.get(0));
    assertTrue(sent.get(1).contains("سرور \u2068vless-1\u2069"), "after /lang fa in the admin's chat: " + sent.get(1));
  }

  @Test
  void adminsOnPlatformsWithoutATransportAreSkipped() {
    JobsFixture f = new JobsFixture(dir, clock);
    thrice(watch(f), STOPPED);
    assertEquals(1, f.sent().size(), "matrix admin has no transport here; telegram admin got it");
    assertTrue(f.alerts.wasRaised("server-down:vless-1:2026-06-01T08:00:00Z"));
    assertEquals(0, f.store.counts().pending(), "and nothing waits for the matrix admin");
  }

  @Test
  void oneFailedCheckOrAFlapAlertsNoOneAndTheThirdFailureInARowDoes() {
    JobsFixture f = new JobsFixture(dir, clock);
    HealthWatch w = watch(f);
    w.check(List.of(h(STOPPED)));
    w.check(List.of(h(RUNNING)));
    w.check(List.of(h(STOPPED)));
    w.check(List.of(h(STOPPED)));
    w.check(List.of(h(RUNNING)));
    assertEquals(List.of(), toAdmin(f), "a flap is no incident");
    w.check(List.of(h(STOPPED)));
    clock.advance(Duration.ofMinutes(1));
    w.check(List.of(h(STOPPED)));
    assertEquals(List.of(), toAdmin(f), "two failures are not yet three");
    clock.advance(Duration.ofMinutes(1));
    w.check(List.of(h(STOPPED)));
    List<String> sent = toAdmin(f);
    assertEquals(1, sent.size(), sent.toString());
    assertTrue(sent.get(0).contains("vless-1 is down"), sent.get(0));
    clock.advance(Duration.ofMinutes(3));
    w.check(List.of(h(RUNNING)));
    sent = toAdmin(f);
    assertEquals(2, sent.size(), sent.toString());
    assertTrue(sent.get(1).contains("back up after about 5 min"), "counted from the first failure: " + sent.get(1));
  }

  @Test
  void anUnreachableDockerEngineIsAnAlertOfItsOwnNotAnExceptionInTheJob() {
    JobsFixture f = new JobsFixture(dir, clock);
    boolean[] engineDown = {true};
    HealthWatch w = watch(f, Optional.of(() -> {
      if (engineDown[0]) {
        throw new dev.vpnmanager.common.OperationFailedException("cannot reach Docker at unix:///var/run/docker.sock");
      }
      return List.of(h(RUNNING));
    }));
    w.check();
    w.check();
    assertEquals(List.of(), toAdmin(f));
    w.check();
    w.check();
    List<String> sent = toAdmin(f);
    assertEquals(1, sent.size(), sent.toString());
    assertTrue(sent.get(0).contains("Docker engine cannot be reached") && sent.get(0).contains("docker.sock"),
        sent.get(0));
    engineDown[0] = false;
    clock.advance(Duration.ofMinutes(2));
    w.check();
    sent = toAdmin(f);
    assertEquals(2, sent.size(), sent.toString());
    assertTrue(sent.get(1).contains("answers again"), sent.get(1));
  }
}
