package dev.vpnmanager.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chart.Charts;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.testing.ChatDriver;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.Pictures;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.TrafficRows;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /stats, /user and /usage answer with charts: through the router, and /usage as a Telegram photo. */
class ChartsChatTest {
  static final int BARS = 0x3B82C4;
  static final int LIMIT = 0xC62828;
  @TempDir Path dir;

  private static List<Reply.Photo> photos(Reply r) {
    return r.parts().stream().filter(p -> p instanceof Reply.Photo).map(p -> (Reply.Photo) p).toList();
  }

  @Test
  void statsAndTheUserCardCarryCharts() {
    FakeClock clock = FakeClock.at("2026-03-10T12:00:00Z");
    AppComponent app = TestApp.create(dir, clock, Map.of());
    app.users().add(Actor.cli(), new NewUser("alice", "socks", null, 3_000_000_000L, null, null, null));
    app.users().add(Actor.cli(), new NewUser("bob", "http", null, 0, null, null, null));
    LocalDate today = LocalDate.of(2026, 3, 10);
    TrafficRows.add(app.database(), "alice", "socks-1", today, 1_200_000_000L);
    TrafficRows.add(app.database(), "alice", "socks-1", today.minusDays(3), 400_000_000L);
    TrafficRows.add(app.database(), "bob", "http-1", today.minusDays(1), 900_000_000L);
    TrafficRows.add(app.database(), "bob", "http-1", LocalDate.of(2026, 2, 27), 5_000_000_000L);
    ChatDriver owner = ChatDriver.owner(app.router());

    Reply stats = owner.say("/stats");
    String text = stats.allText();
    assertTrue(text.contains("Users: 2 — active 2, suspended 0, limited 0, expired 0"), text);
    assertTrue(text.contains("Top users since 1 Mar 2026:\n1. alice — 1.60 GB\n2. bob — 900.00 MB"), text);
    assertTrue(text.contains("http-1 — 5.90 GB") && text.contains("socks-1 — 1.60 GB"), text);
    assertEquals(1, photos(stats).size(), text);
    BufferedImage chart = Pictures.requireChart(photos(stats).get(0).png(), Charts.WIDTH, Charts.HEIGHT);
    assertTrue(Pictures.pixelsOf(chart, BARS) > 100, "bars drawn");

    Reply card = owner.say("/user alice");
    assertTrue(card.parts().get(0) instanceof Reply.Text t && t.keyboard() != null, "the card with its buttons");
    assertTrue(card.parts().get(1) instanceof Reply.Photo, "then the chart");
    BufferedImage alice = Pictures.requireChart(photos(card).get(0).png(), Charts.WIDTH, Charts.HEIGHT);
    assertTrue(Pictures.pixelsOf(alice, LIMIT) > 100, "alice has a limit: its line is drawn");
    assertTrue(photos(card).get(0).caption().contains("alice, last 30 days: 1.60 GB"), photos(card).get(0).caption());
    BufferedImage bob = Pictures.requireChart(photos(owner.say("/user bob")).get(0).png(), Charts.WIDTH,
        Charts.HEIGHT);
    assertEquals(0, Pictures.pixelsOf(bob, LIMIT), "bob is unlimited: no limit line");
    app.users().add(Actor.cli(), new NewUser("idle", "socks", null, 0, null, null, null));
    Reply idle = owner.say("/user idle");
    assertEquals(List.of(), photos(idle), "no traffic in 30 days: the card alone");

    Reply menu = owner.say("/menu");
    assertTrue(menu.allText().contains("Main menu"), menu.allText());
    Reply fromMenu = owner.press("Stats");
    assertEquals(1, photos(fromMenu).size(), "the menu's Stats button runs /stats");
    app.database().shutdown(false, false);
  }

  @Test
  void usageInTelegramSendsThePhoto() throws Exception {
    try (TelegramHarness h = new TelegramHarness(dir)) {
      h.app.users().add(Actor.cli(), new NewUser("carol", "vless", null, 10_000_000_000L, null, null, null));
      LocalDate today = LocalDate.ofInstant(h.clock.instant(), java.time.ZoneOffset.UTC);
      TrafficRows.add(h.app.database(), "carol", "vless-1", today, 2_500_000_000L);
      TrafficRows.add(h.app.database(), "carol", "vless-1", today.minusDays(5), 800_000_000L);
      Matcher m = Pattern.compile("\\?start=([A-Za-z0-9_-]+)").matcher(h.admin("/invite carol").text());
      assertTrue(m.find());
      h.say(200, 200, "/start " + m.group(1));
      h.api.await("sendPhoto", r -> r.chatId().equals("200"), TelegramHarness.WAIT);
      int before = (int) h.api.requests("sendPhoto").stream().filter(r -> r.chatId().equals("200")).count();

      ApiRequest usage = h.say(200, 200, "/usage");
      assertTrue(usage.text().contains("Used"), usage.text());
      ApiRequest photo = h.api.awaitCount("sendPhoto", r -> r.chatId().equals("200"), before + 1,
          TelegramHarness.WAIT).get(before);
      BufferedImage img = Pictures.requireChart(photo.files().get("photo"), Charts.WIDTH, Charts.HEIGHT);
      assertTrue(Pictures.pixelsOf(img, BARS) > 100 && Pictures.pixelsOf(img, LIMIT) > 100);
      assertTrue(photo.param("caption").contains("carol, last 30 days: 3.30 GB"), photo.param("caption"));
    }
  }
}
