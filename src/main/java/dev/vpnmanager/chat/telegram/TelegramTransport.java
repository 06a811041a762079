package dev.vpnmanager.chat.telegram;

import org.telegram.telegrambots.meta.api.methods.groupadministration.LeaveChat;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import dev.vpnmanager.chat.BotNames;
import dev.vpnmanager.chat.ChatLanes;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.chat.outbox.Limits;
import dev.vpnmanager.chat.outbox.Outbox;
import dev.vpnmanager.chat.outbox.Priority;
import dev.vpnmanager.chat.outbox.Step;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.common.OperationFailedException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Telegram through TelegramBots: long polling (or a webhook) in, each update routed on a small pool, every
 * reply out through one rate-limited {@link Outbox} (interactive replies ahead of bulk sends).
 */
public final class TelegramTransport implements ChatTransport {
  private static final Logger LOG = LoggerFactory.getLogger(TelegramTransport.class);
  /** A quarter of the updates that may wait before new ones are dropped. */
  static final int QUEUE = 1_000;
  private static final List<String> ALLOWED = List.of("message", "callback_query", "my_chat_member");

  private final TelegramSettings settings;
  private final CommandRouter router;
  private final LanguagePreferences languages;
  private final BotNames botNames;
  private final List<String> adminIds;
  private final SecureRandom random;
  private final OkHttpClient http;
  private final OkHttpTelegramClient client;
  private final ReplyCalls calls;
  private final Outbox outbox;
  private final BlockedChats blocked;
  /**
   * Updates of one chat are handled in order, different chats side by side on 8 threads: a slow command (an
   * install waiting for its container) holds up only its own chat. Under a flood at most 4,000 updates wait; new
   * ones are dropped (and counted), not buffered without end.
   */
  private final ChatLanes workers = new ChatLanes("telegram-update", 8, 4 * QUEUE);
  private TelegramBotsLongPollingApplication polling;
  private final WebhookReceiver webhook;
  private final Runnable startHttp;
  private final HandledUpdates handled;
  private volatile boolean connected;

  TelegramTransport(TelegramSettings settings, Limits limits, CommandRouter router, LanguagePreferences languages,
                    BotNames botNames, List<String> adminIds, SecureRandom random, BlockedChats blocked,
                    WebhookReceiver webhook, Runnable startHttp, HandledUpdates handled) {
    this.settings = settings;
    this.router = router;
    this.languages = languages;
    this.botNames = botNames;
    this.adminIds = List.copyOf(adminIds);
    this.random = random;
    this.http = new OkHttpClient.Builder().readTimeout(75, TimeUnit.SECONDS).build();
    this.client = new OkHttpTelegramClient(http, settings.token(), settings.telegramUrl());
    this.calls = new ReplyCalls(client);
    this.outbox = new Outbox("telegram", limits, TelegramFailures::classify);
    // sendMessage has no idempotency key: a kill may repeat at most the one stored message on its way
    this.outbox.recordedOneAtATime(true);
    this.blocked = blocked;
    this.webhook = webhook;
    this.startHttp = startHttp;
    this.handled = handled;
  }

  @Override
  public Platform platform() {
    return Platform.TELEGRAM;
  }

