package dev.vpnmanager.chat.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/** The few Client-Server API v3 calls the bot needs. */
public final class MatrixClient {
  private static final String C = "/_matrix/client/v3";
  private static final Duration CALL = Duration.ofSeconds(30);
  /** The first sync only needs the position and pending invites, not the history of every room. */
  private static final String FIRST_SYNC_FILTER = "{\"room\":{\"timeline\":{\"limit\":1}}}";
  private final MatrixHttp http;
  private final AtomicReference<CompletableFuture<?>> pendingPoll = new AtomicReference<>();
  private volatile boolean asyncUpload = true;

  MatrixClient(URI homeserver, MatrixHttp.Retry retry) {
    this.http = new MatrixHttp(homeserver, retry);
  }

  public static MatrixClient of(URI homeserver) {
    return new MatrixClient(homeserver, MatrixHttp.Retry.DEFAULT);
  }

  /** What to do when the homeserver has forgotten the access token (sign in again). */
  public void onUnknownToken(Runnable reauth) {
    http.onUnknownToken(reauth);
  }

  /** Uses an existing access token. */
  public void useToken(String token) {
    http.token(token);
  }

  /** m.login.password; keeps the new access token and returns the device id. */
  public String login(String user, String password, String deviceId) {
    var body = new java.util.LinkedHashMap<String, Object>();
    body.put("type", "m.login.password");
    body.put("identifier", Map.of("type", "m.id.user", "user", user));
    body.put("password", password);
    body.put("initial_device_display_name", "vpn-manager");
    if (deviceId != null) {
      body.put("device_id", deviceId);
    }
    JsonNode r = http.json("POST", C + "/login", body, CALL);
    http.token(r.path("access_token").asText());
    return r.path("device_id").asText(null);
  }

  /** Ends this session's access token (used by doctor after a password login). */
  public void logout() {
    http.json("POST", C + "/logout", Map.of(), CALL);
  }

  /** The user id the access token belongs to. */
  public String whoami() {
    return http.json("GET", C + "/account/whoami", null, CALL).path("user_id").asText();
  }

  /** The devices of {@code userId} that published end-to-end encryption keys ({@code /keys/query}). */
  public List<String> devicesWithKeys(String userId) {
    JsonNode r = http.json("POST", C + "/keys/query", Map.of("device_keys", Map.of(userId, List.of())), CALL);
    List<String> out = new java.util.ArrayList<>();
    r.path("device_keys").path(userId).fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** One /sync; waits up to {@code timeout} for news. {@link #cancelSync()} ends the wait at once. */
  public JsonNode sync(String since, Duration timeout) {
    String q = "?timeout=" + timeout.toMillis() + (since == null ? "&filter=" + enc(FIRST_SYNC_FILTER)
        : "&since=" + enc(since));
    return http.poll(C + "/sync" + q, timeout.plusSeconds(30), pendingPoll);
  }

  public void cancelSync() {
    CompletableFuture<?> f = pendingPoll.get();
    if (f != null) {
      f.cancel(true);
    }
  }

  public void join(String roomId) {
    http.json("POST", C + "/rooms/" + enc(roomId) + "/join", Map.of(), CALL);
  }

  /** Leaves a room, or declines an invite. */
  public void leave(String roomId) {
    http.json("POST", C + "/rooms/" + enc(roomId) + "/leave", Map.of(), CALL);
  }

  /**
   * Sends an event, in one attempt (the outbox retries); the homeserver stores one event per transaction id and
   * access token's device, so a retry never duplicates it.
   */
  public String send(String roomId, String type, Map<String, Object> content, String txnId) {
    String path = C + "/rooms/" + enc(roomId) + "/send/" + enc(type) + "/" + enc(txnId);
    return http.once("PUT", path, content, CALL).path("event_id").asText();
  }

  /**
   * Uploads a file for an encrypted room; returns its mxc:// URI. Behind an end-to-end encryption proxy
   * (pantalaimon) this is the call the proxy encrypts, and it then sends the key with the event.
   */
  public String upload(byte[] content, String contentType, String fileName) {
    JsonNode r = http.uploadOnce("POST", "/_matrix/media/v3/upload?filename=" + enc(fileName), content, contentType);
    return r.path("content_uri").asText();
  }

  /**
   * Uploads a file as it is, for an unencrypted room: reserves an mxc:// URI ({@code POST /_matrix/media/v1/create})
   * and puts the bytes there. pantalaimon passes this path through untouched, where it would encrypt a plain
   * upload (and the people in an unencrypted room would get the ciphertext). A homeserver without
   * asynchronous uploads (404 or 405) gets a plain upload.
   */
  public String uploadPlain(byte[] content, String contentType, String fileName) {
    if (asyncUpload) {
      try {
        String mxc = http.once("POST", "/_matrix/media/v1/create", Map.of(), CALL).path("content_uri").asText();
        URI uri = URI.create(mxc);
        String path = "/_matrix/media/v3/upload/" + enc(uri.getRawAuthority()) + uri.getRawPath() + "?filename=" + enc(fileName);
        http.uploadOnce("PUT", path, content, contentType);
        return mxc;
      } catch (MatrixException e) {
        if (e.status() != 404 && e.status() != 405) {
          throw e;
        }
        asyncUpload = false;
      }
    }
    return upload(content, contentType, fileName);
  }

  /** Opens an unencrypted direct room with one person; returns its room id. */
  public String createDirectRoom(String userId) {
    Map<String, Object> body = Map.of("preset", "trusted_private_chat", "is_direct", true,
        "invite", List.of(userId));
    return http.once("POST", C + "/createRoom", body, CALL).path("room_id").asText();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
