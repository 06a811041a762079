package dev.vpnmanager.chat.telegram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret Telegram sends with every webhook post (X-Telegram-Bot-Api-Secret-Token). It is derived from the
 * bot token, so every serve instance of one bot registers and accepts the same one and any of them can take a
 * post; whoever could forge it holds the bot token already. 64 hex characters, within Telegram's A-Z a-z 0-9 _ -.
 */
final class WebhookSecret {
  private WebhookSecret() {}

  static String of(String botToken) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(botToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal("vpn-manager webhook secret".getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