  @Override
  public void start() {
    try {
      User me = client.execute(new GetMe());
      botNames.set(Platform.TELEGRAM, me.getUserName());
      try {
        new CommandMenus(client, router).publish(adminIds);
      } catch (TelegramApiException e) {
        LOG.warn("could not publish the command menus: {}", e.getMessage());
      }
      if (settings.webhook()) {
        // the same on every instance of this bot, so any of them accepts the posts (see WebhookSecret)
        String secret = WebhookSecret.of(settings.token());
        webhook.arm(secret, u -> consume(List.of(u)));
        startHttp.run();
        client.execute(SetWebhook.builder().url(settings.webhookUrl()).secretToken(secret)
            .allowedUpdates(ALLOWED).build());
        LOG.info("telegram: @{} receiving by webhook", me.getUserName());
      } else {
        client.execute(DeleteWebhook.builder().build());
        polling = new TelegramBotsLongPollingApplication(com.fasterxml.jackson.databind.ObjectMapper::new,
            () -> http);
        polling.registerBot(settings.token(), settings::telegramUrl, last -> GetUpdates.builder()
            .offset(last + 1).timeout(50).limit(100).allowedUpdates(ALLOWED).build(), consumer);
        LOG.info("telegram: @{} receiving by long polling", me.getUserName());
      }
      connected = true;
    } catch (TelegramApiException e) {
      throw new OperationFailedException("cannot start Telegram: " + e.getClass().getSimpleName() + ": "
          + safe(e.getMessage()), e);
    }
  }

  /** Not this object: the library closes a consumer that is AutoCloseable when polling stops. */
  private final LongPollingUpdateConsumer consumer = this::consume;

  void consume(List<Update> updates) {
    for (Update raw : updates) {
      if (raw.getMyChatMember() != null) {
        if (claim(raw)) {
          membership(raw.getMyChatMember());
        }
        continue;
      }
      UpdateMapper.map(raw).ifPresent(m -> workers.execute(m.update().chatId(), () -> {
        if (claim(raw)) {
          handle(m);
        }
      }));
    }
  }

  /** Whether this update is ours to act on: not taken already by this or another instance. */
  private boolean claim(Update raw) {
    if (raw.getUpdateId() == null || handled.claim(raw.getUpdateId())) {
      return true;
    }
    LOG.debug("telegram: update {} was taken already", raw.getUpdateId());
    return false;
  }

  private void handle(UpdateMapper.Mapped m) {
    ChatUpdate u = m.update();
    blocked.unblock(u.chatId());
    String lang = languages.resolve(Platform.TELEGRAM, u.chatId(), u.language());
    Reply reply = router.route(u.withLanguage(lang));
    Integer messageId = m.callbackId() == null || u.messageId() == null ? null : Integer.valueOf(u.messageId());
    ReplyCalls.Target target = new ReplyCalls.Target(u.chatId(), messageId, m.callbackId());
    submit(u.chatId(), m.group(), Priority.INTERACTIVE, calls.steps(target, reply));
    if (reply.privately() != null) {
      submit(u.userId(), false, Priority.INTERACTIVE,
          calls.steps(ReplyCalls.Target.chat(u.userId()), reply.privately()));
    }
  }

  /**
   * Into the outbox, unless the chat refuses the bot. A 403 on the way records that the chat refuses the bot; the
   * outbox does not retry it, and whatever was queued behind it for that chat is dropped without a call.
   */
  private void submit(String chatId, boolean group, Priority priority, List<Step> steps) {
    if (blocked.blocked(chatId)) {
      LOG.debug("telegram: not sending to a chat that refuses the bot");
      return;
    }
    outbox.submit(chatId, group, priority, steps.stream().map(s -> new Step(() -> {
      if (blocked.blocked(chatId)) {
        throw new ChatRefusesBot();
      }
      try {
        s.call().run();
      } catch (TelegramApiRequestException e) {
        if (TelegramFailures.refused(e)) {
          blocked.block(chatId, TelegramFailures.description(e));
        }
        throw e;
      }
    }, s.counted())).toList());
  }

  /** A queued call for a chat that has refused the bot since it was queued: dropped, never made. */
  private static final class ChatRefusesBot extends Exception {
    ChatRefusesBot() {
      super("the chat refuses the bot", null, false, false);
    }
  }


