package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.net.URI;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * Where the Bot API is ({@code VPN_TELEGRAM_API_URL}, used for every call and file download), the token, and
 * the optional webhook. The token is never part of toString or a log line.
 */
record TelegramSettings(String token, URI apiUrl, String webhookUrl, String webhookListen) {

  static TelegramSettings from(Settings s) {
    URI api = URI.create(s.get(ConfigKeys.TELEGRAM_API_URL).replaceAll("/+$", ""));
    if (api.getHost() == null || api.getScheme() == null) {
      throw new InvalidInputException("telegram.api-url must be like https://api.telegram.org, not " + api);
    }
    return new TelegramSettings(s.get(ConfigKeys.TELEGRAM_TOKEN), api, s.get(ConfigKeys.TELEGRAM_WEBHOOK_URL),
        s.get(ConfigKeys.TELEGRAM_WEBHOOK_LISTEN));
  }

  TelegramUrl telegramUrl() {
    int port = apiUrl.getPort() > 0 ? apiUrl.getPort() : ("http".equals(apiUrl.getScheme()) ? 80 : 443);
    return new TelegramUrl(apiUrl.getScheme(), apiUrl.getHost(), port, false);
  }

  boolean webhook() {
    return webhookUrl != null && !webhookUrl.isBlank();
  }

  /** The download address of a file from getFile: API base + /file/bot{token}/{path}. */
  URI fileUri(String filePath) {
    return URI.create(apiUrl + "/file/bot" + token + "/" + filePath);
  }

  @Override
  public String toString() {
    return "TelegramSettings[apiUrl=" + apiUrl + ", webhook=" + webhook() + "]";
  }
}
