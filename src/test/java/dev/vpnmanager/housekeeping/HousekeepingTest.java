package dev.vpnmanager.housekeeping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.domain.InviteToken;
import dev.vpnmanager.domain.StateEntry;
import dev.vpnmanager.domain.UsedNonce;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spent nonces, old invites and stale drafts go; what still guards something stays. */
class HousekeepingTest {
  @TempDir Path dir;

  private static UsedNonce nonce(String n, Instant at) {
    UsedNonce u = new UsedNonce();
    u.setNonce(n);
    u.setUsedAt(at);
    return u;
  }

  @Test
  void prunesOnlyWhatNoLongerGuardsAnything() {
    Instant now = Instant.now();
    FakeClock clock = new FakeClock(now);
    AppComponent app = TestApp.create(dir.resolve("data"), clock, Map.of());
    app.users().add(Actor.cli(), NewUser.of("dave", "vless"));
    var db = app.database();
    db.insert(nonce("old", now.minus(Duration.ofDays(9))));
    db.insert(nonce("fresh", now.minus(Duration.ofDays(2))));

    clock.set(now.minus(Duration.ofDays(30)));
    app.invites().create(Actor.cli(), "dave");
    clock.set(now);
    app.invites().create(Actor.cli(), "dave");

    String draft = app.broadcasts().draft("hello");
    clock.set(now.plus(Duration.ofDays(2)));
    Housekeeping.Pruned p = app.housekeeping().prune();

    assertEquals(new Housekeeping.Pruned(1, 1, 1), p, "the 9-day-old nonce, the month-old invite, the draft");
    assertEquals(1, db.find(UsedNonce.class).findCount());
    assertEquals("fresh", db.find(UsedNonce.class).findOne().getNonce());
    assertEquals(1, db.find(InviteToken.class).findCount(), "the live invite stays");
    assertEquals(0, db.find(StateEntry.class).where().startsWith("key", "broadcast:" + draft).findCount());
    assertEquals(new Housekeeping.Pruned(0, 0, 0), app.housekeeping().prune(), "nothing twice");
  }
}
