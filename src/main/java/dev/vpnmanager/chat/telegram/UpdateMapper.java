package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** A Telegram update as the platform-neutral {@link ChatUpdate} (text messages and button presses only). */
final class UpdateMapper {
  /** The update for the router plus what the reply needs: the query to answer and whether it is a group. */
  record Mapped(ChatUpdate update, String callbackId, boolean group) {}

  private UpdateMapper() {}

  static Optional<Mapped> map(Update u) {
    if (u.getCallbackQuery() != null) {
      CallbackQuery q = u.getCallbackQuery();
      MaybeInaccessibleMessage m = q.getMessage();
      if (m == null || q.getFrom() == null) {
        return Optional.empty();
      }
      ChatUpdate c = new ChatUpdate(Platform.TELEGRAM, Long.toString(m.getChatId()), id(q.getFrom()),
          name(q.getFrom()), q.getFrom().getLanguageCode(), null, q.getData() == null ? "" : q.getData(),
          m.getMessageId() == null ? null : m.getMessageId().toString(),
          m.getChat() == null ? m.getChatId().equals(q.getFrom().getId()) : "private".equals(m.getChat().getType()));
      return Optional.of(new Mapped(c, q.getId(), m.getChatId() < 0));
    }
    Message m = u.getMessage();
    if (m == null || m.getText() == null || m.getFrom() == null) {
      return Optional.empty();
    }
    ChatUpdate c = new ChatUpdate(Platform.TELEGRAM, Long.toString(m.getChatId()), id(m.getFrom()),
        name(m.getFrom()), m.getFrom().getLanguageCode(), m.getText(), null, m.getMessageId().toString(),
        m.getChat() == null ? m.getChatId().equals(m.getFrom().getId()) : "private".equals(m.getChat().getType()));
    return Optional.of(new Mapped(c, null, m.getChatId() < 0));
  }

  private static String id(User u) {
    return Long.toString(u.getId());
  }

  private static String name(User u) {
    if (u.getUserName() != null) {
      return "@" + u.getUserName();
    }
    return u.getFirstName() + (u.getLastName() == null ? "" : " " + u.getLastName());
  }
}
