package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.common.OperationFailedException;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Downloads a file users sent (getFile, then GET {api-url}/file/bot{token}/{path}) from the configured
 * API URL: the library's own download always goes to api.telegram.org.
 */
final class TelegramFiles {
  static final long MAX_BYTES = 20L * 1024 * 1024;
  private final TelegramClient client;
  private final OkHttpClient http;
  private final TelegramSettings settings;

  TelegramFiles(TelegramClient client, OkHttpClient http, TelegramSettings settings) {
    this.client = client;
    this.http = http;
    this.settings = settings;
  }

  byte[] download(String fileId) {
    try {
      File f = client.execute(GetFile.builder().fileId(fileId).build());
      if (f.getFilePath() == null) {
        throw new OperationFailedException("Telegram gave no path for the file");
      }
      Request req = new Request.Builder().url(settings.fileUri(f.getFilePath()).toString()).get().build();
      try (Response r = http.newCall(req).execute()) {
        if (!r.isSuccessful() || r.body() == null) {
          throw new OperationFailedException("file download failed with HTTP " + r.code());
        }
        try (InputStream in = r.body().byteStream()) {
          byte[] data = in.readNBytes((int) MAX_BYTES + 1);
          if (data.length > MAX_BYTES) {
            throw new OperationFailedException("file is larger than 20 MB");
          }
          return data;
        }
      }
    } catch (TelegramApiException | IOException e) {
      throw new OperationFailedException("file download failed: " + e.getClass().getSimpleName(), e);
    }
  }
}
