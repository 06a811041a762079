package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.chat.outbox.Failure;
import java.io.IOException;
import java.time.Duration;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Reads a failed Bot API call: 429 with retry_after, 5xx and network errors retried, the rest final. */
final class TelegramFailures {
  private TelegramFailures() {}

  static Failure classify(Exception e) {
    if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null) {
      int code = r.getErrorCode();
      if (code == 429) {
        Integer after = r.getParameters() == null ? null : r.getParameters().getRetryAfter();
        return Failure.retryAfter(Duration.ofSeconds(after == null ? 1 : Math.max(0, after)));
      }
      return code >= 500 ? Failure.transientError() : Failure.permanent();
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException) {
        return Failure.transientError();
      }
    }
    return e instanceof TelegramApiRequestException ? Failure.transientError() : Failure.permanent();
  }
}
