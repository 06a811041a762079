package dev.vpnmanager.http.sub;

import static dev.vpnmanager.http.HttpClientSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user page in a real browser (headless Chromium): it renders, the QR code in the screenshot decodes
 * (zbarimg) to the subscription link, the buttons carry each app's deep link, en/ru by Accept-Language.
 */
class UserPageBrowserTest {
  @TempDir Path dir;
  AppComponent app;
  String base;

  @BeforeEach
  void start() {
    app = TestApp.create(dir, FakeClock.at("2026-01-01T00:00:00Z"), Map.of("http.public-url",
        "https://vpn.example.test", "vless.sni", "www.example.com", "vless.sni-check", "false"));
    app.webServer().start();
    base = app.webServer().localUrl();
    app.users().add(Actor.cli(), new NewUser("alice", "vless", null, 10_000_000_000L,
        Instant.parse("2026-01-31T00:00:00Z"), null, null));
    app.users().add(Actor.cli(), new NewUser("bob", "shadowsocks", null, 0, null, null, null));
  }

  @AfterEach
  void stop() {
    app.webServer().close();
    app.database().shutdown(false, false);
  }

  private String token(String name) {
    String url = app.subscriptionTokens().urlFor(name);
    return url.substring(url.lastIndexOf('/') + 1);
  }

  @Test
  void thePageCarriesStatusUsageDaysButtonsAndNoScriptOrOutsideResource() {
    String t = token("alice");
    String subUrl = "https://vpn.example.test/sub/" + t;
    HttpResponse<String> r = get(base + "/sub/" + t, "Accept", "text/html,application/xhtml+xml",
        "Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
    assertEquals(200, r.statusCode());
    String html = r.body();
    assertTrue(html.contains("<html lang=\"en\">"));
    assertTrue(html.contains("Active"));
    assertTrue(html.contains("Used 0 B of 10 GB") || html.contains("of 10"), html);
    assertTrue(html.contains("Days left: 30"), html);
    assertFalse(html.toLowerCase().contains("<script"));
    assertFalse(Pattern.compile("(src|href)=\"https?://").matcher(html).find(), "nothing loaded from outside");
    Map<String, String> buttons = buttons(html);
    String enc = URLEncoder.encode(subUrl, StandardCharsets.UTF_8);
    assertEquals("v2rayng://install-config?url=" + enc + "#alice", buttons.get("v2rayng"));
    assertEquals("hiddify://import/" + subUrl + "?format=singbox#alice", buttons.get("hiddify"));
    assertEquals("sing-box://import-remote-profile?url=" + URLEncoder.encode(subUrl + "?format=singbox",
        StandardCharsets.UTF_8) + "#alice", buttons.get("sing-box"));
    assertEquals("clash://install-config?url=" + URLEncoder.encode(subUrl + "?format=clash", StandardCharsets.UTF_8)
        + "&name=alice", buttons.get("clash"));
    assertEquals("streisand://import/" + subUrl + "#alice", buttons.get("streisand"));
    assertFalse(buttons.containsKey("outline"), "Outline only for Shadowsocks");
    String bob = get(base + "/sub/" + token("bob"), "Accept", "text/html").body();
    assertEquals("ssconf://vpn.example.test/sub/" + token("bob") + "?format=outline#bob", buttons(bob).get("outline"));
    String ru = get(base + "/sub/" + t, "Accept", "text/html", "Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8").body();
    assertTrue(ru.contains("<html lang=\"ru\">") && ru.contains("Работает") && ru.contains("Осталось дней: 30"), ru);
  }

  @Test
  void aSuspendedUsersPageSaysWhyAndShowsNoCredentials() {
    String t = token("alice");
    String link = app.configDelivery().configFor("alice").link();
    app.users().suspend(Actor.cli(), "alice", "payment overdue");
    String html = get(base + "/sub/" + t, "Accept", "text/html").body();
    assertTrue(html.contains("Suspended") && html.contains("payment overdue"), html);
    assertFalse(html.contains(link.substring(8, 44)), "no uuid on the page");
    assertFalse(html.contains("data:image/png"));
  }

  @Test
  void chromiumRendersThePageAndItsQrDecodesToTheSubscriptionLink() throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    Path zbar = Path.of("/usr/bin/zbarimg");
    assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(zbar) || Boolean.getBoolean("vpn.requirePeers"),
        "chromium and zbarimg not installed");
    String t = token("alice");
    Path shot = dir.resolve("page.png");
    Process p = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--user-data-dir=" + dir.resolve("chrome"), "--window-size=900,1600",
        "--screenshot=" + shot, base + "/sub/" + t).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium hung");
    assertTrue(Files.size(shot) > 10_000, "a screenshot was taken");
    Process z = new ProcessBuilder(zbar.toString(), "--raw", "-q", shot.toString()).start();
    String decoded = new String(z.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(z.waitFor(30, TimeUnit.SECONDS));
    assertTrue(decoded.lines().anyMatch(l -> l.equals("https://vpn.example.test/sub/" + t)), decoded);
  }

  private static Map<String, String> buttons(String html) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("<a class=\"import\" data-app=\"([^\"]+)\" href=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      out.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&#61;", "=").replace("&#x3D;", "="));
    }
    return out;
  }
}