  /**
   * The bot was added to a group (or its rights changed there): it stays only where an admin added it. A
   * group a stranger added it to gets no word from the bot, which leaves at once.
   */
  private void membership(ChatMemberUpdated m) {
    String status = m.getNewChatMember() == null ? "" : m.getNewChatMember().getStatus();
    if (m.getChat() != null && "private".equals(m.getChat().getType())) {
      // a user blocked the bot ("kicked") or unblocked it ("member"): Telegram says so without a failed send
      String chat = Long.toString(m.getChat().getId());
      if ("kicked".equals(status)) {
        blocked.block(chat, "the user blocked the bot");
      } else if ("member".equals(status)) {
        blocked.unblock(chat);
      }
      return;
    }
    boolean joined = "member".equals(status) || "administrator".equals(status) || "restricted".equals(status);
    boolean group = m.getChat() != null && !"private".equals(m.getChat().getType());
    String by = m.getFrom() == null ? null : Long.toString(m.getFrom().getId());
    if (!joined || !group || adminIds.contains(by)) {
      return;
    }
    try {
      client.execute(LeaveChat.builder().chatId(m.getChat().getId()).build());
      LOG.info("telegram: left a group that a non-admin added the bot to");
    } catch (TelegramApiException e) {
      LOG.warn("could not leave a group a non-admin added the bot to: {}", safe(e.getMessage()));
    }
  }

  /** Bulk sending (alerts, broadcasts): after every interactive reply that is waiting. */
  @Override
  public void send(String chatId, Reply reply) {
    submit(chatId, chatId.startsWith("-"), Priority.BULK, calls.steps(ReplyCalls.Target.chat(chatId), reply));
  }

  /**
   * A stored message: its Bot API calls after the {@code skip} already accepted, as bulk mail; the listener hears
   * each accepted call by its place in the whole message. The Bot API has no idempotency key, so a call the API
   * accepted just before the process died (before the acceptance was recorded) is sent again on resume.
   */
  @Override
  public void deliver(Outgoing m, Outbox.Listener listener) {
    String chat = m.target();
    List<dev.vpnmanager.chat.outbox.Step> all = calls.steps(ReplyCalls.Target.chat(chat), m.reply());
    int skip = Math.min(m.skip(), all.size());
    outbox.submit(chat, chat.startsWith("-"), Priority.BULK, all.subList(skip, all.size()), new Outbox.Listener() {
      @Override
      public void accepted(int step) {
        listener.accepted(skip + step);
      }

      @Override
      public void finished(dev.vpnmanager.chat.outbox.Failure failure, Exception cause) {
        listener.finished(failure, cause);
      }
    });
  }

  /** Groups and channels have negative ids on Telegram; a person's private chat has their positive user id. */
  @Override
  public boolean isPrivateChat(String chatId) {
    return !chatId.startsWith("-");
  }

  /** The Bot API's error code and description, or the kind of network error; never the token. */
  @Override
  public String describe(Exception e) {
    if (e instanceof org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException r
        && r.getErrorCode() != null) {
      return "telegram " + r.getErrorCode() + ": " + safe(r.getApiResponse());
    }
    Throwable root = e;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "telegram: " + (root == null ? "unknown error" : root.getClass().getSimpleName());
  }

  /** A file a user sent, fetched from the configured API URL. */
  public byte[] downloadFile(String fileId) {
    return new TelegramFiles(client, http, settings).download(fileId);
  }

  /** Updates waiting or being handled, for tests and metrics. */
  int pendingUpdates() {
    return workers.pending();
  }

  /** Updates dropped because the workers' queues were full. */
  public long droppedUpdates() {
    return workers.dropped();
  }

  public Outbox outbox() {
    return outbox;
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public int outboxDepth() {
    return outbox.depth();
  }

  @Override
  public void close() {
    try {
      if (polling != null) {
        polling.close();
      }
    } catch (Exception e) {
      LOG.debug("stopping long polling: {}", e.getClass().getSimpleName());
    }
    connected = false;
    webhook.disarm();
    workers.close();
    outbox.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** Error texts from the HTTP layer can hold the request URL, which holds the token. */
  private String safe(String message) {
    return message == null ? "" : message.replace(settings.token(), "***");
  }
}
