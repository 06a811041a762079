package dev.vpnmanager.testing.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An in-JVM Telegram Bot API for tests, speaking the real wire format: POST /bot{token}/{method} with JSON or
 * multipart bodies, {@code getUpdates} long polling that honours offset and timeout, getFile and
 * GET /file/bot{token}/{path}. Every call is recorded; failures can be scheduled.
 *
 * <p>Strict by default, it refuses what the real one refuses where the bot depends on it: 400 for a text over
 * 4,096 characters or a caption over 1,024 (counted after parsing), button data over 64 bytes, HTML that
 * parse_mode=HTML cannot parse ({@link BotApiHtml}), an edit that changes neither text nor keyboard ("message is
 * not modified"); 403 for a user who blocked the bot ({@link #block}); and Telegram's rate limits
 * ({@link RateRules}: 30 messages a second overall, 20 a minute per group, one a second per chat with a short
 * burst) with 429 and retry_after. {@link #strict} and {@link #enforceLimits} turn the checks off.
 */
public final class BotApiStandIn implements AutoCloseable {
  public static final String BOT_USERNAME = "vpn_test_bot";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MESSAGES = List.of("sendMessage", "sendPhoto", "sendDocument",
      "editMessageText");

  private static final List<String> KNOWN = List.of("getMe", "getUpdates", "sendMessage", "sendPhoto",
      "sendDocument", "editMessageText", "answerCallbackQuery", "setMyCommands", "deleteWebhook", "setWebhook",
      "getFile");

  private final String token;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "bot-api-stand-in");
    t.setDaemon(true);
    return t;
  });
  private final List<ApiRequest> requests = new CopyOnWriteArrayList<>();
  private final Deque<ObjectNode> updates = new ArrayDeque<>();
  private final Map<String, Deque<int[]>> failures = new ConcurrentHashMap<>();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, long[]> outages = new ConcurrentHashMap<>();
  private final RateRules rates = new RateRules();
  private final Set<String> blocked = ConcurrentHashMap.newKeySet();
  /** What each message the bot sent or edited shows now (text with entities, keyboard), by chat/message id. */
  private final Map<String, Shown> shown = new ConcurrentHashMap<>();
  private volatile boolean enforceLimits = true;
  private volatile boolean strict = true;
  private volatile boolean closed;
  private volatile java.util.function.Consumer<ObjectNode> webhook;
  private int nextUpdateId = 1;
  private int nextMessageId = 1000;

  public BotApiStandIn(String token) throws IOException {
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  // ---- test controls ----

  public synchronized void pushText(long chatId, long userId, String text, String language) {
    ObjectNode m = message(chatId, nextMessageId++, text);
    m.set("from", user(userId, language));
    push("message", m);
  }

  /** The bot's own membership in a group changed, done by {@code byUserId} (new status: member, left ...). */
  public synchronized void pushMyChatMember(long chatId, long byUserId, String status) {
    ObjectNode m = JSON.createObjectNode();
    ObjectNode chat = m.putObject("chat");
    chat.put("id", chatId);
    chat.put("type", chatId < 0 ? "group" : "private");
    m.set("from", user(byUserId, "en"));
    m.put("date", System.currentTimeMillis() / 1000);
    ObjectNode old = m.putObject("old_chat_member");
    old.put("status", "left");
    old.set("user", user(1, "en"));
    ObjectNode now = m.putObject("new_chat_member");
    now.put("status", status);
    now.set("user", user(1, "en"));
    push("my_chat_member", m);
  }

  public synchronized void pushCallback(long chatId, long userId, int messageId, String data) {
    ObjectNode q = JSON.createObjectNode();
    q.put("id", "cq" + nextUpdateId);
    q.set("from", user(userId, "en"));
    q.put("chat_instance", "ci" + chatId);
    q.put("data", data);
    q.set("message", message(chatId, messageId, "menu"));
    shown.putIfAbsent(chatId + "/" + messageId, new Shown(BotApiHtml.plain("menu"), null));
    push("callback_query", q);
  }

  /** The next {@code times} calls of {@code method} fail with this HTTP status (429 carries retry_after). */
  public void failNext(String method, int times, int status, int retryAfter) {
    Deque<int[]> q = failures.computeIfAbsent(method, m -> new ArrayDeque<>());
    synchronized (q) {
      for (int i = 0; i < times; i++) {
        q.add(new int[] {status, retryAfter});
      }
    }
  }

  /** For {@code window} from now, every call of {@code method} fails: 429 (retry after 1 s), 502, 500 in turn. */
  public void outage(String method, Duration window) {
    outages.put(method, new long[] {System.nanoTime() + window.toNanos(), 0});
  }

  public void enforceLimits(boolean on) {
    enforceLimits = on;
  }

  /** From now on the user of this private chat has blocked the bot: every message to it gets 403. */
  public void block(long chatId) {
    blocked.add(Long.toString(chatId));
  }

  public void unblock(long chatId) {
    blocked.remove(Long.toString(chatId));
  }

  /** Messages a private chat may get at once before the one-a-second rule bites (3 by default; 1: none). */
  public void chatBurst(int n) {
    rates.chatBurst(n);
  }

  /** Off: accept any text, caption, button data and edit (the rate limits have their own switch). */
  public void strict(boolean on) {
    strict = on;
  }

  public int limitedCount() {
    return rates.refused();
  }

  /** A file the bot can fetch with getFile + download; returns its file_id. */
  public String addFile(String path, byte[] content) {
    String id = "file-" + files.size();
    files.put(id + "|" + path, content);
    return id;
  }

  public List<ApiRequest> requests() {
    return List.copyOf(requests);
  }

  public List<ApiRequest> requests(String method) {
    return requests.stream().filter(r -> r.method().equals(method)).toList();
  }

  /** Waits until a recorded, successful call matches; returns it. */
  public ApiRequest await(String method, Predicate<ApiRequest> match, Duration timeout) {
    return awaitCount(method, match, 1, timeout).get(0);
  }

  public List<ApiRequest> awaitCount(String method, Predicate<ApiRequest> match, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ApiRequest> found = requests.stream().filter(r -> r.method().equals(method) && r.status() == 200)
          .filter(match).toList();
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " " + method + " calls, got " + found.size() + "; all: "
            + requests.stream().map(r -> r.method() + r.params()).toList());
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    server.stop(0);
    pool.shutdownNow();
  }

  // ---- the wire ----

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.startsWith("/file/bot" + token + "/")) {
        download(ex, path.substring(("/file/bot" + token + "/").length()));
        return;
      }
      String prefix = "/bot" + token + "/";
      if (!path.startsWith(prefix)) {
        respond(ex, 404, error(404, "Not Found", null));
        return;
      }
      String method = canonical(path.substring(prefix.length()));
      Map<String, String> params = new LinkedHashMap<>();
      Map<String, byte[]> uploads = new LinkedHashMap<>();
      Map<String, String> names = new LinkedHashMap<>();
      readBody(ex, params, uploads, names);
      int[] fail = nextFailure(method);
      Refusal refusal = fail == null ? null : new Refusal(fail[0], fail[0] == 429
          ? "Too Many Requests: retry after " + fail[1] : "Internal Server Error", fail[0] == 429 ? fail[1] : null);
      if (refusal == null && strict) {
        refusal = check(method, params);
      }
      if (refusal == null && enforceLimits && MESSAGES.contains(method)) {
        int wait = rates.refuse(params.get("chat_id"), System.nanoTime());
        refusal = wait == 0 ? null : new Refusal(429, "Too Many Requests: retry after " + wait, wait);
      }
      int status = refusal == null ? 200 : refusal.status();
      requests.add(new ApiRequest(method, params, uploads, names, status, System.nanoTime()));
      if (refusal != null) {
        respond(ex, status, error(status, refusal.description(), refusal.retryAfter()));
        return;
      }
      JsonNode result = result(method, params);
      if (method.equals("sendMessage") || method.equals("editMessageText")) {
        shown.put(params.get("chat_id") + "/" + result.path("message_id").asText(), shown(params));
      }
      respond(ex, 200, ok(result));
    }
  }

  /** A refusal of a call: HTTP status, Telegram's description, and for 429 the seconds to wait. */
  private record Refusal(int status, String description, Integer retryAfter) {
    static Refusal bad(String description) {
      return new Refusal(400, "Bad Request: " + description, null);
    }
  }

  /** A message as a user sees it: parsed text with its entities, and the keyboard (null: none). */
  private record Shown(BotApiHtml.Parsed text, JsonNode markup) {}

  /** What the real Bot API would refuse of this call, or null. */
  private Refusal check(String method, Map<String, String> p) throws IOException {
    if (!MESSAGES.contains(method)) {
      return null;
    }
    if (blocked.contains(String.valueOf(p.get("chat_id")))) {
      return new Refusal(403, "Forbidden: bot was blocked by the user", null);
    }
    String markup = p.get("reply_markup");
    if (markup != null) {
      for (JsonNode row : JSON.readTree(markup).path("inline_keyboard")) {
        for (JsonNode button : row) {
          if (button.has("callback_data")
              && button.get("callback_data").asText().getBytes(StandardCharsets.UTF_8).length > 64) {
            return Refusal.bad("BUTTON_DATA_INVALID");
          }
        }
      }
    }
    boolean text = method.equals("sendMessage") || method.equals("editMessageText");
    String raw = p.get(text ? "text" : "caption");
    if (raw == null && !text) {
      return null;
    }
    BotApiHtml.Parsed parsed;
    try {
      parsed = parsed(raw, p.get("parse_mode"));
    } catch (BotApiHtml.Refused e) {
      return Refusal.bad("can't parse entities: " + e.getMessage());
    }
    if (!text) {
      return parsed.text().length() > 1024 ? Refusal.bad("message caption is too long") : null;
    }
    if (parsed.text().isBlank()) {
      return Refusal.bad("message text is empty");
    }
    if (parsed.text().length() > 4096) {
      return Refusal.bad("message is too long");
    }
    if (method.equals("editMessageText")
        && shown(p).equals(shown.get(p.get("chat_id") + "/" + p.get("message_id")))) {
      return Refusal.bad("message is not modified: specified new message content and reply markup are exactly "
          + "the same as a current content and reply markup of the message");
    }
    return null;
  }

  private static BotApiHtml.Parsed parsed(String raw, String parseMode) throws BotApiHtml.Refused {
    return "HTML".equalsIgnoreCase(parseMode) && raw != null ? BotApiHtml.parse(raw) : BotApiHtml.plain(raw);
  }

  private Shown shown(Map<String, String> p) throws IOException {
    BotApiHtml.Parsed text;
    try {
      text = parsed(p.get("text"), p.get("parse_mode"));
    } catch (BotApiHtml.Refused e) {
      text = BotApiHtml.plain(p.get("text"));
    }
    String markup = p.get("reply_markup");
    JsonNode keyboard = markup == null ? null : JSON.readTree(markup);
    return new Shown(text, keyboard == null || keyboard.isNull() || keyboard.path("inline_keyboard").isEmpty()
        ? null : keyboard);
  }

  private void readBody(HttpExchange ex, Map<String, String> params, Map<String, byte[]> uploads,
                        Map<String, String> names) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type != null && type.startsWith("multipart/form-data")) {
      for (Multipart.Part p : Multipart.parse(body, Multipart.boundary(type))) {
        if (p.fileName() != null) {
          uploads.put(p.name(), p.content());
          names.put(p.name(), p.fileName());
        } else {
          params.put(p.name(), p.text());
        }
      }
      for (Map.Entry<String, String> e : Map.copyOf(params).entrySet()) {
        String ref = e.getValue().startsWith("attach://") ? e.getValue().substring(9) : null;
        if (ref != null && uploads.containsKey(ref)) {
          uploads.put(e.getKey(), uploads.get(ref));
          names.put(e.getKey(), names.get(ref));
        }
      }
    } else if (body.length > 0) {
      JsonNode n = JSON.readTree(body);
      n.fields().forEachRemaining(e -> params.put(e.getKey(),
          e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    }
  }

  private JsonNode result(String method, Map<String, String> p) throws IOException {
    return switch (method) {
      case "getMe" -> {
        ObjectNode u = user(999, null);
        u.put("is_bot", true);
        u.put("username", BOT_USERNAME);
        yield u;
      }
      case "getUpdates" -> getUpdates(p);
      case "sendMessage", "editMessageText" -> {
        ObjectNode m = message(Long.parseLong(p.get("chat_id")),
            p.get("message_id") != null ? Integer.parseInt(p.get("message_id")) : newMessageId(), p.get("text"));
        yield m;
      }
      case "sendPhoto" -> {
        ObjectNode m = message(Long.parseLong(p.get("chat_id")), newMessageId(), null);
        m.putArray("photo").addObject().put("file_id", "photo-" + m.get("message_id")).put("file_unique_id", "u")
            .put("width", 300).put("height", 300);
        yield m;
      }
      case "sendDocument" -> {
        ObjectNode m = message(Long.parseLong(p.get("chat_id")), newMessageId(), null);
        m.putObject("document").put("file_id", "doc-" + m.get("message_id")).put("file_unique_id", "d");
        yield m;
      }
      case "getFile" -> getFile(p.get("file_id"));
      default -> JSON.getNodeFactory().booleanNode(true);
    };
  }

  private JsonNode getUpdates(Map<String, String> p) {
    long offset = p.get("offset") == null ? 0 : Long.parseLong(p.get("offset"));
    int limit = p.get("limit") == null ? 100 : Integer.parseInt(p.get("limit"));
    long waitMs = (p.get("timeout") == null ? 0 : Long.parseLong(p.get("timeout"))) * 1000;
    long deadline = System.currentTimeMillis() + waitMs;
    synchronized (this) {
      while (true) {
        Iterator<ObjectNode> it = updates.iterator();
        while (it.hasNext()) {
          if (it.next().get("update_id").asLong() < offset) {
            it.remove();
          }
        }
        long left = deadline - System.currentTimeMillis();
        if (!updates.isEmpty() || left <= 0 || closed) {
          break;
        }
        try {
          wait(left);
        } catch (InterruptedException e) {
          break;
        }
      }
      var arr = JSON.createArrayNode();
      updates.stream().limit(limit).forEach(arr::add);
      return arr;
    }
  }

  private JsonNode getFile(String fileId) {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (e.getKey().startsWith(fileId + "|")) {
        return JSON.createObjectNode().put("file_id", fileId).put("file_unique_id", "f" + fileId)
            .put("file_size", e.getValue().length).put("file_path", e.getKey().substring(fileId.length() + 1));
      }
    }
    return JSON.createObjectNode().put("file_id", fileId).put("file_unique_id", "none");
  }

  private void download(HttpExchange ex, String path) throws IOException {
    requests.add(new ApiRequest("download", Map.of("path", path), Map.of(), Map.of(), 200, System.nanoTime()));
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (e.getKey().endsWith("|" + path)) {
        ex.sendResponseHeaders(200, e.getValue().length);
        ex.getResponseBody().write(e.getValue());
        return;
      }
    }
    ex.sendResponseHeaders(404, -1);
  }

  /** Bot API method names are case-insensitive (TelegramBots sends "sendmessage"); record the documented case. */
  private static String canonical(String method) {
    for (String known : KNOWN) {
      if (known.equalsIgnoreCase(method)) {
        return known;
      }
    }
    return method;
  }

  private int[] nextFailure(String method) {
    long[] outage = outages.get(method);
    if (outage != null && System.nanoTime() < outage[0]) {
      // the outage answers 429 (retry after 1 s), 502 and 500 in turn
      long n;
      synchronized (outage) {
        n = outage[1]++;
      }
      return n % 3 == 0 ? new int[] {429, 1} : new int[] {n % 3 == 1 ? 502 : 500, 0};
    }
    Deque<int[]> q = failures.get(method);
    if (q == null) {
      return null;
    }
    synchronized (q) {
      return q.poll();
    }
  }

  private synchronized int newMessageId() {
    return nextMessageId++;
  }

  private void push(String kind, ObjectNode payload) {
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", nextUpdateId++);
    u.set(kind, payload);
    java.util.function.Consumer<ObjectNode> to = webhook;
    if (to != null) {
      to.accept(u);
      return;
    }
    updates.add(u);
    notifyAll();
  }

  /**
   * Webhook mode: pushed updates go to {@code sink} (which posts them, see {@link WebhookDelivery}) instead of
   * waiting for getUpdates.
   */
  public synchronized void deliverTo(java.util.function.Consumer<ObjectNode> sink) {
    this.webhook = sink;
  }

  private static ObjectNode message(long chatId, int messageId, String text) {
    ObjectNode m = JSON.createObjectNode();
    m.put("message_id", messageId);
    m.put("date", System.currentTimeMillis() / 1000);
    ObjectNode chat = m.putObject("chat");
    chat.put("id", chatId);
    chat.put("type", chatId < 0 ? "group" : "private");
    if (text != null) {
      m.put("text", text);
    }
    return m;
  }

  private static ObjectNode user(long id, String language) {
    ObjectNode u = JSON.createObjectNode();
    u.put("id", id);
    u.put("is_bot", false);
    u.put("first_name", "User" + id);
    if (language != null) {
      u.put("language_code", language);
    }
    return u;
  }

  private static JsonNode ok(JsonNode result) {
    ObjectNode n = JSON.createObjectNode();
    n.put("ok", true);
    n.set("result", result);
    return n;
  }

  private static JsonNode error(int code, String description, Integer retryAfter) {
    ObjectNode n = JSON.createObjectNode();
    n.put("ok", false);
    n.put("error_code", code);
    n.put("description", description);
    if (retryAfter != null) {
      n.putObject("parameters").put("retry_after", retryAfter);
    }
    return n;
  }

  private static void respond(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] b = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }
}
