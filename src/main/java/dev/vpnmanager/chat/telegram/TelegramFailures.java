package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.chat.outbox.Failure;
import java.io.IOException;
import java.time.Duration;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Reads a failed Bot API call: 429 with retry_after, 5xx and network errors retried, the rest final (a 403 above
 * all: the chat refuses the bot, see {@link BlockedChats}). Also names the refusals the calls handle themselves.
 */
final class TelegramFailures {
  private TelegramFailures() {}

  /** 400 "message is not modified": an edit to what the message shows already, which is success. */
  static boolean notModified(TelegramApiRequestException e) {
    return status(e) == 400 && description(e).contains("message is not modified");
  }

  /** 400 for an edit of a message that is gone or too old to edit: the reply goes out as a new message. */
  static boolean notEditable(TelegramApiRequestException e) {
    String d = description(e);
    return status(e) == 400 && (d.contains("message to edit not found") || d.contains("message can't be edited"));
  }

  /** 403: the user blocked the bot, deleted their account, or the bot is no longer in the group. */
  static boolean refused(Exception e) {
    return e instanceof TelegramApiRequestException r && status(r) == 403;
  }

  static String description(TelegramApiRequestException e) {
    return e.getApiResponse() == null ? "" : e.getApiResponse();
  }

  private static int status(TelegramApiRequestException e) {
    return e.getErrorCode() == null ? 0 : e.getErrorCode();
  }

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
