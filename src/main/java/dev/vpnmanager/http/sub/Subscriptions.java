package dev.vpnmanager.http.sub;

import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.protocol.ClientConfig;
import dev.vpnmanager.protocol.Links;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.server.ServerSpecs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Subscriptions by token: finding one, rendering it in each format, and the headers VPN apps read. */
public final class Subscriptions {
  /** The entry a cut user's apps show: nothing listens on port 1 of the loopback and the id is all zeros. */
  static final String PLACEHOLDER = "vless://00000000-0000-0000-0000-000000000000@127.0.0.1:1"
      + "?type=tcp&encryption=none&security=none#";
  private final SubscriptionTokens tokens;
  private final Protocols protocols;
  private final String title;
  private final int updateHours;
  private final String supportUrl;

  Subscriptions(SubscriptionTokens tokens, Protocols protocols, Settings settings) {
    this.tokens = tokens;
    this.protocols = protocols;
    this.title = settings.get(ConfigKeys.HTTP_PROFILE_TITLE).replaceAll("[\\r\\n]", " ").trim();
    this.updateHours = Math.max(1, Integer.parseInt(settings.get(ConfigKeys.HTTP_UPDATE_HOURS).trim()));
    this.supportUrl = settings.get(ConfigKeys.HTTP_SUPPORT_URL).replaceAll("[\\r\\n]", "").trim();
  }

  Optional<Subscription> find(String token) {
    return tokens.resolve(token).map(u -> of(u, token));
  }

  private Subscription of(VpnUser u, String token) {
    String link = null;
    String fileName = null;
    String fileText = null;
    if (u.getStatus() == UserStatus.ACTIVE && u.getServer() != null) {
      ClientConfig c = protocols.require(u.getProtocol()).clientConfig(ServerSpecs.of(u.getServer()),
          ServerSpecs.userOf(u));
      link = c.link();
      fileName = c.fileName();
      fileText = c.fileText();
    }
    return new Subscription(u.getUsername(), u.getProtocol(), u.getStatus(), u.getStatusReason(), u.getUsedBytes(),
        u.getLimitBytes(), u.getExpiresAt(), token, link, fileName, fileText);
  }

  /** The links a list-style format carries: the user's link, or the placeholder that names the reason. */
  List<String> links(Subscription s) {
    return List.of(s.usable() ? s.link() : PLACEHOLDER + Links.encode(profileTitle(s)));
  }

  List<ClientLink> parsed(Subscription s) {
    if (s.usable()) {
      return List.of(ClientLink.parse(s.protocol(), s.username(), s.link()));
    }
    return List.of(ClientLink.parse("vless", profileTitle(s), links(s).get(0)));
  }

  /** The body in a format; empty when the format does not fit (Outline for a non-Shadowsocks user ...). */
  Optional<String> body(Subscription s, Format f) {
    return switch (f) {
      case BASE64 -> Optional.of(Base64.getEncoder().encodeToString(String.join("\n", links(s))
          .getBytes(StandardCharsets.UTF_8)));
      case LINKS -> Optional.of(String.join("\n", links(s)) + "\n");
      case SINGBOX -> Optional.of(SingBoxProfile.render(parsed(s)));
      case CLASH -> Optional.of(ClashProfile.render(parsed(s)));
      case OUTLINE -> "shadowsocks".equals(s.protocol()) && s.usable() ? Optional.of(outline(parsed(s).get(0)))
          : Optional.empty();
      case WIREGUARD -> "wireguard".equals(s.protocol()) && s.usable() ? Optional.of(s.fileText()) : Optional.empty();
    };
  }

  /** Outline's dynamic access key (what an ssconf:// link points at). */
  private static String outline(ClientLink l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("server", l.host());
    m.put("server_port", l.port());
    m.put("password", l.param("password"));
    m.put("method", l.param("method"));
    try {
      return Json.MAPPER.writeValueAsString(m) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  String profileTitle(Subscription s) {
    String t = (title.isEmpty() ? "" : title + " ") + s.username();
    return s.usable() ? t : t + " (" + s.why() + ")";
  }

  /** The headers VPN apps read: usage and expiry, refresh interval, the title, file name, support, web page. */
  Map<String, String> headers(Subscription s, Format f) {
    Map<String, String> h = new LinkedHashMap<>();
    long expire = s.expiresAt() == null ? 0 : s.expiresAt().getEpochSecond();
    h.put("subscription-userinfo", "upload=0; download=" + s.usedBytes() + "; total=" + s.limitBytes()
        + "; expire=" + expire);
    h.put("profile-update-interval", Integer.toString(updateHours));
    String pt = profileTitle(s);
    h.put("profile-title", StandardCharsets.US_ASCII.newEncoder().canEncode(pt) ? pt
        : "base64:" + Base64.getEncoder().encodeToString(pt.getBytes(StandardCharsets.UTF_8)));
    h.put("content-disposition", "attachment; filename=\"" + s.username() + "." + f.extension + "\"");
    if (!supportUrl.isEmpty()) {
      h.put("support-url", supportUrl);
    }
    h.put("profile-web-page-url", tokens.urlOf(s.token()));
    h.put("cache-control", "no-store");
    return h;
  }

  String url(Subscription s) {
    return tokens.urlOf(s.token());
  }
}
