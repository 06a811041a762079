package dev.vpnmanager.http.sub;

import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.delivery.QrCodes;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The user page (templates/http/user-page.html.peb): status and reason, a usage bar, days left, QR codes as
 * inline PNG data URIs, the links, and one-tap import buttons. English or Russian by Accept-Language; no
 * script, nothing loaded from elsewhere.
 */
final class SubscriptionPage {
  static final List<String> LANGUAGES = List.of("en", "ru");
  private static final Messages TEXTS = new Messages("page");
  private static final List<String> KEYS = List.of("title", "cut.explain", "import.title", "import.hint",
      "sub.title", "sub.hint", "config.title", "config.hint", "support");
  private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
      .loader(loader())
      .strictVariables(true)
      .autoEscaping(true)
      .defaultEscapingStrategy("html")
      .newLineTrimming(false)
      .build();
  private final Subscriptions subscriptions;
  private final Clock clock;
  private final String supportUrl;

  SubscriptionPage(Subscriptions subscriptions, Clock clock, String supportUrl) {
    this.subscriptions = subscriptions;
    this.clock = clock;
    this.supportUrl = supportUrl;
  }

  String render(Subscription s, String acceptLanguage) {
    String lang = language(acceptLanguage);
    Map<String, Object> v = new HashMap<>();
    Map<String, String> t = new HashMap<>();
    KEYS.forEach(k -> t.put(k, TEXTS.get(lang, k)));
    v.put("t", t);
    v.put("lang", lang);
    v.put("username", s.username());
    v.put("usable", s.usable());
    v.put("statusText", TEXTS.get(lang, "status." + s.status().code()));
    v.put("reason", s.status().code().equals("suspended") && s.reason() != null ? s.reason() : "");
    long percent = s.limitBytes() <= 0 ? 0 : Math.min(100, s.usedBytes() * 100 / s.limitBytes());
    v.put("percent", percent);
    v.put("usageText", s.limitBytes() <= 0 ? TEXTS.get(lang, "used.unlimited", Sizes.format(s.usedBytes()))
        : TEXTS.get(lang, "used", Sizes.format(s.usedBytes()), Sizes.format(s.limitBytes())));
    if (s.expiresAt() == null) {
      v.put("daysText", TEXTS.get(lang, "days.never"));
    } else {
      long days = Math.max(0, (Duration.between(clock.instant(), s.expiresAt()).toHours() + 23) / 24);
      v.put("daysText", TEXTS.get(lang, "days.left", Long.toString(days)) + " ("
          + TEXTS.get(lang, "expires.on", DateTimeFormatter.ISO_LOCAL_DATE.format(s.expiresAt().atOffset(ZoneOffset.UTC)))
          + ")");
    }
    String subUrl = subscriptions.url(s);
    v.put("subUrl", subUrl);
    v.put("supportUrl", supportUrl.startsWith("https://") || supportUrl.startsWith("http://")
        || supportUrl.startsWith("tg://") ? supportUrl : "");
    v.put("link", s.usable() ? s.link() : "");
    v.put("subQr", s.usable() ? png(subUrl) : "");
    v.put("configQr", s.usable() ? png(s.link()) : "");
    v.put("buttons", s.usable() ? buttons(s, subUrl) : List.of());
    try {
      PebbleTemplate tpl = ENGINE.getTemplate("http/user-page.html.peb");
      StringWriter out = new StringWriter(16_384);
      tpl.evaluate(out, v);
      return out.toString();
    } catch (IOException e) {
      throw new IllegalStateException("user page: " + e.getMessage(), e);
    }
  }

  /** One-tap imports: each app's own deep link to the subscription (the format pinned where apps differ). */
  static List<Map<String, String>> buttons(Subscription s, String subUrl) {
    String name = enc(s.username());
    List<Map<String, String>> b = new ArrayList<>();
    b.add(button("v2rayng", "v2rayNG", "v2rayng://install-config?url=" + enc(subUrl) + "#" + name));
    b.add(button("hiddify", "Hiddify", "hiddify://import/" + subUrl + "?format=singbox#" + name));
    b.add(button("sing-box", "sing-box", "sing-box://import-remote-profile?url=" + enc(subUrl + "?format=singbox")
        + "#" + name));
    b.add(button("clash", "Clash / FlClash", "clash://install-config?url=" + enc(subUrl + "?format=clash")
        + "&name=" + name));
    b.add(button("streisand", "Streisand", "streisand://import/" + subUrl + "#" + name));
    if ("shadowsocks".equals(s.protocol()) && subUrl.startsWith("https://")) {
      b.add(button("outline", "Outline", "ssconf://" + subUrl.substring("https://".length()) + "?format=outline#"
          + name));
    }
    return b;
  }

  private static Map<String, String> button(String app, String label, String href) {
    return Map.of("app", app, "label", label, "href", href);
  }

  static String language(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 200) {
      return "en";
    }
    try {
      String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
      return tag == null ? "en" : tag;
    } catch (IllegalArgumentException e) {
      return "en";
    }
  }

  private static String png(String payload) {
    return Base64.getEncoder().encodeToString(QrCodes.png(payload));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static ClasspathLoader loader() {
    ClasspathLoader l = new ClasspathLoader(SubscriptionPage.class.getClassLoader());
    l.setPrefix("templates");
    return l;
  }
}
