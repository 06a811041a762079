package dev.vpnmanager.user.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.testing.ChatDriver;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing from chat: /edit, the card's ✏️ buttons with their conversation step, and unlimited users. */
class EditChatTest {
  @TempDir Path dir;
  AppComponent app;
  ChatDriver chat;

  @BeforeEach
  void setUp() {
    app = TestApp.create(dir, FakeClock.at("2026-12-01T10:00:00Z"), Map.of());
    app.users().add(Actor.cli(), new NewUser("alice", "vless", null, 5_000_000_000L,
        Instant.parse("2026-12-30T00:00:00Z"), null, null));
    app.users().add(Actor.cli(), NewUser.of("bob", "vless"));
    chat = ChatDriver.owner(app.router());
  }

  @Test
  void slashEditChangesOneFieldAndShowsTheCard() {
    Reply r = chat.say("/edit alice note pays in cash, room 12");
    assertTrue(r.allText().contains("✅ alice: note changed."), r.allText());
    assertTrue(r.allText().contains("Note: pays in cash, room 12"), r.allText());
    assertTrue(chat.say("/edit alice reset monthly:15").allText().contains("Quota resets: monthly on day 15"));
    UserRecord a = app.users().show("alice");
    assertEquals("monthly:15", a.resetStrategy());
    assertTrue(chat.say("/edit alice limit 0").allText().contains("(unlimited)"));
    assertEquals(0, app.users().show("alice").limitBytes());
    assertTrue(chat.say("/edit alice expires never").allText().contains("Expires: never"));
    assertNull(app.users().show("alice").expiresAt());
  }

  @Test
  void badValuesAreOneLineAndChangeNothing() {
    String before = app.users().show("alice").toString();
    assertTrue(chat.say("/edit alice limit lots").allText().startsWith("⚠️"));
    assertTrue(chat.say("/edit alice colour red").allText().contains("unknown field 'colour'"));
    assertTrue(chat.say("/edit alice reset hourly").allText().contains("unknown reset strategy"));
    assertTrue(chat.say("/edit alice expires 2020-01-01").allText().contains("in the past"));
    assertTrue(chat.say("/edit alice").allText().contains("usage: /edit NAME FIELD TEXT"));
    assertEquals(before, app.users().show("alice").toString());
  }

  @Test
  void cardButtonAsksForTheValueShowsTheStepAndTakesTheAnswer() {
    chat.say("/user alice");
    assertTrue(chat.last().allText().contains("Expires: 29 Dec 2026 (in 29 days)"), chat.last().allText());
    Reply menu = chat.press("Edit");
    assertTrue(menu.allText().contains("Edit alice: choose a field"), menu.allText());
    Reply ask = chat.press("limit");
    assertTrue(ask.allText().contains("✏️ Editing alice › limit"), ask.allText());
    assertTrue(ask.allText().contains("0 for unlimited"), ask.allText());
    Reply bad = chat.say("a lot");
    assertTrue(bad.allText().startsWith("⚠️"), bad.allText());
    assertTrue(bad.allText().contains("Send the limit again"), bad.allText());
    Reply done = chat.say("20GB");
    assertTrue(done.allText().contains("✅ alice: limit changed."), done.allText());
    assertEquals(20_000_000_000L, app.users().show("alice").limitBytes());
    // the step is over: a plain word is a command again
    assertTrue(chat.say("30GB").allText().contains("Unknown command"));
    assertEquals(20_000_000_000L, app.users().show("alice").limitBytes());
  }

  @Test
  void cancelEndsTheStep() {
    chat.say("/user alice");
    chat.press("Edit");
    chat.press("note");
    assertTrue(chat.say("/cancel").allText().contains("Cancelled"));
    assertTrue(chat.say("hello").allText().contains("Unknown command"));
    assertNull(app.users().show("alice").note());
  }

  @Test
  void unlimitedAndNeverExpiringUsersGetSetButtonsThatAskInsteadOfAdding() {
    Reply card = chat.say("/user bob");
    assertTrue(card.allText().contains("(unlimited)"));
    Reply ask = chat.press("Set limit");
    assertTrue(ask.allText().contains("Editing bob › limit"), ask.allText());
    chat.say("10GB");
    assertEquals(10_000_000_000L, app.users().show("bob").limitBytes());
    chat.say("/user bob");
    chat.press("Set expiry");
    chat.say("30d");
    assertEquals(Instant.parse("2026-12-31T10:00:00Z"), app.users().show("bob").expiresAt());
    chat.say("/user bob");
    chat.press("10 GB");
    assertEquals(20_000_000_000L, app.users().show("bob").limitBytes());
  }

  @Test
  void renewOfANeverExpiringUserSaysWhyNothingHappened() {
    Reply r = chat.say("/renew bob 30");
    assertTrue(r.allText().contains("nothing to renew: user 'bob' never expires"), r.allText());
  }
}
