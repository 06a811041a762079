package dev.vpnmanager.testing.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-JVM homeserver stand-in speaking the Matrix Client-Server API v3 wire format for what the bot uses:
 * login, logout, whoami, /sync (next_batch/since, long-poll timeout, join and invite sections), join, leave,
 * send (idempotent per transaction id), media upload (plain, and create then PUT) and createRoom. It can answer 429 M_LIMIT_EXCEEDED or
 * 500 on demand and records every request.
 */
public final class FakeHomeserver implements AutoCloseable {
  public static final String SERVER = "hs.test";
  public static final String BOT = "@vpnbot:" + SERVER;
  public static final String PASSWORD = "bot-secret-pw";
  private final HttpServer http;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final FakeRooms rooms = new FakeRooms(BOT, SERVER);
  private final FakeRoutes routes;
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  final Map<String, String> tokens = new ConcurrentHashMap<>();
  final Map<String, byte[]> media = new ConcurrentHashMap<>();
  final java.util.Set<String> reserved = ConcurrentHashMap.newKeySet();
  final AtomicInteger mediaSeq = new AtomicInteger();
  final Map<String, String> txns = new ConcurrentHashMap<>();
  final AtomicInteger rateLimited = new AtomicInteger();
  final AtomicInteger failing = new AtomicInteger();
  volatile long retryAfterMs;

  public FakeHomeserver() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.setExecutor(pool);
    routes = new FakeRoutes(this, rooms);
    http.createContext("/", this::handle);
    http.start();
  }

  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** An access token the bot may use instead of a password. */
  public String issueToken() {
    String t = "syt_preset_" + tokens.size();
    tokens.put(t, "PRESET");
    return t;
  }

  // ---- what people in the rooms do ----

  /** A room the bot is already in, made by {@code creator}. */
  public String roomWithBot(String creator) {
    String id = rooms.newRoom();
    rooms.append(id, "m.room.create", creator, FakeRooms.JSON.createObjectNode(), "", false);
    rooms.setMembership(id, "join");
    return id;
  }

  /** A new room whose creator invites the bot; {@code direct} marks a direct chat. */
  public String inviteBot(String inviter, boolean direct) {
    String id = rooms.newRoom();
    rooms.invite(id, inviter, direct);
    return id;
  }

  public String say(String roomId, String sender, String body) {
    ObjectNode c = FakeRooms.JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
    return rooms.append(roomId, "m.room.message", sender, c, null, false);
  }

  /** The bot is removed from a room (kicked, or the room was closed). */
  public void kickBot(String roomId) {
    rooms.setMembership(roomId, "leave");
  }

  /** Turns on end-to-end encryption in a room (the m.room.encryption state event). */
  public void enableEncryption(String roomId, String sender) {
    ObjectNode c = FakeRooms.JSON.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2");
    rooms.append(roomId, "m.room.encryption", sender, c, "", false);
  }

  /** An encrypted message the bot cannot read. */
  public void sayEncrypted(String roomId, String sender) {
    ObjectNode c = FakeRooms.JSON.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2")
        .put("ciphertext", "AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg").put("session_id", "X");
    rooms.append(roomId, "m.room.encrypted", sender, c, null, false);
  }

  /** A message as an encryption proxy (pantalaimon) hands it over after decrypting it. */
  public String sayDecrypted(String roomId, String sender, String body) {
    ObjectNode c = FakeRooms.JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
    return rooms.append(roomId, "m.room.message", sender, c, null, false, true);
  }

  // ---- failure injection ----

  /** Forgets every access token (a soft logout): requests answer 401 M_UNKNOWN_TOKEN. */
  public void forgetTokens() {
    tokens.clear();
  }

  /** The next {@code n} sends answer 429 M_LIMIT_EXCEEDED with this retry_after_ms. */
  public void rateLimitSends(int n, long retryAfterMs) {
    this.retryAfterMs = retryAfterMs;
    rateLimited.set(n);
  }

  /** The next {@code n} requests other than /sync answer 500. */
  public void failNext(int n) {
    failing.set(n);
  }

  // ---- what the test checks ----

  public String membership(String roomId) {
    return rooms.membership(roomId);
  }

  public List<String> invitees(String roomId) {
    return rooms.invitees(roomId);
  }

  /** The bot's messages in a room, oldest first. */
  public List<JsonNode> botMessages(String roomId) {
    return rooms.entries().stream().filter(e -> e.roomId().equals(roomId))
        .map(FakeRooms.Entry::event).filter(e -> BOT.equals(e.path("sender").asText()))
        .filter(e -> "m.room.message".equals(e.path("type").asText())).map(e -> (JsonNode) e).toList();
  }

  /** Waits until the bot has sent at least {@code n} messages in the room; returns them. */
  public List<JsonNode> awaitBotMessages(String roomId, int n, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    List<JsonNode> got = botMessages(roomId);
    while (got.size() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
      got = botMessages(roomId);
    }
    return got;
  }

  public byte[] media(String mxc) {
    return media.get(mxc);
  }

  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Every room id the bot has a direct room with, by the person invited at creation. */
  public List<String> roomsCreatedFor(String userId) {
    return routes.createdFor(userId);
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String raw = ex.getRequestURI().getRawPath();
    List<String> seg = Arrays.stream(raw.split("/")).skip(1)
        .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    FakeRoutes.Answer a;
    try {
      a = routes.route(ex.getRequestMethod(), seg, query(ex), body, ex.getRequestHeaders().getFirst("Authorization"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      a = FakeRoutes.Answer.error(500, "M_UNKNOWN", "stopping");
    }
    requests.add(new RecordedRequest(ex.getRequestMethod(), "/" + String.join("/", seg),
        ex.getRequestURI().getRawQuery(), body, ex.getRequestHeaders().getFirst("Authorization"), a.status(),
        System.currentTimeMillis()));
    byte[] out = FakeRooms.JSON.writeValueAsBytes(a.body());
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(a.status(), out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> q = new java.util.HashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int i = kv.indexOf('=');
        String k = URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
        q.put(k, i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  @Override
  public void close() {
    http.stop(0);
    pool.shutdownNow();
    rooms.wakeAll();
  }
}
