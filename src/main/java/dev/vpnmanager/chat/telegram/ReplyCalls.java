package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.chat.Button;
import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.outbox.Step;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Turns a {@link Reply} into Bot API calls for the outbox: texts (HTML, escaped, split at 4,096 characters,
 * the keyboard under the last piece), an in-place edit when a button asked for one (an edit that changes nothing
 * is done, and one of a message that can no longer be edited becomes a new message), the QR as a photo with the
 * link as monospace caption, files as documents; a caption over 1,024 characters follows as text. And the answer
 * to the button press.
 */
final class ReplyCalls {
  /** Where a reply goes: the chat, and for a button press the pressed message and the query to answer. */
  record Target(String chatId, Integer messageId, String callbackId) {
    static Target chat(String chatId) {
      return new Target(chatId, null, null);
    }
  }

  private final TelegramClient client;

  ReplyCalls(TelegramClient client) {
    this.client = client;
  }

  List<Step> steps(Target t, Reply reply) {
    List<Step> steps = new ArrayList<>();
    if (t.callbackId() != null) {
      String notice = reply.parts().stream().filter(p -> p instanceof Reply.Notice)
          .map(p -> ((Reply.Notice) p).text()).findFirst().orElse(null);
      steps.add(Step.free(() -> client.execute(AnswerCallbackQuery.builder().callbackQueryId(t.callbackId())
          .text(notice == null ? null : TextChunks.split(notice, 200).get(0)).build())));
    }
    for (Reply.Part part : reply.parts()) {
      if (part instanceof Reply.Text x) {
        text(steps, t, x);
      } else if (part instanceof Reply.Photo x) {
        photo(steps, t, x);
      } else if (part instanceof Reply.Document x) {
        document(steps, t, x);
      } else if (part instanceof Reply.Notice x && t.callbackId() == null) {
        text(steps, t, new Reply.Text(x.text(), null, false));
      }
    }
    return steps;
  }

  private void text(List<Step> steps, Target t, Reply.Text x) {
    List<String> chunks = TextChunks.split(x.text(), TextChunks.MESSAGE_LIMIT);
    InlineKeyboardMarkup markup = markup(x.keyboard());
    if (x.edit() && t.messageId() != null && chunks.size() == 1) {
      steps.add(Step.message(() -> {
        try {
          client.execute(EditMessageText.builder().chatId(t.chatId()).messageId(t.messageId())
              .text(Html.escape(chunks.get(0))).parseMode(ParseMode.HTML).replyMarkup(markup).build());
        } catch (TelegramApiRequestException e) {
          if (TelegramFailures.notModified(e)) {
            return; // the message shows this already: done
          }
          if (!TelegramFailures.notEditable(e)) {
            throw e;
          }
          client.execute(SendMessage.builder().chatId(t.chatId()).text(Html.escape(chunks.get(0)))
              .parseMode(ParseMode.HTML).replyMarkup(markup).build());
        }
      }));
      return;
    }
    for (int i = 0; i < chunks.size(); i++) {
      String chunk = chunks.get(i);
      boolean last = i == chunks.size() - 1;
      steps.add(Step.message(() -> client.execute(SendMessage.builder().chatId(t.chatId())
          .text(Html.escape(chunk)).parseMode(ParseMode.HTML).replyMarkup(last ? markup : null).build())));
    }
  }

  private void photo(List<Step> steps, Target t, Reply.Photo x) {
    String caption = x.caption() == null ? "" : x.caption();
    boolean fits = caption.length() <= TextChunks.CAPTION_LIMIT;
    String html = !fits ? null : x.codeCaption() ? Html.code(caption) : Html.escape(caption);
    steps.add(Step.message(() -> client.execute(SendPhoto.builder().chatId(t.chatId())
        .photo(new InputFile(new ByteArrayInputStream(x.png()), "qr.png"))
        .caption(html == null || caption.isEmpty() ? null : html).parseMode(ParseMode.HTML).build())));
    if (!fits) {
      for (String chunk : TextChunks.split(caption, TextChunks.MESSAGE_LIMIT - 11)) {
        steps.add(Step.message(() -> client.execute(SendMessage.builder().chatId(t.chatId())
            .text(x.codeCaption() ? Html.pre(chunk) : Html.escape(chunk)).parseMode(ParseMode.HTML).build())));
      }
    }
  }

  private void document(List<Step> steps, Target t, Reply.Document x) {
    String head = x.caption() == null ? null : TextChunks.split(x.caption(), TextChunks.CAPTION_LIMIT).get(0);
    String caption = head == null ? null : Html.escape(head);
    steps.add(Step.message(() -> client.execute(SendDocument.builder().chatId(t.chatId())
        .document(new InputFile(new ByteArrayInputStream(x.content()), x.fileName()))
        .caption(caption).parseMode(ParseMode.HTML).build())));
    String rest = head == null ? "" : x.caption().substring(head.length());
    if (!rest.isEmpty() && (rest.charAt(0) == '\n' || rest.charAt(0) == ' ')) {
      rest = rest.substring(1);
    }
    if (!rest.isEmpty()) {
      text(steps, Target.chat(t.chatId()), new Reply.Text(rest, null, false));
    }
  }

  static InlineKeyboardMarkup markup(Keyboard k) {
    if (k == null) {
      return null;
    }
    List<InlineKeyboardRow> rows = new ArrayList<>();
    for (List<Button> row : k.rows()) {
      InlineKeyboardRow r = new InlineKeyboardRow();
      for (Button b : row) {
        r.add(InlineKeyboardButton.builder().text(b.label()).callbackData(b.data()).build());
      }
      rows.add(r);
    }
    return InlineKeyboardMarkup.builder().keyboard(rows).build();
  }
}
